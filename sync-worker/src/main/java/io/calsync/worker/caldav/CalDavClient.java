package io.calsync.worker.caldav;

import com.github.sardine.impl.SardineImpl;
import com.github.sardine.impl.methods.HttpPropFind;
import com.github.sardine.impl.methods.HttpReport;
import com.github.sardine.model.Multistatus;
import com.github.sardine.util.SardineUtil;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
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
import org.apache.http.util.EntityUtils;

/**
 * calsync's CalDAV client. One instance serves every account: credentials travel with each call and are sent
 * pre-emptively (HTTP Basic) to whatever host the account's URLs point at, as iCloud requires. HTTPS only,
 * except for the hosts {@link CalDavProperties#insecureHosts()} allows.
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
                .disableCookieManagement());
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
        Multistatus answer = propfind(home, "1", credentials, """
                <D:displayname/><D:resourcetype/><C:supported-calendar-component-set/><CS:getctag/>
                <D:sync-token/><I:calendar-color/><D:current-user-privilege-set/>""");
        List<RemoteCalendar> calendars = new ArrayList<>();
        for (DavXml.Found found : DavXml.successful(answer, home)) {
            if (!found.isCalendar()) {
                continue;
            }
            calendars.add(new RemoteCalendar(lastSegment(found.url()), found.url(), found.displayName(),
                    found.text(DavXml.APPLE_ICAL, "calendar-color").orElse(null), found.components(),
                    found.canWrite(), found.text(DavXml.CALENDARSERVER, "getctag").orElse(null),
                    found.text(DavXml.DAV, "sync-token").orElse(null)));
        }
        return calendars;
    }

    /** The collection's {@code getctag}: it changes whenever anything in the calendar changes. */
    public Optional<String> ctag(URI calendar, AppleCredentials credentials) {
        return propfindSelf(calendar, credentials, "<CS:getctag/>").text(DavXml.CALENDARSERVER, "getctag");
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
        Multistatus answer = multistatus(report, body, calendar, credentials);
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
        List<DavXml.Found> found = DavXml.successful(propfind(url, "0", credentials, props), url);
        return found.isEmpty() ? new DavXml.Found(url, null) : found.get(0);
    }

    private Multistatus propfind(URI url, String depth, AppleCredentials credentials, String props) {
        HttpPropFind propfind = new HttpPropFind(url);
        propfind.setDepth(depth);
        String body = """
                <?xml version="1.0" encoding="utf-8"?>
                <D:propfind xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/" xmlns:I="http://apple.com/ns/ical/">
                  <D:prop>%s</D:prop>
                </D:propfind>""".formatted(props);
        return multistatus(propfind, body, url, credentials);
    }

    private Multistatus multistatus(HttpEntityEnclosingRequestBase request, String body, URI url,
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
            try (InputStream in = entity.getContent()) {
                return SardineUtil.unmarshal(in);
            } catch (IOException | RuntimeException e) {
                throw new CalDavException.ProtocolViolation(request.getMethod() + " " + url
                        + " answered a body that is not a WebDAV multistatus: " + rootCause(e));
            }
        });
    }

    private interface ResponseReader<T> {
        T read(HttpResponse response) throws IOException;
    }

    private <T> T send(HttpRequestBase request, AppleCredentials credentials, ResponseReader<T> reader) {
        URI url = request.getURI();
        checkTransportSecurity(url);
        request.setHeader("Authorization", credentials.basicAuthorization());
        HttpResponse response;
        try {
            response = transport.run(request);
        } catch (IOException e) {
            throw new CalDavException.Unreachable(request.getMethod() + " " + url + " failed: " + rootCause(e), e);
        }
        log.debug("{} {} -> {}", request.getMethod(), url, response.getStatusLine().getStatusCode());
        try {
            return reader.read(response);
        } catch (IOException e) {
            throw new CalDavException.Unreachable(request.getMethod() + " " + url + " failed while reading: "
                    + rootCause(e), e);
        } finally {
            EntityUtils.consumeQuietly(response.getEntity());
        }
    }

    private CalDavException failure(HttpRequestBase request, int status, HttpResponse response) {
        String retryAfter = response == null || response.getFirstHeader("Retry-After") == null ? null
                : response.getFirstHeader("Retry-After").getValue();
        return CalDavException.forStatus(request.getMethod(), request.getURI(), status, RetryAfter.parse(retryAfter, clock));
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
