package io.calsync.infra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds TCP ports on the loopback interface that nobody listens on, for servers that are given their port (a Kafka
 * broker, Radicale, the services). The ports come from below Linux's ephemeral range (32768 and up), which the
 * system hands to outgoing connections: a port picked there could be taken by any client's connection before its
 * server binds it (it happened with two test JVMs and thousands of connections side by side). Within one JVM a port
 * is handed out once only.
 */
public final class FreePorts {

    private static final int FIRST = 10_000;
    private static final int LAST = 32_767;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int next() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true); // as the servers bind it
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                return port;
            } catch (IOException inUse) {
                // someone listens there: another one
            }
        }
        throw new IllegalStateException("no free TCP port on the loopback interface between " + FIRST + " and " + LAST);
    }
}
