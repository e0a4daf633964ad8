package io.calsync.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU used over a measured stretch by each process taking part — the worker, the CalDAV server, PostgreSQL (all
 * its processes), this benchmark's own process (proxy, Kafka broker, clients) — and by the whole machine, read
 * from {@code /proc} (Linux clock ticks, 100 per second).
 */
final class CpuShares {

    private static final double TICKS_PER_SECOND = 100.0;

    /** Cores used on average over the stretch; {@code workerCpuSeconds} is the worker's CPU time in all. */
    record Shares(double worker, double caldav, double postgres, double benchmark, double machine, double workerCpuSeconds) {
    }

    private final long worker;
    private final long caldav;
    private final long[] before;

    private CpuShares(long worker, long caldav) {
        this.worker = worker;
        this.caldav = caldav;
        this.before = read();
    }

    static CpuShares start(long workerPid, long caldavPid) {
        return new CpuShares(workerPid, caldavPid);
    }

    /** What each used since {@link #start}, over {@code seconds} of wall-clock time. */
    Shares stop(double seconds) {
        long[] after = read();
        double[] cores = new double[after.length];
        for (int i = 0; i < after.length; i++) {
            cores[i] = (after[i] - before[i]) / TICKS_PER_SECOND / seconds;
        }
        double machineBusy = (after[4] - before[4]) / (double) (after[5] - before[5]) * Runtime.getRuntime().availableProcessors();
        return new Shares(cores[0], cores[1], cores[2], cores[3], machineBusy, (after[0] - before[0]) / TICKS_PER_SECOND);
    }

    /** {worker, caldav, postgres, benchmark, machine busy, machine total}. */
    private long[] read() {
        long[] machine = machineTicks();
        return new long[] {ticks(worker), ticks(caldav), postgresTicks(), ticks(ProcessHandle.current().pid()), machine[0],
                machine[1]};
    }

    /** utime + stime of a process, from /proc/<pid>/stat; 0 for a process that is gone. */
    private static long ticks(long pid) {
        try {
            List<String> fields = statFields(pid);
            return Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12));
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** The fields after the command name of /proc/<pid>/stat (state first), and the command name as field -1. */
    private static List<String> statFields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
    }

    private static long postgresTicks() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(CpuShares::isPostgres)
                    .mapToLong(p -> ticks(Long.parseLong(p.getFileName().toString())))
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isPostgres(Path process) {
        try {
            return Files.readString(process.resolve("comm")).strip().startsWith("postgres");
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }

    /** {busy, total} jiffies of the whole machine, from /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            return new long[] {total - idle, total};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
