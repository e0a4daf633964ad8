package io.calsync.benchmarks;

import io.calsync.infra.FreePorts;
import io.calsync.infra.KafkaBroker;
import io.calsync.infra.PostgresServer;
import io.calsync.testsupport.ICloudProxy;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.TestTokens;
import io.calsync.worker.SyncWorkerApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * A sync-worker in its own process (so its CPU and heap are its own), wired to the benchmark's Kafka broker,
 * PostgreSQL database and iCloud proxy, polling each calendar only once an hour unless told otherwise. Optional
 * CPU pinning ({@code -Dcalsync.worker.cpus}) and JVM arguments ({@code -Dcalsync.worker.jvmArgs}).
 */
final class WorkerProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final int port;
    private final JsonHttp operator;

    private WorkerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.operator = new JsonHttp(baseUrl()).with("Authorization", TestTokens.bearer(TestTokens.operator()));
    }

    /** Starts the worker and waits until it is ready; {@code extraArgs} are Spring properties added last. */
    static WorkerProcess start(KafkaBroker kafka, PostgresServer postgres, String database, ICloudProxy icloud,
            String... extraArgs) throws IOException {
        int port = FreePorts.next();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<String> command = new ArrayList<>();
        String workerCpus = System.getProperty("calsync.worker.cpus");
        if (workerCpus != null && !workerCpus.isBlank()) {
            command.addAll(List.of("taskset", "-c", workerCpus));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        String jvmArgs = System.getProperty("calsync.worker.jvmArgs", "");
        if (!jvmArgs.isBlank()) {
            command.addAll(List.of(jvmArgs.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SyncWorkerApplication.class.getName(),
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.datasource.url=" + postgres.jdbcUrl(database),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                "--calsync.caldav.root-url=" + icloud.rootUrl(),
                "--calsync.caldav.insecure-hosts=" + icloud.hostPorts(),
                "--calsync.poll.interval=1h",
                "--logging.level.root=WARN"));
        command.addAll(List.of(extraArgs));
        Path log = Files.createTempFile("calsync-bench-worker-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CALSYNC_VAULT_CURRENTKEYID", "bench");
        builder.environment().put("CALSYNC_VAULT_KEYS_BENCH", Base64.getEncoder().encodeToString(key));
        WorkerProcess worker = new WorkerProcess(builder.start(), log, port);
        ServiceProcesses.awaitReady(worker.process, worker.baseUrl(), log, "worker");
        return worker;
    }

    Process process() {
        return process;
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A value of the worker's Actuator metric {@code name} (with an optional {@code tag}, "key:value"). */
    OptionalDouble metric(String name, String tag) {
        try {
            JsonHttp.Response answer = operator.get("/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag));
            if (answer.status() != 200) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(Double.parseDouble(answer.json().get("measurements").get(0).get("value").asString()));
        } catch (RuntimeException unavailable) {
            return OptionalDouble.empty();
        }
    }

    /** Heap in use now, in bytes. */
    double heapUsed() {
        return metric("jvm.memory.used", "area:heap").orElse(Double.NaN);
    }

    /** Heap in use right after a full garbage collection (jcmd GC.run): what the worker really holds. */
    double heapAfterFullGc() {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid()), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                return Double.NaN;
            }
            return heapUsed();
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    double heapMax() {
        return metric("jvm.memory.max", "area:heap").orElse(Double.NaN);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
