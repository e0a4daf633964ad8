package io.calsync.testsupport;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;

import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A proxy in front of Radicale that behaves like iCloud's CalDAV service (see ICLOUD.md), so that calsync's tests
 * meet iCloud's quirks on a real CalDAV server:
 * <ul>
 *   <li>discovery starts on a <em>root</em> host:port that only answers PROPFIND for discovery, and its
 *       {@code calendar-home-set} is an absolute URL on a second <em>partition</em> host:port, with an explicit
 *       port, as {@code https://p62-caldav.icloud.com:443/...};
 *   <li>a 401 has an empty body and two challenges, {@code X-MobileMe-AuthToken} and {@code Basic}; an Apple ID can
 *       be {@linkplain Switches#revokePassword() revoked} (what an Apple ID password reset does);
 *   <li>503 with {@code Retry-After} on demand (a number of times, or as an outage), connections closed without an
 *       answer, added latency;
 *   <li>500 on a GET of a single event (reported for iCloud; clients use calendar-multiget);
 *   <li>read-only calendars (shared by another Apple ID): privileges say read only, writes get 403;
 *   <li>canned PROPFIND and REPORT answers, for broken or hostile XML;
 *   <li>RFC 6578 sync tokens {@linkplain Switches#dropSyncTokens() dropped silently} (the report then lists every
 *       member as changed, as iCloud is reported to do), {@linkplain Switches#refuseSyncTokens(int) refused} (403 or
 *       409 with {@code valid-sync-token}, 412, 500), or answered {@linkplain Switches#truncateSyncReports(int) in
 *       truncated pages} (RFC 6578 section 3.6, 507 on the collection);
 *   <li>calendar-multiget answers that {@linkplain Switches#omitFromMultiget(String...) leave out} some resources,
 *       that serve {@linkplain Switches#corruptCalendarData(String, String) other calendar-data} than the server
 *       stores for a resource (what Radicale refuses to store: unparsable iCalendar, unknown TZIDs), or that are
 *       {@linkplain Switches#answerNextMultigetWith(String) canned};
 *   <li>answers gzip-compressed when the client accepts it, as a CDN-fronted service does.
 * </ul>
 * Each behaviour is switched per Apple ID ({@link #forAppleId(String)}) or for everyone ({@link #everyone()}),
 * and counted in {@link #requests()}, with the bytes of each request and answer.
 */
public final class ICloudProxy implements AutoCloseable {

    private static final Pattern HOME_SET = Pattern.compile(
            "(<(?:\\w+:)?calendar-home-set[^>]*>\\s*<(?:\\w+:)?href>)(/[^<]*)(</)");
    private static final Pattern RESPONSE = Pattern.compile("<(?:\\w+:)?response>.*?</(?:\\w+:)?response>", Pattern.DOTALL);
    private static final Pattern PRIVILEGES = Pattern.compile(
            "<((?:\\w+:)?)current-user-privilege-set>.*?</(?:\\w+:)?current-user-privilege-set>", Pattern.DOTALL);
    private static final Set<String> FORWARDED_REQUEST_HEADERS = Set.of(
            "authorization", "content-type", "depth", "if-match", "if-none-match", "prefer", "brief");
    private static final Set<String> FORWARDED_RESPONSE_HEADERS = Set.of("etag", "content-type", "dav", "allow", "location");
    private static final String EVERYONE = "*";
    private static final Pattern SYNC_TOKEN = Pattern.compile(
            "(<(?:\\w+:)?sync-token(?:\\s[^>]*)?>)(.*?)(</(?:\\w+:)?sync-token>)", Pattern.DOTALL);
    private static final Pattern HREF = Pattern.compile("<(?:\\w+:)?href>([^<]*)</(?:\\w+:)?href>");
    private static final Pattern MULTISTATUS_END = Pattern.compile("</(?:\\w+:)?multistatus>\\s*$");
    private static final Pattern CALENDAR_DATA = Pattern.compile(
            "(<(?:\\w+:)?calendar-data(?:\\s[^>]*)?>)(.*?)(</(?:\\w+:)?calendar-data>)", Pattern.DOTALL);
    private static final String PAGE_TOKEN_PREFIX = "http://icloud-proxy.invalid/sync/page/";

    private final Radicale upstream;
    private final HttpServer root;
    private final HttpServer partition;
    private final ExecutorService workers = Executors.newFixedThreadPool(32);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Switches> switches = new ConcurrentHashMap<>();
    private final Set<String> readOnlyCalendars = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Integer> maxInFlight = new ConcurrentHashMap<>();
    private volatile boolean singleGetsFail = true;
    private volatile boolean compressAnswers = true;
    /** Truncated sync-collection answers still to be served, by the page token that asks for them. */
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private final AtomicInteger pageCounter = new AtomicInteger();

    /**
     * One request that reached the proxy: which host it came to, and what it asked for.
     *
     * @param requestBytes the request body's length
     * @param wireBytes the answer body's length as sent to the client (gzip-compressed when it accepted that)
     * @param decodedBytes the answer body's length uncompressed
     */
    /**
     * One request as the proxy saw it: {@code arrived} when it came in, {@code answered} when the proxy began to send
     * its answer (or dropped the connection), before the client could have read it.
     */
    public record Request(boolean partitionHost, String method, String path, String appleId, int status, String userAgent,
            long upstreamMillis, long requestBytes, long wireBytes, long decodedBytes, Instant arrived, Instant answered) {

        /** Whether the two requests were in progress at the same time. */
        public boolean overlaps(Request other) {
            return arrived.isBefore(other.answered) && other.arrived.isBefore(answered);
        }

        @Override
        public String toString() {
            return method + " " + path + " " + status + " by " + userAgent + ", " + arrived + " to " + answered;
        }
    }

    /** The rest of a truncated sync-collection answer, served page by page to whoever continues with its token. */
    private record Page(String appleId, String skeleton, List<String> responses, int from, int pageSize,
            String collectionPath, String finalToken) {
    }

    /** The behaviours of one Apple ID (or of everyone). All off until switched on. */
    public static final class Switches {
        private volatile Duration latency = Duration.ZERO;
        private volatile Set<String> latencyMethods;
        private volatile Duration outageRetryAfter;
        private final AtomicInteger throttled = new AtomicInteger();
        private volatile Duration throttleRetryAfter;
        private final AtomicInteger resets = new AtomicInteger();
        private volatile boolean revoked;
        private volatile boolean omitEtagOnPut;
        private final List<String> cannedPropfinds = new CopyOnWriteArrayList<>();
        private final List<String> cannedReports = new CopyOnWriteArrayList<>();
        private volatile boolean dropSyncTokens;
        private volatile int refuseSyncTokensWith;
        private volatile int syncPageSize;
        private final Set<String> omittedFromMultiget = ConcurrentHashMap.newKeySet();
        private final Map<String, String> corruptedCalendarData = new ConcurrentHashMap<>();
        private final List<String> cannedMultigets = new CopyOnWriteArrayList<>();
        private volatile List<String> calendarUserAddresses;

        /** Adds {@code delay} before every answer. */
        public Switches latency(Duration delay) {
            this.latency = delay;
            this.latencyMethods = null;
            return this;
        }

        /** Adds {@code delay} before forwarding each request of these methods (slow writes, while reads are quick). */
        public Switches latency(Duration delay, String... methods) {
            this.latency = delay;
            this.latencyMethods = Set.of(methods);
            return this;
        }

        private Duration latencyOf(String method) {
            return latency.isZero() || latencyMethods != null && !latencyMethods.contains(method) ? null : latency;
        }

        /** Every request gets 503 with {@code Retry-After} (seconds; null: no header) until {@link #endOutage()}. */
        public Switches outage(Duration retryAfter) {
            this.outageRetryAfter = retryAfter == null ? Duration.ofSeconds(-1) : retryAfter;
            return this;
        }

        public Switches endOutage() {
            this.outageRetryAfter = null;
            return this;
        }

        /** The next {@code count} requests get 503 with {@code Retry-After}. */
        public Switches throttle(int count, Duration retryAfter) {
            this.throttleRetryAfter = retryAfter;
            this.throttled.set(count);
            return this;
        }

        /** The next {@code count} connections are closed without any answer. */
        public Switches resetConnections(int count) {
            this.resets.set(count);
            return this;
        }

        /** The app-specific password stops working, as after an Apple ID password reset: every request gets 401. */
        public Switches revokePassword() {
            this.revoked = true;
            return this;
        }

        public Switches restorePassword() {
            this.revoked = false;
            return this;
        }

        /** PUT answers carry no ETag (iCloud does not promise one): the client has to ask for it. */
        public Switches omitEtagOnPut() {
            this.omitEtagOnPut = true;
            return this;
        }

        /** The next PROPFIND is answered 207 with exactly {@code body}. */
        public Switches answerNextPropfindWith(String body) {
            this.cannedPropfinds.add(body);
            return this;
        }

        /** The next REPORT is answered 207 with exactly {@code body} (garbage, entity expansion, anything). */
        public Switches answerNextReportWith(String body) {
            this.cannedReports.add(body);
            return this;
        }

        /**
         * Every sync-collection REPORT's token is dropped silently: the request reaches the server with an empty
         * {@code <sync-token>}, so the answer lists every member as changed and none as removed (the proxy takes out
         * the removals Radicale still lists for an empty token), with a fresh token.
         */
        public Switches dropSyncTokens() {
            this.dropSyncTokens = true;
            return this;
        }

        /**
         * Every sync-collection REPORT with a non-empty token is refused with {@code status}: 403 and 409 carry
         * RFC 6578's {@code <D:error><D:valid-sync-token/></D:error>}, other statuses (412, 500, ...) an empty body.
         * 0 switches it off.
         */
        public Switches refuseSyncTokens(int status) {
            this.refuseSyncTokensWith = status;
            return this;
        }

        /**
         * sync-collection answers with more than {@code pageSize} members are truncated as RFC 6578 section 3.6 allows:
         * the first {@code pageSize} members, a response for the collection with status 507 and a
         * {@code number-of-matches-within-limits} error, and a page token. A client continuing with that token gets
         * the next page (from a snapshot of the server's complete answer, without asking the server again), and the
         * last page carries the server's own token: continuing until no 507 comes gives exactly the complete answer.
         * 0 switches it off.
         */
        public Switches truncateSyncReports(int pageSize) {
            this.syncPageSize = pageSize;
            return this;
        }

        /** calendar-multiget answers leave out the resources with these names (last path segment, decoded). */
        public Switches omitFromMultiget(String... resourceNames) {
            this.omittedFromMultiget.addAll(List.of(resourceNames));
            return this;
        }

        /**
         * Every calendar-multiget answer serves {@code icalendar} as the calendar-data of the resource named
         * {@code resourceName} (last path segment, decoded), with the ETag the server gave. Radicale refuses to store
         * what iCloud has been seen to serve (unparsable text, a TZID without VTIMEZONE): PUT a valid new version
         * first, so that the ETag changes as it would on iCloud, and this stands in for its text.
         */
        public Switches corruptCalendarData(String resourceName, String icalendar) {
            this.corruptedCalendarData.put(resourceName, icalendar);
            return this;
        }

        /**
         * PROPFINDs for the principal's {@code calendar-user-address-set} (RFC 6638 section 2.4.1) answer these
         * addresses, as iCloud lists an account's e-mail addresses ({@code mailto:...}) and its {@code urn:uuid:}.
         */
        public Switches calendarUserAddresses(String... addresses) {
            this.calendarUserAddresses = List.of(addresses);
            return this;
        }

        /**
         * The next calendar-multiget REPORT is answered 207 with exactly {@code body}; sync-collection and other
         * REPORTs before it reach the server (unlike {@link #answerNextReportWith(String)}).
         */
        public Switches answerNextMultigetWith(String body) {
            this.cannedMultigets.add(body);
            return this;
        }
    }

    private ICloudProxy(Radicale upstream) {
        this.upstream = upstream;
        try {
            // port 0: the system picks a free one while binding, so no one else can take it in between
            this.root = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            this.partition = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the iCloud proxy's ports", e);
        }
        root.createContext("/", exchange -> handle(exchange, false));
        partition.createContext("/", exchange -> handle(exchange, true));
        root.setExecutor(workers);
        partition.setExecutor(workers);
        root.start();
        partition.start();
    }

    public static ICloudProxy start(Radicale upstream) {
        return new ICloudProxy(upstream);
    }

    /** Where discovery starts, like {@code https://caldav.icloud.com/}. */
    public String rootUrl() {
        return "http://127.0.0.1:" + root.getAddress().getPort() + "/";
    }

    /** The partition host that calendar homes point to, like {@code https://p62-caldav.icloud.com:443}. */
    public String partitionUrl() {
        return "http://127.0.0.1:" + partition.getAddress().getPort();
    }

    /** Both host:port pairs, for {@code calsync.caldav.insecure-hosts}. */
    public String hostPorts() {
        return "127.0.0.1:" + root.getAddress().getPort() + ",127.0.0.1:" + partition.getAddress().getPort();
    }

    public Switches forAppleId(String appleId) {
        return switches.computeIfAbsent(appleId, k -> new Switches());
    }

    public Switches everyone() {
        return switches.computeIfAbsent(EVERYONE, k -> new Switches());
    }

    /** Makes a calendar read-only for its owner, like a calendar shared read-only by another Apple ID. */
    public void makeReadOnly(String calendarPath) {
        readOnlyCalendars.add(calendarPath);
    }

    public void singleGetsFail(boolean fail) {
        this.singleGetsFail = fail;
    }

    /** Whether answers are gzip-compressed for clients that accept it (on by default, as iCloud's are). */
    public void compressAnswers(boolean compress) {
        this.compressAnswers = compress;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public List<Request> requestsOf(String appleId) {
        return requests.stream().filter(r -> appleId.equals(r.appleId())).toList();
    }

    /** The answered requests of one Apple ID that were in progress together with another of its requests. */
    public List<String> overlappingRequests(String appleId) {
        List<Request> of = requestsOf(appleId);
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < of.size(); i++) {
            for (int j = i + 1; j < of.size(); j++) {
                if (of.get(i).overlaps(of.get(j))) {
                    pairs.add(of.get(i) + " overlaps " + of.get(j));
                }
            }
        }
        return pairs;
    }

    /** Every behaviour off again (single GETs keep failing, as on iCloud). */
    public void reset() {
        switches.clear();
        maxInFlight.clear();
        readOnlyCalendars.clear();
        pages.clear();
        singleGetsFail = true;
        compressAnswers = true;
    }

    private void handle(HttpExchange exchange, boolean onPartition) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String appleId = appleId(exchange.getRequestHeaders());
        String key = appleId == null ? "" : appleId;
        userAgent.set(exchange.getRequestHeaders().getFirst("User-Agent"));
        requestLength.set(0L);
        arrivedAt.set(Instant.now());
        int concurrent = inFlight.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        maxInFlight.merge(key, concurrent, Math::max);
        inFlightKey.set(key);
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requestLength.set((long) body.length);
            Switches mine = appleId == null ? null : switches.get(appleId);
            Switches all = switches.get(EVERYONE);
            simulateLatency(mine, all, method);
            if (consume(mine, s -> s.resets) || consume(all, s -> s.resets)) {
                record(onPartition, method, path, appleId, 0);
                return; // closed without a status line: what a reset connection looks like to the client
            }
            Duration outage = firstNonNull(mine == null ? null : mine.outageRetryAfter, all == null ? null : all.outageRetryAfter);
            if (outage != null) {
                send(exchange, onPartition, appleId, 503, retryAfter(outage), new byte[0]);
                return;
            }
            if (consume(mine, s -> s.throttled) || consume(all, s -> s.throttled)) {
                Switches source = mine != null && mine.throttleRetryAfter != null ? mine : all;
                send(exchange, onPartition, appleId, 503, retryAfter(source.throttleRetryAfter), new byte[0]);
                return;
            }
            if ((mine != null && mine.revoked) || (all != null && all.revoked)) {
                sendUnauthorized(exchange, onPartition, appleId);
                return;
            }
            if (!onPartition && !(method.equals("PROPFIND") && isDiscoveryPath(path))) {
                send(exchange, false, appleId, 404, Map.of(), new byte[0]); // the root host only does discovery
                return;
            }
            if (method.equals("GET") && path.endsWith(".ics") && singleGetsFail) {
                send(exchange, onPartition, appleId, 500, Map.of(), new byte[0]);
                return;
            }
            if ((method.equals("PUT") || method.equals("DELETE")) && isReadOnly(path)) {
                send(exchange, onPartition, appleId, 403, Map.of(), new byte[0]);
                return;
            }
            String canned = method.equals("PROPFIND") ? nextCanned(mine, all, s -> s.cannedPropfinds)
                    : method.equals("REPORT") ? nextCanned(mine, all, s -> s.cannedReports) : null;
            List<String> addresses = mine == null ? null : mine.calendarUserAddresses;
            if (canned == null && addresses != null && method.equals("PROPFIND")
                    && new String(body, StandardCharsets.UTF_8).contains("calendar-user-address-set")) {
                StringBuilder hrefs = new StringBuilder();
                addresses.forEach(a -> hrefs.append("<D:href>").append(a).append("</D:href>"));
                canned = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:multistatus xmlns:D=\"DAV:\" "
                        + "xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:response><D:href>" + path + "</D:href><D:propstat>"
                        + "<D:prop><C:calendar-user-address-set>" + hrefs + "</C:calendar-user-address-set></D:prop>"
                        + "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response></D:multistatus>";
            }
            if (canned == null && method.equals("REPORT")
                    && new String(body, StandardCharsets.UTF_8).contains("calendar-multiget")) {
                canned = nextCanned(mine, all, s -> s.cannedMultigets);
            }
            if (canned != null) {
                send(exchange, onPartition, appleId, 207, Map.of("Content-Type", "application/xml; charset=utf-8"),
                        canned.getBytes(StandardCharsets.UTF_8));
                return;
            }
            String xml = method.equals("REPORT") ? new String(body, StandardCharsets.UTF_8) : "";
            boolean tokenDropped = false;
            if (xml.contains("sync-collection")) {
                Matcher token = SYNC_TOKEN.matcher(xml);
                String given = token.find() ? token.group(2).trim() : "";
                Page page = given.startsWith(PAGE_TOKEN_PREFIX) ? pages.remove(given) : null;
                if (page != null && Objects.equals(page.appleId(), appleId)) {
                    sendXml(exchange, onPartition, appleId, 207, nextPage(page));
                    return;
                }
                int refusal = firstPositive(mine == null ? 0 : mine.refuseSyncTokensWith,
                        all == null ? 0 : all.refuseSyncTokensWith);
                if (!given.isEmpty() && refusal > 0) {
                    sendXml(exchange, onPartition, appleId, refusal, refusal == 403 || refusal == 409
                            ? "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<D:error xmlns:D=\"DAV:\"><D:valid-sync-token/></D:error>"
                            : "");
                    return;
                }
                if (!given.isEmpty() && ((mine != null && mine.dropSyncTokens) || (all != null && all.dropSyncTokens))) {
                    body = token.replaceFirst(m -> Matcher.quoteReplacement(m.group(1) + m.group(3)))
                            .getBytes(StandardCharsets.UTF_8);
                    tokenDropped = true;
                }
            }
            forward(exchange, onPartition, appleId, method, body, tokenDropped);
        } finally {
            answered();
        }
    }

    /**
     * The request of this thread is no longer in progress: called when its answer starts (before the client can read
     * it and send its next request) or, at the latest, when its handling ends.
     */
    private void answered() {
        String key = inFlightKey.get();
        if (key != null) {
            inFlightKey.remove();
            inFlight.get(key).decrementAndGet();
        }
    }

    /**
     * The most requests of one Apple ID that were ever in progress at the same time: from a request's arrival until
     * the proxy begins its answer, so a client's next request right after an answer never counts as concurrent.
     */
    public int maxConcurrentRequests(String appleId) {
        return maxInFlight.getOrDefault(appleId, 0);
    }

    private void forward(HttpExchange exchange, boolean onPartition, String appleId, String method, byte[] body,
            boolean tokenDropped) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream.baseUrl() + exchange.getRequestURI()))
                .timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (FORWARDED_REQUEST_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> request.header(name, v));
            }
        });
        long began = System.nanoTime();
        HttpResponse<byte[]> response = sendUpstream(request.build());
        upstreamMillis.set((System.nanoTime() - began) / 1_000_000);
        if (response.statusCode() == 401) {
            sendUnauthorized(exchange, onPartition, appleId);
            return;
        }
        Map<String, String> headers = new java.util.HashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (FORWARDED_RESPONSE_HEADERS.contains(name.toLowerCase()) && !values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        Switches mine = appleId == null ? null : switches.get(appleId);
        if (method.equals("PUT") && mine != null && mine.omitEtagOnPut) {
            headers.keySet().removeIf(name -> name.equalsIgnoreCase("ETag"));
        }
        byte[] answer = response.body();
        if (response.statusCode() == 207) {
            String xml = rewrite(new String(answer, StandardCharsets.UTF_8));
            String requestXml = method.equals("REPORT") ? new String(body, StandardCharsets.UTF_8) : "";
            Switches all = switches.get(EVERYONE);
            if (requestXml.contains("sync-collection")) {
                if (tokenDropped) {
                    // Radicale still names members it deleted long ago; a server that forgot the token does not
                    xml = RESPONSE.matcher(xml).replaceAll(m -> m.group().contains(" 404 ") && !m.group().contains("propstat")
                            ? "" : Matcher.quoteReplacement(m.group()));
                }
                int pageSize = firstPositive(mine == null ? 0 : mine.syncPageSize, all == null ? 0 : all.syncPageSize);
                xml = pageSize > 0 ? firstPage(xml, pageSize, exchange.getRequestURI().getRawPath(), appleId) : xml;
            } else if (requestXml.contains("calendar-multiget")) {
                Set<String> omitted = new java.util.HashSet<>();
                Map<String, String> corrupted = new java.util.HashMap<>();
                for (Switches s : new Switches[] {all, mine}) {
                    if (s != null) {
                        omitted.addAll(s.omittedFromMultiget);
                        corrupted.putAll(s.corruptedCalendarData);
                    }
                }
                xml = omitted.isEmpty() ? xml : omit(xml, omitted);
                xml = corrupted.isEmpty() ? xml : corrupt(xml, corrupted);
            }
            answer = xml.getBytes(StandardCharsets.UTF_8);
        }
        send(exchange, onPartition, appleId, response.statusCode(), headers, answer);
    }

    /** Truncates a complete sync-collection answer to its first page, keeping the rest for the continuations. */
    private String firstPage(String xml, int pageSize, String collectionPath, String appleId) {
        List<String> responses = new ArrayList<>();
        Matcher response = RESPONSE.matcher(xml);
        while (response.find()) {
            responses.add(response.group());
        }
        if (responses.size() <= pageSize) {
            return xml;
        }
        Matcher token = SYNC_TOKEN.matcher(xml);
        String finalToken = token.find() ? token.group(2) : "";
        String skeleton = RESPONSE.matcher(xml).replaceAll("");
        return nextPage(new Page(appleId, skeleton, List.copyOf(responses), 0, pageSize, collectionPath, finalToken));
    }

    private String nextPage(Page page) {
        int to = Math.min(page.responses().size(), page.from() + page.pageSize());
        boolean more = to < page.responses().size();
        String token = page.finalToken();
        StringBuilder members = new StringBuilder();
        page.responses().subList(page.from(), to).forEach(members::append);
        if (more) {
            token = PAGE_TOKEN_PREFIX + pageCounter.incrementAndGet() + "-" + java.util.UUID.randomUUID();
            pages.put(token, new Page(page.appleId(), page.skeleton(), page.responses(), to, page.pageSize(),
                    page.collectionPath(), page.finalToken()));
            members.append("<D:response xmlns:D=\"DAV:\"><D:href>").append(page.collectionPath())
                    .append("</D:href><D:status>HTTP/1.1 507 Insufficient Storage</D:status>")
                    .append("<D:error><D:number-of-matches-within-limits/></D:error></D:response>");
        }
        String newToken = token;
        String withToken = SYNC_TOKEN.matcher(page.skeleton())
                .replaceFirst(m -> Matcher.quoteReplacement(m.group(1) + newToken + m.group(3)));
        Matcher end = MULTISTATUS_END.matcher(withToken);
        if (!end.find()) {
            throw new IllegalStateException("not a multistatus: " + withToken);
        }
        return withToken.substring(0, end.start()) + members + withToken.substring(end.start());
    }

    /** A multiget answer without the responses for the given resource names. */
    private static String omit(String xml, Set<String> names) {
        return RESPONSE.matcher(xml).replaceAll(m -> names.contains(resourceName(m.group())) ? ""
                : Matcher.quoteReplacement(m.group()));
    }

    /** A multiget answer with other calendar-data for the given resource names, XML-escaped as a server would. */
    private static String corrupt(String xml, Map<String, String> texts) {
        return RESPONSE.matcher(xml).replaceAll(m -> {
            String text = texts.get(resourceName(m.group()));
            if (text == null) {
                return Matcher.quoteReplacement(m.group());
            }
            String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;");
            return Matcher.quoteReplacement(CALENDAR_DATA.matcher(m.group())
                    .replaceFirst(cd -> Matcher.quoteReplacement(cd.group(1) + escaped + cd.group(3))));
        });
    }

    /** The decoded last path segment of a response's first href. */
    private static String resourceName(String response) {
        Matcher href = HREF.matcher(response);
        String path = href.find() ? URI.create(href.group(1).trim()).getPath() : "";
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** iCloud's multistatus: the calendar home on the partition host, read-only calendars without write privileges. */
    private String rewrite(String xml) {
        Matcher home = HOME_SET.matcher(xml);
        String rewritten = home.replaceAll(m -> Matcher.quoteReplacement(m.group(1) + partitionUrl() + m.group(2) + m.group(3)));
        if (readOnlyCalendars.isEmpty()) {
            return rewritten;
        }
        Matcher response = RESPONSE.matcher(rewritten);
        return response.replaceAll(m -> {
            String block = m.group();
            boolean readOnly = readOnlyCalendars.stream().anyMatch(p -> block.contains(">" + p + "<")
                    || block.contains(">" + p.replace("@", "%40") + "<"));
            return Matcher.quoteReplacement(readOnly ? PRIVILEGES.matcher(block).replaceAll(pm ->
                    "<" + pm.group(1) + "current-user-privilege-set><" + pm.group(1) + "privilege><" + pm.group(1)
                            + "read/></" + pm.group(1) + "privilege></" + pm.group(1) + "current-user-privilege-set>")
                    : block);
        });
    }

    private HttpResponse<byte[]> sendUpstream(HttpRequest request) throws IOException {
        try {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException staleConnection) {
                // Radicale closes every connection (HTTP/1.0); a reused one fails before Radicale sees the request
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Exactly what iCloud answers: an empty body and two challenges, the Apple one first. */
    private void sendUnauthorized(HttpExchange exchange, boolean onPartition, String appleId) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.add("WWW-Authenticate", "X-MobileMe-AuthToken realm=\"MMCalDav\"");
        headers.add("WWW-Authenticate", "Basic realm=\"MMCalDav\"");
        send(exchange, onPartition, appleId, 401, Map.of(), new byte[0]);
    }

    private void sendXml(HttpExchange exchange, boolean onPartition, String appleId, int status, String xml)
            throws IOException {
        send(exchange, onPartition, appleId, status, xml.isEmpty() ? Map.of()
                : Map.of("Content-Type", "application/xml; charset=utf-8"), xml.getBytes(StandardCharsets.UTF_8));
    }

    private void send(HttpExchange exchange, boolean onPartition, String appleId, int status, Map<String, String> headers,
            byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean noBody = body.length == 0 || status == 204 || exchange.getRequestMethod().equals("HEAD");
        byte[] wire = noBody ? new byte[0] : body;
        String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (!noBody && compressAnswers && accepted != null && accepted.toLowerCase().contains("gzip")) {
            wire = gzip(body);
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        record(onPartition, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), appleId, status,
                wire.length, noBody ? 0 : body.length);
        exchange.sendResponseHeaders(status, noBody ? -1 : wire.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(wire);
            }
        }
    }

    private static byte[] gzip(byte[] body) throws IOException {
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream(body.length / 4 + 64);
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(compressed)) {
            out.write(body);
        }
        return compressed.toByteArray();
    }

    private final ThreadLocal<String> userAgent = new ThreadLocal<>();
    private final ThreadLocal<Long> upstreamMillis = ThreadLocal.withInitial(() -> 0L);
    private final ThreadLocal<Long> requestLength = ThreadLocal.withInitial(() -> 0L);
    private final ThreadLocal<Instant> arrivedAt = new ThreadLocal<>();
    private final ThreadLocal<String> inFlightKey = new ThreadLocal<>();

    private void record(boolean onPartition, String method, String path, String appleId, int status) {
        record(onPartition, method, path, appleId, status, 0, 0);
    }

    private void record(boolean onPartition, String method, String path, String appleId, int status, long wireBytes,
            long decodedBytes) {
        answered();
        requests.add(new Request(onPartition, method, path, appleId, status, userAgent.get(), upstreamMillis.get(),
                requestLength.get(), wireBytes, decodedBytes, arrivedAt.get(), Instant.now()));
        upstreamMillis.set(0L);
    }

    private static boolean isDiscoveryPath(String path) {
        // "/" for current-user-principal, "/<user>/" for calendar-home-set: one or no path segment
        return path.equals("/") || path.chars().filter(c -> c == '/').count() == 2 && path.endsWith("/");
    }

    private boolean isReadOnly(String rawPath) {
        String path = rawPath.replace("%40", "@");
        return readOnlyCalendars.stream().anyMatch(path::startsWith);
    }

    private static Map<String, String> retryAfter(Duration retryAfter) {
        return retryAfter == null || retryAfter.isNegative() ? Map.of()
                : Map.of("Retry-After", String.valueOf(retryAfter.toSeconds()));
    }

    private static void simulateLatency(Switches mine, Switches all, String method) {
        Duration delay = firstNonNull(mine == null ? null : mine.latencyOf(method), all == null ? null : all.latencyOf(method));
        if (delay != null) {
            try {
                Thread.sleep(delay.toMillis()); // the simulated network is slow; this is the server side, not a test waiting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean consume(Switches switches, java.util.function.Function<Switches, AtomicInteger> counter) {
        return switches != null && counter.apply(switches).getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private static String nextCanned(Switches mine, Switches all, java.util.function.Function<Switches, List<String>> queue) {
        for (Switches s : new Switches[] {mine, all}) {
            if (s != null && !queue.apply(s).isEmpty()) {
                return queue.apply(s).remove(0);
            }
        }
        return null;
    }

    private static int firstPositive(int a, int b) {
        return a > 0 ? a : b;
    }

    private static <T> T firstNonNull(T a, T b) {
        return a != null ? a : b;
    }

    private static String appleId(Headers headers) {
        String authorization = headers.getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void close() {
        root.stop(0);
        partition.stop(0);
        workers.shutdownNow();
    }

}
