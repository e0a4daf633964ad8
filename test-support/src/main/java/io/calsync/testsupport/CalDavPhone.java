package io.calsync.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user's phone does to their calendars, done directly against the CalDAV server with plain HTTP: create
 * calendars (RFC 4791 section 5.3.1 MKCALENDAR), put, read, list and delete events. Independent of calsync's
 * own CalDAV client, so tests do not check calsync with calsync.
 */
public final class CalDavPhone {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern CALENDAR_DATA = Pattern.compile(
            "<(?:[A-Za-z]+:)?calendar-data[^>]*>(.*?)</(?:[A-Za-z]+:)?calendar-data>", Pattern.DOTALL);
    private static final Pattern HREF = Pattern.compile("<(?:[A-Za-z]+:)?href>([^<]+)</(?:[A-Za-z]+:)?href>");

    private final String baseUrl;
    private final CalDavUser user;

    CalDavPhone(String baseUrl, CalDavUser user) {
        this.baseUrl = baseUrl;
        this.user = user;
    }

    /** The collection path of calendar {@code calendarId}, e.g. {@code /user-x/work/}. */
    public String calendarPath(String calendarId) {
        return "/" + user.username() + "/" + calendarId + "/";
    }

    /** Creates a calendar that holds the given component types (VEVENT, VTODO, ...). */
    public String createCalendar(String calendarId, String displayName, String... components) {
        StringBuilder comps = new StringBuilder();
        for (String component : components) {
            comps.append("<C:comp name=\"").append(component).append("\"/>");
        }
        String body = """
                <?xml version="1.0" encoding="utf-8"?>
                <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:I="http://apple.com/ns/ical/">
                  <D:set><D:prop>
                    <D:displayname>%s</D:displayname>
                    <I:calendar-color>#FF2968FF</I:calendar-color>
                    <C:supported-calendar-component-set>%s</C:supported-calendar-component-set>
                  </D:prop></D:set>
                </C:mkcalendar>
                """.formatted(displayName, comps);
        HttpResponse<String> response = send("MKCALENDAR", calendarPath(calendarId), body, "application/xml");
        expect(response, 201);
        return calendarPath(calendarId);
    }

    /** Creates or replaces {@code resourceName} (e.g. {@code dentist.ics}); answers the new ETag. */
    public String putEvent(String calendarId, String resourceName, String ics) {
        HttpResponse<String> response = send("PUT", calendarPath(calendarId) + resourceName, ics, "text/calendar; charset=utf-8");
        expect(response, 201, 204);
        return response.headers().firstValue("ETag").orElse(null);
    }

    public Optional<String> getEvent(String calendarId, String resourceName) {
        return getByPath(calendarPath(calendarId) + resourceName);
    }

    public Optional<String> getByPath(String path) {
        HttpResponse<String> response = send("GET", path, null, null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(response, 200);
        return Optional.of(response.body());
    }

    public void deleteEvent(String calendarId, String resourceName) {
        expect(send("DELETE", calendarPath(calendarId) + resourceName, null, null), 200, 204, 404);
    }

    /** Deletes a whole calendar, as a user does in the Calendar app. */
    public void deleteCalendar(String calendarId) {
        expect(send("DELETE", calendarPath(calendarId), null, null), 200, 204);
    }

    /** The paths of every event resource in the calendar. */
    public List<String> listEvents(String calendarId) {
        HttpResponse<String> response = send("PROPFIND", calendarPath(calendarId),
                "<?xml version=\"1.0\"?><D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag/></D:prop></D:propfind>",
                "application/xml", "Depth", "1");
        expect(response, 207);
        List<String> hrefs = new ArrayList<>();
        Matcher m = HREF.matcher(response.body());
        while (m.find()) {
            String href = URI.create(m.group(1)).getPath();
            if (href.endsWith(".ics")) {
                hrefs.add(href);
            }
        }
        return hrefs;
    }

    /** The body of every event in the calendar, in one calendar-query REPORT (RFC 4791 section 7.8). */
    public List<String> calendarData(String calendarId) {
        HttpResponse<String> response = send("REPORT", calendarPath(calendarId), """
                <?xml version="1.0" encoding="utf-8"?>
                <C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
                  <D:prop><C:calendar-data/></D:prop>
                  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter>
                </C:calendar-query>""", "application/xml", "Depth", "1");
        expect(response, 207);
        List<String> bodies = new ArrayList<>();
        Matcher m = CALENDAR_DATA.matcher(response.body());
        while (m.find()) {
            bodies.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace("&#13;", "\r"));
        }
        return bodies;
    }

    /** The bodies of every event in the calendar. */
    public List<String> allEventBodies(String calendarId) {
        return listEvents(calendarId).stream().map(path -> getByPath(path).orElse("")).toList();
    }

    private HttpResponse<String> send(String method, String path, String body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user.username() + ":" + user.password()).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            try {
                return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException staleConnection) {
                // Radicale answers HTTP/1.0 and closes every connection, yet the JDK client sometimes reuses one;
                // such a request dies before the server saw it, so sending it once more is safe
                return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int... statuses) {
        for (int status : statuses) {
            if (response.statusCode() == status) {
                return;
            }
        }
        throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                + response.statusCode() + ": " + response.body());
    }
}
