package io.calsync.infra;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link KafkaBroker} as its own OS process: {@code KafkaBrokerMain <dataDir> <port> <controllerPort>}.
 * Prints {@value #READY} on standard output once the broker accepts connections; stops on SIGTERM. Tests use it
 * to kill a broker with {@code kill -9} and start it again on the same data.
 */
public final class KafkaBrokerMain {

    public static final String READY = "CALSYNC-KAFKA-READY";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: KafkaBrokerMain <dataDir> <port> <controllerPort>");
            System.exit(2);
        }
        KafkaBroker broker = KafkaBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-broker-shutdown"));
        System.out.println(READY + " " + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }
}
