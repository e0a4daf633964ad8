package io.calsync.worker.caldav;

import com.github.sardine.impl.SardineImpl;
import com.github.sardine.impl.methods.HttpPropFind;
import com.github.sardine.impl.methods.HttpReport;
import com.github.sardine.model.Multistatus;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.http.HttpEntity;
import org.apache.http.HttpResponse;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.HttpDelete;
import org.apache.http.client.methods.HttpEntityEnclosingRequestBase;
import org.apache.http.client.methods.HttpPut;
import org.apache.http.client.methods.HttpRequestBase;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.HttpClientBuilder;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * calsync's CalDAV client. One instance serves every account: credentials travel with each call and are sent
 * pre-emptively (HTTP Basic) to whatever host the account's URLs point at, as iCloud requires. HTTPS only,
 * except for the hosts {@link CalDavProperties#insecureHosts()} allows, checked for every request sent.
 *
 * <p>Apple's answers are treated as untrusted: no redirect is followed (a redirect would carry the credentials to
 * whatever origin the server names; the client sends only the requests this class builds), every call has a
 * deadline, every answer a size limit and a nesting limit, and what is kept of an answer is bounded
 * ({@link StoredValues}).
 */
public class CalDavClient implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CalDavClient.class);

    private static final ContentType XML = ContentType.create("application/xml", StandardCharsets.UTF_8);
    private static final ContentType ICALENDAR = ContentType.create("text/calendar", StandardCharsets.UTF_8);
    private static final DateTimeFormatter ICAL_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Statuses with which servers refuse a sync-collection REPORT they cannot answer from the given token. */
    private static final Set<Integer> TOKEN_REFUSALS = Set.of(400, 403, 409, 412, 500, 501);
    private static final java.util.regex.Pattern TZID = java.util.regex.Pattern.compile(
            "(?m)^TZID(?:;[^:\r\n]*)?:([^\r\n]*)$");
    /** An Apple ID has a handful of addresses; a principal listing thousands is not one to match attendees by. */
    private static final int MAX_ADDRESSES = 50;

    private final CalDavProperties properties;
    private final Clock clock;
    private final Transport transport;
    private final CallDeadlines deadlines;

    /** @param instanceName names this worker instance in the User-Agent, for whoever reads the server's logs */
    private volatile CallObserver observer = (method, status, bytes, nanos) -> { };

    public CalDavClient(CalDavProperties properties, Clock clock, String instanceName) {
        this.properties = properties;
        this.clock = clock;
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setMaxTotal(properties.maxConnections());
        pool.setDefaultMaxPerRoute(properties.maxConnections());
        // servers close idle connections (iCloud does, so does the test proxy): check one idle for a while before use
        pool.setValidateAfterInactivity(500);
        RequestConfig timeouts = RequestConfig.custom()
                .setConnectTimeout((int) properties.connectTimeout().toMillis())
                .setConnectionRequestTimeout((int) properties.readTimeout().toMillis())
                .setSocketTimeout((int) properties.readTimeout().toMillis())
                .build();
        this.transport = new Transport(HttpClientBuilder.create()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(timeouts)
                .setUserAgent("calsync/1.0 (" + instanceName + ")")
                .disableRedirectHandling()
                .disableCookieManagement()
                .evictIdleConnections(20, java.util.concurrent.TimeUnit.SECONDS)
                .setRetryHandler(CalDavClient::retryStaleConnection));
        this.deadlines = new CallDeadlines(properties.callDeadline());
    }

    /**
     * A reading request (PROPFIND, REPORT) that met a pooled connection the server had closed meanwhile is sent once
     * more on a fresh one: the server never saw it. Writes are never repeated here; their callers reconcile.
     */
    private static boolean retryStaleConnection(java.io.IOException e, int executionCount,
            org.apache.http.protocol.HttpContext context) {
        if (executionCount > 1 || !(e instanceof org.apache.http.NoHttpResponseException)) {
            return false;
        }
        Object request = context.getAttribute(org.apache.http.protocol.HttpCoreContext.HTTP_REQUEST);
        return request instanceof org.apache.http.HttpRequest r
                && ("PROPFIND".equals(r.getRequestLine().getMethod()) || "REPORT".equals(r.getRequestLine().getMethod()));
    }

    /**
     * Finds the account's calendars: RFC 5397 current-user-principal on the root, then RFC 4791 section 6.2.1
     * calendar-home-set on the principal. iCloud answers the home with an absolute URL on a partition host
     * ({@code https://pNN-caldav.icloud.com:443/...}); that URL is followed as is, never rebuilt.
     */
    public DiscoveredAccount discover(AppleCredentials credentials) {
        URI root = properties.rootUrl();
        DavXml.Found rootProps = propfindSelf(root, credentials, "<D:current-user-principal/>");
        URI principal = rootProps.href(DavXml.DAV, "current-user-principal", root).orElseThrow(() ->
                new CalDavException.ProtocolViolation("PROPFIND " + root + " gave no current-user-principal"));
        DavXml.Found principalProps = propfindSelf(principal, credentials, "<C:calendar-home-set/>");
        URI home = principalProps.href(DavXml.CALDAV, "calendar-home-set", principal).orElseThrow(() ->
                new CalDavException.ProtocolViolation("PROPFIND " + principal + " gave no calendar-home-set"));
        return new DiscoveredAccount(principal, home, listCalendars(home, credentials));
    }

    /** RFC 4791 section 5.2: the calendar collections in the home set, with what they hold and who may write. */
    public List<RemoteCalendar> listCalendars(URI home, AppleCredentials credentials) {
        // the home itself and a few non-calendar collections (inbox, outbox, notifications) come on top of calendars
        Multistatus answer = propfind(home, "1", properties.maxCalendars() + 50, credentials, """
                <D:displayname/><D:resourcetype/><C:supported-calendar-component-set/><CS:getctag/>
                <D:sync-token/><I:calendar-color/><D:current-user-privilege-set/>""");
        List<RemoteCalendar> calendars = new ArrayList<>();
        for (DavXml.Found found : DavXml.successful(answer, home)) {
            if (!found.isCalendar()) {
                continue;
            }
            if (found.url().toString().length() > StoredValues.MAX_HREF_LENGTH) {
                log.warn("PROPFIND {} listed a calendar with an href of {} characters: skipped", home,
                        found.url().toString().length());
                continue;
            }
            if (calendars.size() == properties.maxCalendars()) {
                throw new CalDavException.AnswerTooLarge("PROPFIND " + home + " lists more than "
                        + properties.maxCalendars() + " calendars, more than calsync accepts for one account "
                        + "(calsync.caldav.max-calendars); nothing was saved");
            }
            calendars.add(new RemoteCalendar(lastSegment(found.url()), found.url(),
                    StoredValues.displayName(found.displayName(), properties.maxDisplayNameLength()),
                    StoredValues.color(found.text(DavXml.APPLE_ICAL, "calendar-color").orElse(null)),
                    found.components(), found.canWrite(),
                    StoredValues.token(found.text(DavXml.CALENDARSERVER, "getctag").orElse(null)),
                    StoredValues.token(found.text(DavXml.DAV, "sync-token").orElse(null))));
        }
        return calendars;
    }

    /** The collection's {@code getctag}: it changes whenever anything in the calendar changes. */
    public Optional<String> ctag(URI calendar, AppleCredentials credentials) {
        return propfindSelf(calendar, credentials, "<CS:getctag/>").text(DavXml.CALENDARSERVER, "getctag")
                .map(StoredValues::token);
    }

    /**
     * RFC 6578 section 3.2 {@code sync-collection}: what changed in the calendar since {@code syncToken} (empty or
     * null: the initial sync, listing every member), with each member's ETag. Depth 0 (section 3.3: the scope is the
     * {@code sync-level}, 1 for a calendar). A truncated answer (section 3.6) is returned with {@code truncated} set;
     * continuing with its token gives the rest.
     *
     * @throws CalDavException.SyncTokenRefused when the server refuses the REPORT (400, 403, 409, 412, 500, 501, or a
     *     507 without a report in it): the caller lists the collection instead. 401, 429/503 and timeouts keep
     *     their own exceptions.
     */
    public CollectionChanges syncCollection(URI calendar, String syncToken, AppleCredentials credentials) {
        String body = """
                <?xml version="1.0" encoding="utf-8"?>
                <D:sync-collection xmlns:D="DAV:">
                  <D:sync-token>%s</D:sync-token>
                  <D:sync-level>1</D:sync-level>
                  <D:prop><D:getetag/></D:prop>
                </D:sync-collection>""".formatted(xmlText(syncToken == null ? "" : syncToken));
        HttpReport report = new HttpReport(calendar);
        report.setDepth("0");
        report.setEntity(new StringEntity(body, XML));
        Partial answer = send(report, credentials, response -> {
            int status = response.getStatusLine().getStatusCode();
            if (TOKEN_REFUSALS.contains(status)) {
                throw new CalDavException.SyncTokenRefused("REPORT sync-collection " + calendar + " answered " + status
                        + ": the sync token was refused, the collection is listed instead", status);
            }
            return partialOr207(report, response, calendar, status, () -> new CalDavException.SyncTokenRefused(
                    "REPORT sync-collection " + calendar + " answered 507 without a report: the collection is listed "
                            + "instead", 507));
        });
        String token = StoredValues.token(answer.multistatus().getSyncToken());
        if (token == null) {
            throw new CalDavException.SyncTokenRefused("REPORT sync-collection " + calendar
                    + " answered without a usable sync-token: the collection is listed instead", 207);
        }
        Map<String, String> changed = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        boolean truncated = answer.truncated();
        String self = collectionKey(calendar);
        for (DavXml.Entry entry : DavXml.entries(answer.multistatus(), calendar)) {
            String href = canonicalOrNull(entry.found().url());
            if (entry.status() == 507 || entry.beyondLimits()) {
                truncated = true; // RFC 6578 section 3.6 marks the request-URI; any such mark means "there is more"
                continue;
            }
            if (!isMember(href, self, calendar)) {
                continue;
            }
            if (entry.status() == 404) {
                removed.add(href);
            } else if (entry.status() == 0 || entry.status() == 200) {
                changed.put(href, etagOf(entry.found()));
            }
        }
        return new CollectionChanges(changed, removed, token, truncated);
    }

    /**
     * PROPFIND Depth 1 on the calendar: every member with its ETag, and the collection's own {@code sync-token} and
     * {@code getctag} from the same answer. Asks for a minimal answer (RFC 8144 {@code Prefer: return=minimal},
     * Apple's {@code Brief}), so servers that honour it leave out the members' "no such property" entries. A 507
     * (as the answer's status or on the collection's entry) gives an incomplete listing.
     */
    public CollectionMembers members(URI calendar, AppleCredentials credentials) {
        HttpPropFind propfind = new HttpPropFind(calendar);
        propfind.setDepth("1");
        propfind.setHeader("Prefer", "return=minimal");
        propfind.setHeader("Brief", "t");
        propfind.setEntity(new StringEntity(propfindBody("<D:getetag/><D:sync-token/><CS:getctag/>"), XML));
        Partial answer = send(propfind, credentials, response -> partialOr207(propfind, response, calendar,
                response.getStatusLine().getStatusCode(), () -> null));
        if (answer == null) {
            return new CollectionMembers(Map.of(), null, null, false);
        }
        Map<String, String> etags = new LinkedHashMap<>();
        String syncToken = null;
        String ctag = null;
        boolean complete = !answer.truncated();
        String self = collectionKey(calendar);
        for (DavXml.Entry entry : DavXml.entries(answer.multistatus(), calendar)) {
            String href = canonicalOrNull(entry.found().url());
            if (entry.status() == 507 || entry.beyondLimits()) {
                complete = false;
                continue;
            }
            if (href != null && isSelf(href, self)) {
                syncToken = StoredValues.token(entry.found().text(DavXml.DAV, "sync-token").orElse(null));
                ctag = StoredValues.token(entry.found().text(DavXml.CALENDARSERVER, "getctag").orElse(null));
            } else if (isMember(href, self, calendar) && (entry.status() == 0 || entry.status() == 200)) {
                etags.put(href, etagOf(entry.found()));
            }
        }
        return new CollectionMembers(etags, syncToken, ctag, complete);
    }

    /**
     * RFC 4791 section 7.9 {@code calendar-multiget} of the given members (canonical hrefs, sent as paths). Answers
     * what came back with calendar data, under the hrefs exactly as asked for; a member answered 404 or without data is simply
     * not in the list. No Depth header: section 7.9 says servers ignore it and clients should not send it. Asks for
     * the calendar data only: the ETags are already known from the listing that named these members (a server that
     * sends one anyway has it used), and each ETag is a tenth of a small event's answer.
     */
    public List<RemoteEvent> multiget(URI calendar, Collection<String> hrefs, AppleCredentials credentials) {
        if (hrefs.isEmpty()) {
            return List.of();
        }
        StringBuilder body = new StringBuilder("""
                <?xml version="1.0" encoding="utf-8"?>
                <C:calendar-multiget xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
                  <D:prop><C:calendar-data/></D:prop>
                """);
        Map<String, String> asked = new LinkedHashMap<>(); // canonical -> as the caller wrote it
        for (String href : hrefs) {
            String canonical = DavHrefs.canonical(href);
            asked.putIfAbsent(canonical, href);
            body.append("  <D:href>").append(xmlText(DavHrefs.path(canonical))).append("</D:href>\n");
        }
        body.append("</C:calendar-multiget>");
        HttpReport report = new HttpReport(calendar);
        report.removeHeaders("Depth");
        Multistatus answer = multistatus(report, body.toString(), calendar, Integer.MAX_VALUE, credentials);
        List<RemoteEvent> events = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (DavXml.Entry entry : DavXml.entries(answer, calendar)) {
            String href = canonicalOrNull(entry.found().url());
            Optional<String> data = entry.found().text(DavXml.CALDAV, "calendar-data");
            if (href != null && asked.containsKey(href) && data.isPresent()
                    && (entry.status() == 0 || entry.status() == 200) && seen.add(href)) {
                events.add(new RemoteEvent(URI.create(asked.get(href)), etagOf(entry.found()), data.get()));
            }
        }
        return events;
    }

    /**
     * The TZID of the calendar's RFC 4791 section 5.2.2 {@code calendar-timezone} (a VCALENDAR holding one
     * VTIMEZONE; iCloud sets one): the zone floating times and all-day dates of the calendar are read in. Empty when
     * the collection has none. One PROPFIND Depth 0.
     */
    public Optional<String> calendarTimezone(URI calendar, AppleCredentials credentials) {
        return propfindSelf(calendar, credentials, "<C:calendar-timezone/>").text(DavXml.CALDAV, "calendar-timezone")
                .flatMap(CalDavClient::tzidOf);
    }

    /**
     * RFC 6638 section 2.4.1 {@code calendar-user-address-set} of the principal: the addresses the account is known
     * by in ATTENDEE lines ({@code mailto:jane@icloud.com}, {@code urn:uuid:...}), as written. One PROPFIND Depth 0.
     */
    public Set<String> calendarUserAddresses(URI principal, AppleCredentials credentials) {
        return propfindSelf(principal, credentials, "<C:calendar-user-address-set/>")
                .hrefTexts(DavXml.CALDAV, "calendar-user-address-set").stream()
                .filter(address -> address.length() <= StoredValues.MAX_HREF_LENGTH)
                .limit(MAX_ADDRESSES)
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
    }

    /**
     * RFC 4791 section 7.8 calendar-query: every VEVENT resource overlapping {@code [from, to)} with its data.
     * Recurring events come back unexpanded; the caller expands them.
     */
    public List<RemoteEvent> eventsBetween(URI calendar, Instant from, Instant to, AppleCredentials credentials) {
        String body = """
                <?xml version="1.0" encoding="utf-8"?>
                <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
                  <D:prop><D:getetag/><C:calendar-data/></D:prop>
                  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">
                    <C:time-range start="%s" end="%s"/>
                  </C:comp-filter></C:comp-filter></C:filter>
                </C:calendar-query>""".formatted(ICAL_UTC.format(from), ICAL_UTC.format(to));
        HttpReport report = new HttpReport(calendar);
        report.setDepth("1");
        Multistatus answer = multistatus(report, body, calendar, Integer.MAX_VALUE, credentials);
        List<RemoteEvent> events = new ArrayList<>();
        for (DavXml.Found found : DavXml.successful(answer, calendar)) {
            // some servers list the collection itself, without calendar-data: keep only the members
            Optional<String> data = found.text(DavXml.CALDAV, "calendar-data");
            if (data.isPresent() && !found.url().equals(calendar)) {
                events.add(new RemoteEvent(found.url(), found.etag(), data.get()));
            }
        }
        return events;
    }

    /** Creates a new resource; fails with {@link CalDavException.PreconditionFailed} if it exists already. */
    public WriteResult create(URI resource, String icalendar, AppleCredentials credentials) {
        HttpPut put = new HttpPut(resource);
        put.setHeader("If-None-Match", "*");
        return write(put, resource, icalendar, credentials);
    }

    /** Replaces a resource only if it still has {@code etag}; else {@link CalDavException.PreconditionFailed}. */
    public WriteResult update(URI resource, String icalendar, String etag, AppleCredentials credentials) {
        HttpPut put = new HttpPut(resource);
        put.setHeader("If-Match", etag);
        return write(put, resource, icalendar, credentials);
    }

    /** Deletes a resource (only if it still has {@code etag}, when given). A resource already gone counts as deleted. */
    public void delete(URI resource, String etag, AppleCredentials credentials) {
        HttpDelete delete = new HttpDelete(resource);
        if (etag != null) {
            delete.setHeader("If-Match", etag);
        }
        int status = send(delete, credentials, response -> response.getStatusLine().getStatusCode());
        if (status != 404 && (status < 200 || status > 299)) {
            throw failure(delete, status, null);
        }
    }

    /** The resource's current ETag (for servers that answer a PUT without one); empty when it does not exist. */
    public Optional<String> etag(URI resource, AppleCredentials credentials) {
        try {
            return Optional.ofNullable(propfindSelf(resource, credentials, "<D:getetag/>").etag());
        } catch (CalDavException.NotFound gone) {
            return Optional.empty();
        }
    }

    private WriteResult write(HttpPut put, URI resource, String icalendar, AppleCredentials credentials) {
        put.setEntity(new StringEntity(icalendar, ICALENDAR));
        String etag = send(put, credentials, response -> {
            int status = response.getStatusLine().getStatusCode();
            if (status < 200 || status > 299) {
                throw failure(put, status, response);
            }
            return response.getFirstHeader("ETag") == null ? null : response.getFirstHeader("ETag").getValue();
        });
        if (etag == null) {
            etag = etag(resource, credentials).orElse(null);
        }
        return new WriteResult(resource, etag);
    }

    /** A multistatus, and whether the answer as a whole said 507 (truncated). */
    private record Partial(Multistatus multistatus, boolean truncated) {
    }

    /**
     * Reads a 207, or a 507 that still carries a multistatus (some servers mark a truncated answer that way). A 507
     * without one gives {@code without507}'s result (thrown if it is an exception); other statuses are failures.
     */
    private Partial partialOr207(HttpEntityEnclosingRequestBase request, HttpResponse response, URI url, int status,
            java.util.function.Supplier<RuntimeException> without507) throws IOException {
        if (status != 207 && status != 507) {
            throw failure(request, status, response);
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            if (status == 507) {
                return orThrow(without507);
            }
            throw new CalDavException.ProtocolViolation(request.getMethod() + " " + url + " answered 207 without a body");
        }
        try {
            return new Partial(DavXml.unmarshal(entity.getContent(), properties.maxXmlDepth(), Integer.MAX_VALUE),
                    status == 507);
        } catch (DavXml.NotMultistatus notMultistatus) {
            if (status == 507) {
                return orThrow(without507);
            }
            throw notMultistatus;
        }
    }

    private static Partial orThrow(java.util.function.Supplier<RuntimeException> without507) {
        RuntimeException failure = without507.get();
        if (failure != null) {
            throw failure;
        }
        return null;
    }

    private String propfindBody(String props) {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/" xmlns:I="http://apple.com/ns/ical/">
                  <D:prop>%s</D:prop>
                </D:propfind>""".formatted(props);
    }

    /** The collection's canonical href without its trailing slash. */
    private static String collectionKey(URI calendar) {
        String href = DavHrefs.canonical(calendar);
        return href.endsWith("/") ? href.substring(0, href.length() - 1) : href;
    }

    private static boolean isSelf(String href, String collectionKey) {
        return href.equals(collectionKey) || href.equals(collectionKey + "/");
    }

    /**
     * A resource directly inside the collection. Anything else in an answer (the collection itself, as iCloud lists
     * it, a sub-collection, an href elsewhere, one too long to store) is not a member.
     */
    private static boolean isMember(String href, String collectionKey, URI calendar) {
        if (href == null || isSelf(href, collectionKey)) {
            return false;
        }
        String rest = href.startsWith(collectionKey + "/") ? href.substring(collectionKey.length() + 1) : null;
        if (rest == null || rest.isEmpty() || rest.contains("/") || rest.contains("?")) {
            log.debug("{} listed {}, which is not a member of the calendar: ignored", calendar, href);
            return false;
        }
        if (href.length() > StoredValues.MAX_HREF_LENGTH) {
            log.warn("{} listed a member with an href of {} characters: ignored", calendar, href.length());
            return false;
        }
        return true;
    }

    private static String canonicalOrNull(URI url) {
        try {
            return DavHrefs.canonical(url);
        } catch (IllegalArgumentException notHttp) {
            return null;
        }
    }

    private static String etagOf(DavXml.Found found) {
        return StoredValues.token(found.etag());
    }

    /** The TZID of the first VTIMEZONE in an iCalendar text (RFC 5545 section 3.1: lines unfolded first). */
    static Optional<String> tzidOf(String icalendar) {
        String unfolded = icalendar.replaceAll("\r?\n[ \t]", "");
        java.util.regex.Matcher tzid = TZID.matcher(unfolded);
        return tzid.find() ? Optional.of(tzid.group(1).trim()).filter(id -> !id.isEmpty() && id.length() <= 256)
                : Optional.empty();
    }

    private static String xmlText(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private DavXml.Found propfindSelf(URI url, AppleCredentials credentials, String props) {
        List<DavXml.Found> found = DavXml.successful(propfind(url, "0", Integer.MAX_VALUE, credentials, props), url);
        return found.isEmpty() ? new DavXml.Found(url, null) : found.get(0);
    }

    private Multistatus propfind(URI url, String depth, int maxResponses, AppleCredentials credentials, String props) {
        HttpPropFind propfind = new HttpPropFind(url);
        propfind.setDepth(depth);
        return multistatus(propfind, propfindBody(props), url, maxResponses, credentials);
    }

    private Multistatus multistatus(HttpEntityEnclosingRequestBase request, String body, URI url, int maxResponses,
            AppleCredentials credentials) {
        request.setEntity(new StringEntity(body, XML));
        return send(request, credentials, response -> {
            int status = response.getStatusLine().getStatusCode();
            if (status != 207) {
                throw failure(request, status, response);
            }
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                throw new CalDavException.ProtocolViolation(request.getMethod() + " " + url + " answered 207 without a body");
            }
            // IOExceptions of the body (deadline, silence, size limit) leave as they are: send() classifies them
            return DavXml.unmarshal(entity.getContent(), properties.maxXmlDepth(), maxResponses);
        });
    }

    private interface ResponseReader<T> {
        T read(HttpResponse response) throws IOException;
    }

    /**
     * Sends one request and reads its answer, all within the call deadline. An answer that is not read to its end
     * (refused status, size limit, parse error) is aborted, never drained: draining is what a hostile server wants.
     */
    private <T> T send(HttpRequestBase request, AppleCredentials credentials, ResponseReader<T> reader) {
        URI url = request.getURI();
        checkTransportSecurity(url);
        request.setHeader("Authorization", credentials.basicAuthorization());
        CallDeadlines.Deadline deadline = deadlines.start(request);
        boolean answered = false;
        boolean complete = false;
        int status = 0;
        BoundedBody.Entity body = null;
        long started = System.nanoTime();
        try {
            HttpResponse response = transport.run(request);
            answered = true;
            status = response.getStatusLine().getStatusCode();
            log.debug("{} {} -> {}", request.getMethod(), url, status);
            body = bound(response);
            T result = reader.read(response);
            if (body != null) {
                body.getContent().drain();
            }
            complete = true;
            return result;
        } catch (IOException e) {
            throw failed(request, e, deadline.hasExpired(), answered);
        } finally {
            deadline.cancel();
            if (!complete) {
                request.abort();
            }
            observer.observed(request.getMethod(), status, body == null ? 0 : body.bytesRead(),
                    System.nanoTime() - started);
        }
    }

    /** Sees every call to Apple once it ended: for metrics; never given a URL or a credential. */
    @FunctionalInterface
    public interface CallObserver {
        /**
         * @param status the HTTP status, 0 when no answer arrived
         * @param bytesRead the answer's bytes read
         */
        void observed(String method, int status, long bytesRead, long nanos);
    }

    /** Every call from now on is shown to {@code observer}. */
    public void observeCalls(CallObserver observer) {
        this.observer = observer;
    }

    /** Refuses an answer announced larger than the limit, and counts the bytes of any other while it is read. */
    private BoundedBody.Entity bound(HttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return null;
        }
        long limit = properties.maxResponseSize().toBytes();
        if (entity.getContentLength() > limit) {
            throw new BoundedBody.TooLarge(limit);
        }
        BoundedBody.Entity bounded = new BoundedBody.Entity(entity, limit);
        response.setEntity(bounded);
        return bounded;
    }

    private CalDavException failed(HttpRequestBase request, IOException e, boolean expired, boolean answered) {
        String call = request.getMethod() + " " + request.getURI();
        if (expired) {
            return new CalDavException.Timeout(call + " did not complete within " + deadlines.deadline().toSeconds()
                    + " s (calsync.caldav.call-deadline)", e);
        }
        if (e instanceof BoundedBody.TooLarge) {
            return new CalDavException.AnswerTooLarge(call + " answered more than "
                    + properties.maxResponseSize().toBytes() + " bytes, more than calsync reads "
                    + "(calsync.caldav.max-response-size); nothing of it was used");
        }
        if (e instanceof DavXml.TooManyResponses) {
            return new CalDavException.AnswerTooLarge(call + " lists more than " + properties.maxCalendars()
                    + " calendars, more than calsync accepts for one account (calsync.caldav.max-calendars); "
                    + "nothing was saved");
        }
        if (e instanceof DavXml.NotMultistatus) {
            return new CalDavException.ProtocolViolation(call + " answered a body that is not a WebDAV multistatus: "
                    + e.getMessage());
        }
        if (e instanceof InterruptedIOException) {
            // ConnectTimeoutException, SocketTimeoutException, no pooled connection in time: all are timeouts
            return new CalDavException.Timeout(call + (answered ? " stalled in the middle of its answer: " : " timed out: ")
                    + rootCause(e), e);
        }
        return new CalDavException.Unreachable(call + " failed" + (answered ? " while reading: " : ": ") + rootCause(e), e);
    }

    private CalDavException failure(HttpRequestBase request, int status, HttpResponse response) {
        if (status >= 300 && status <= 399) {
            String location = response == null || response.getFirstHeader("Location") == null ? null
                    : response.getFirstHeader("Location").getValue();
            return new CalDavException.Redirected(request.getMethod() + " " + request.getURI() + " answered " + status
                    + " redirecting to " + origin(request.getURI(), location)
                    + "; calsync does not follow redirects", status);
        }
        String retryAfter = response == null || response.getFirstHeader("Retry-After") == null ? null
                : response.getFirstHeader("Retry-After").getValue();
        return CalDavException.forStatus(request.getMethod(), request.getURI(), status, RetryAfter.parse(retryAfter, clock));
    }

    /** Only the origin of a redirect's target: a full Location could carry anything, credentials included. */
    private static String origin(URI base, String location) {
        if (location == null || location.isBlank()) {
            return "nowhere (no Location)";
        }
        try {
            URI target = base.resolve(new URI(location.trim()));
            if (target.getScheme() == null || target.getHost() == null) {
                return "a location without a host";
            }
            String origin = target.getScheme() + "://" + target.getHost() + (target.getPort() < 0 ? "" : ":" + target.getPort());
            return origin.length() > 200 ? origin.substring(0, 200) + "..." : origin;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "a location that is not a URI";
        }
    }

    private void checkTransportSecurity(URI url) {
        if ("https".equalsIgnoreCase(url.getScheme())) {
            return;
        }
        String hostPort = url.getHost() + ":" + url.getPort();
        if (!"http".equalsIgnoreCase(url.getScheme()) || !properties.insecureHosts().contains(hostPort)) {
            throw new CalDavException.ProtocolViolation("refusing to send credentials to " + url.getScheme() + "://"
                    + hostPort + ": only HTTPS, or hosts listed in calsync.caldav.insecure-hosts");
        }
    }

    private static String lastSegment(URI url) {
        String path = url.getPath();
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    @Override
    public void close() throws IOException {
        deadlines.close();
        transport.shutdown();
    }

    /** sardine's client, opened up: sardine's own methods neither send conditional headers nor return statuses. */
    private static final class Transport extends SardineImpl {
        Transport(HttpClientBuilder builder) {
            super(builder);
        }

        HttpResponse run(HttpRequestBase request) throws IOException {
            return execute(request);
        }
    }
}
