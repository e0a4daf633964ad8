package io.calsync.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), started in this JVM
 * from Kafka's own server classes. Its data directory survives {@link #close()}: a broker started again on the
 * same directory and ports finds its topics and committed offsets. The data directory and Kafka's log and metadata
 * directories in it are owner-only ({@link OwnerOnlyDirectory}): the segment files hold the records, event titles
 * included, and Kafka creates them with the process umask's mode (world-readable under the usual 022).
 */
public final class KafkaBroker implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final KafkaRaftServer server;

    private KafkaBroker(Path dataDir, int port, KafkaRaftServer server) {
        this.dataDir = dataDir;
        this.port = port;
        this.server = server;
    }

    /** Starts a broker on {@code port} (its controller on {@code controllerPort}), formatting {@code dataDir} if new. */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort) {
        Properties props = config(dataDir, port, controllerPort);
        format(dataDir, props);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(dataDir, port, server);
    }

    /** Starts a broker on fresh free ports. */
    public static KafkaBroker start(Path dataDir) {
        return start(dataDir, FreePorts.next(), FreePorts.next());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static Properties config(Path dataDir, int port, int controllerPort) {
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", "1");
        props.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", dataDir.resolve("logs").toString());
        props.setProperty("metadata.log.dir", dataDir.resolve("metadata").toString());
        props.setProperty("num.partitions", "3");
        props.setProperty("auto.create.topics.enable", "true");
        props.setProperty("offsets.topic.replication.factor", "1");
        props.setProperty("offsets.topic.num.partitions", "3");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("share.coordinator.state.topic.replication.factor", "1");
        props.setProperty("share.coordinator.state.topic.min.isr", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // the single controller appends a no-op record to the metadata log every 500 ms by default, which with its
        // replication to the broker side is most of an idle broker's CPU; a single node needs no such heartbeat often
        props.setProperty("metadata.max.idle.interval.ms", "5000");
        return props;
    }

    private static void format(Path dataDir, Properties props) {
        try {
            OwnerOnlyDirectory.ensure(dataDir);
            OwnerOnlyDirectory.ensure(Path.of(props.getProperty("log.dirs")));
            OwnerOnlyDirectory.ensure(Path.of(props.getProperty("metadata.log.dir")));
            Path clusterIdFile = dataDir.resolve("cluster.id");
            if (!Files.exists(clusterIdFile)) {
                Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
            }
            Path propsFile = dataDir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(propsFile)) {
                props.store(out, "calsync embedded Kafka broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = StorageTool.execute(new String[] {"format", "--ignore-formatted",
                    "-t", Files.readString(clusterIdFile).trim(), "-c", propsFile.toString()},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exit != 0) {
                throw new IllegalStateException("formatting Kafka storage in " + dataDir + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka data directory " + dataDir, e);
        }
    }
}
