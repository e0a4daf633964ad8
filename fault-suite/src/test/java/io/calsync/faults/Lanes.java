package io.calsync.faults;

import io.calsync.testsupport.RestartablePostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The environments the suite's classes share. A lane is one {@link ReliabilityEnvironment} (broker, Radicale, proxy,
 * database); the classes of a lane run one after another (each carries {@code @ResourceLock} of its lane), the lanes
 * side by side. Every broker, Radicale and idle service costs CPU for as long as it lives, and the suite shares two
 * cores with the rest of the build: four lanes instead of an environment per class (with less idle work in each)
 * took the suite from 1,150 to 900 CPU-s. Each class closes the workers and availability-services it started ({@link
 * ReliabilityEnvironment#closeProcesses()}), so the next class of its lane starts on a quiet environment; the lanes
 * are closed when the whole run ends (this class is the JUnit launcher session's listener). The classes that mostly
 * wait (a minute of PostgreSQL or Apple away) go first in their lanes ({@code @Order(1)}), so that their waiting
 * overlaps the other lanes' CPU-bound work instead of trailing after it.
 */
public final class Lanes implements LauncherSessionListener {

    /** The worker killed while 2,000 records stream in ({@link ReliabilityIntegrationTests}): heavy, alone. */
    static final String CRASHES = "lane-crashes";
    /** Several instances sharing pushes and polls with Apple slower than the leases. */
    static final String LEASES = "lane-leases";
    /** On a PostgreSQL of the lane's own, which {@link DatabaseOutageIntegrationTests} stops; the broker killed. */
    static final String INFRASTRUCTURE = "lane-infrastructure";
    /** The read path killed mid-change, and Apple failing for a minute. */
    static final String READ_AND_APPLE = "lane-read-and-apple";

    private static final Map<String, ReliabilityEnvironment> ENVIRONMENTS = new ConcurrentHashMap<>();
    private static volatile RestartablePostgres postgres;

    /**
     * The lane's environment, started by the first class that asks. A lane's classes run one at a time, so no two
     * threads ask for one lane at once (and the lanes start side by side, none waiting for another's broker).
     */
    static ReliabilityEnvironment environment(String lane) {
        ReliabilityEnvironment env = ENVIRONMENTS.get(lane);
        if (env == null) {
            env = lane.equals(INFRASTRUCTURE) ? new ReliabilityEnvironment(restartablePostgres()::freshDatabase)
                    : new ReliabilityEnvironment();
            ENVIRONMENTS.put(lane, env);
        }
        return env;
    }

    /** The PostgreSQL of the {@link #INFRASTRUCTURE} lane, which its tests may stop and start. */
    static synchronized RestartablePostgres restartablePostgres() {
        if (postgres == null) {
            postgres = RestartablePostgres.start();
        }
        return postgres;
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        List<Thread> closing = new ArrayList<>();
        for (ReliabilityEnvironment env : ENVIRONMENTS.values()) {
            Thread thread = new Thread(env::close, "closing a lane");
            thread.start();
            closing.add(thread);
        }
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ENVIRONMENTS.clear();
        if (postgres != null) {
            postgres.close();
        }
    }
}
