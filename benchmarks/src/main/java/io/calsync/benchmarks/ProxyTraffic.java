package io.calsync.benchmarks;

import io.calsync.testsupport.ICloudProxy;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Requests that reached the iCloud proxy over a measured stretch, and their bytes: sent by the client, answered on
 * the wire (gzip-compressed when the client accepted it) and answered decoded.
 */
record ProxyTraffic(List<ICloudProxy.Request> requests) {

    /** What reached {@code icloud} since {@code mark} (an earlier {@code requests().size()}) and matches {@code which}. */
    static ProxyTraffic since(ICloudProxy icloud, int mark, Predicate<ICloudProxy.Request> which) {
        List<ICloudProxy.Request> all = icloud.requests();
        return new ProxyTraffic(all.subList(Math.min(mark, all.size()), all.size()).stream().filter(which).toList());
    }

    int count() {
        return requests.size();
    }

    long sent() {
        return requests.stream().mapToLong(ICloudProxy.Request::requestBytes).sum();
    }

    long wire() {
        return requests.stream().mapToLong(ICloudProxy.Request::wireBytes).sum();
    }

    long decoded() {
        return requests.stream().mapToLong(ICloudProxy.Request::decodedBytes).sum();
    }

    /** REPORTs after the first one: calendar-multigets (or any other REPORT that carries event bodies). */
    long reportsAfterFirst() {
        return Math.max(0, requests.stream().filter(r -> r.method().equals("REPORT")).count() - 1);
    }

    /** "3 requests, 1.2 KB sent, 4.5 KB wire, 20.1 KB decoded". */
    String summary() {
        return String.format(Locale.ROOT, "%d request%s, %s sent, %s wire, %s decoded", count(), count() == 1 ? "" : "s",
                bytes(sent()), bytes(wire()), bytes(decoded()));
    }

    /** Each request on its own: method, status, bytes (for the profile of a missed budget). */
    String profile() {
        return requests.stream().map(r -> String.format(Locale.ROOT, "%s %d (%s sent, %s wire, %s decoded)", r.method(),
                r.status(), bytes(r.requestBytes()), bytes(r.wireBytes()), bytes(r.decodedBytes())))
                .collect(Collectors.joining("; "));
    }

    /** Methods and how many of each, e.g. "REPORT x11, PROPFIND x2". */
    String methods() {
        return requests.stream().collect(Collectors.groupingBy(ICloudProxy.Request::method, java.util.TreeMap::new,
                Collectors.counting())).entrySet().stream().map(e -> e.getKey() + " x" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String bytes(long n) {
        if (n < 10_000) {
            return n + " B";
        }
        return n < 10_000_000 ? String.format(Locale.ROOT, "%.1f KB", n / 1000.0)
                : String.format(Locale.ROOT, "%.1f MB", n / 1e6);
    }
}
