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
import java.util.List;
import java.util.Optional;
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

    private final CalDavProperties properties;
    private final Clock clock;
    private final Transport transport;
    private final CallDeadlines deadlines;

    /** @param instanceName names this worker instance in the User-Agent, for whoever reads the server's logs */
    public CalDavClient(CalDavProperties properties, Clock clock, String instanceName) {
        this.properties = properties;
        this.clock = clock;
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setMaxTotal(properties.maxConnections());
        pool.setDefaultMaxPerRoute(properties.maxConnections());
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
                .disableCookieManagement());
        this.deadlines = new CallDeadlines(properties.callDeadline());
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

    private DavXml.Found propfindSelf(URI url, AppleCredentials credentials, String props) {
        List<DavXml.Found> found = DavXml.successful(propfind(url, "0", Integer.MAX_VALUE, credentials, props), url);
        return found.isEmpty() ? new DavXml.Found(url, null) : found.get(0);
    }

    private Multistatus propfind(URI url, String depth, int maxResponses, AppleCredentials credentials, String props) {
        HttpPropFind propfind = new HttpPropFind(url);
        propfind.setDepth(depth);
        String body = """
                <?xml version="1.0" encoding="utf-8"?>
                <D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/" xmlns:I="http://apple.com/ns/ical/">
                  <D:prop>%s</D:prop>
                </D:propfind>""".formatted(props);
        return multistatus(propfind, body, url, maxResponses, credentials);
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
        try {
            HttpResponse response = transport.run(request);
            answered = true;
            log.debug("{} {} -> {}", request.getMethod(), url, response.getStatusLine().getStatusCode());
            BoundedBody.Entity body = bound(response);
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
        }
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
