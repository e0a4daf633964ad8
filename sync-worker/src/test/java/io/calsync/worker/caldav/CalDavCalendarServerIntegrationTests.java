package io.calsync.worker.caldav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.ICloudProxy;
import io.calsync.testsupport.Radicale;
import io.calsync.worker.ical.AppointmentCalendar;
import io.calsync.worker.sync.CalendarServer;
import io.calsync.worker.sync.CalendarSync;
import io.calsync.worker.sync.FetchedResource;
import io.calsync.worker.sync.KnownCalendar;
import io.calsync.worker.sync.SyncResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

/**
 * The CalDAV adapter of the sync template against Radicale behind the iCloud proxy: RFC 6578 sync-collection, the
 * ETag listing, calendar-multiget, and the ways iCloud is reported to misbehave. No Spring context.
 */
class CalDavCalendarServerIntegrationTests {

    private static final Radicale RADICALE = Radicale.shared();
    private static final ICloudProxy ICLOUD = ICloudProxy.start(RADICALE);
    private static final CalDavClient CLIENT = new CalDavClient(new CalDavProperties(URI.create(ICLOUD.rootUrl()),
            List.of(ICLOUD.hostPorts().split(",")), Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(30),
            DataSize.ofMegabytes(4), 200, 64, 256, 8), Clock.systemUTC(), "test");

    private CalDavUser user;
    private CalDavPhone phone;
    private AppleCredentials credentials;
    private RemoteCalendar calendar;
    private final AtomicInteger guarded = new AtomicInteger();
    private CalDavCalendarServer server;

    @AfterAll
    static void stop() throws Exception {
        CLIENT.close();
        ICLOUD.close();
    }

    @BeforeEach
    void newCalendar() {
        ICLOUD.reset();
        user = RADICALE.newUser();
        phone = RADICALE.phoneOf(user);
        phone.createCalendar("work", "Work", "VEVENT");
        credentials = new AppleCredentials(user.username(), user.password());
        // the calendar's URL exactly as the push path gets it: discovered through the proxy's partition host
        calendar = CLIENT.discover(credentials).calendars().stream().filter(c -> c.id().equals("work")).findFirst()
                .orElseThrow();
        server = new CalDavCalendarServer(CLIENT, calendar.url(), credentials, new CalDavCalendarServer.Guard() {
            @Override
            public <T> T call(java.util.function.Supplier<T> call) {
                guarded.incrementAndGet();
                return call.get();
            }
        });
    }

    @Test
    void theInitialSyncListsEveryMemberWithItsEtagAndAToken() {
        Map<String, String> etags = new LinkedHashMap<>();
        for (String name : List.of("a.ics", "b.ics", "c.ics")) {
            etags.put(href(name), phone.putEvent("work", name, event(name)));
        }
        int before = requests();

        CalendarServer.ChangeReport report = server.changesSince("");

        assertThat(report.changed()).isEqualTo(etags);
        assertThat(report.removed()).isEmpty();
        assertThat(report.syncToken()).isNotBlank();
        assertThat(report.truncated()).isFalse();
        assertThat(requests() - before).isEqualTo(1);
        assertThat(guarded).hasValue(1);
    }

    @Test
    void anIncrementalSyncReportsExactlyTwoChangesAndOneDeletion() {
        for (String name : List.of("a.ics", "b.ics", "c.ics", "d.ics", "e.ics")) {
            phone.putEvent("work", name, event(name));
        }
        String token = server.changesSince("").syncToken();
        String newA = phone.putEvent("work", "a.ics", event("a.ics", "moved"));
        String newC = phone.putEvent("work", "c.ics", event("c.ics", "moved"));
        phone.deleteEvent("work", "d.ics");

        CalendarServer.ChangeReport report = server.changesSince(token);

        assertThat(report.changed()).isEqualTo(Map.of(href("a.ics"), newA, href("c.ics"), newC));
        assertThat(report.removed()).containsExactly(href("d.ics"));
        assertThat(report.syncToken()).isNotEqualTo(token);
    }

    @Test
    void anUnchangedCalendarCostsOneRequestOfUnder600BytesThroughTheTemplate() {
        for (int i = 0; i < 20; i++) {
            phone.putEvent("work", "e" + i + ".ics", event("e" + i));
        }
        SyncResult first = CalendarSync.sync(server, KnownCalendar.fresh(true), Map.of());
        int before = requests();

        SyncResult second = CalendarSync.sync(server, first.next(), Map.of());

        List<ICloudProxy.Request> sent = ICLOUD.requestsOf(user.username()).subList(before, requests());
        assertThat(second.unchanged()).isTrue();
        assertThat(second.requests()).isEqualTo(1);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).method()).isEqualTo("REPORT");
        assertThat(sent.get(0).requestBytes() + sent.get(0).wireBytes()).isLessThan(600);
        System.out.printf("unchanged calendar: %d request, %d bytes sent, %d bytes answered on the wire (%d decoded)%n",
                sent.size(), sent.get(0).requestBytes(), sent.get(0).wireBytes(), sent.get(0).decodedBytes());
    }

    @Test
    void aDroppedTokenListsEveryMemberAndTheTemplateDownloadsOnlyWhatChanged() {
        for (String name : List.of("a.ics", "b.ics", "c.ics", "d.ics", "e.ics")) {
            phone.putEvent("work", name, event(name));
        }
        SyncResult first = CalendarSync.sync(server, KnownCalendar.fresh(true), Map.of());
        phone.putEvent("work", "b.ics", event("b.ics", "moved"));
        phone.deleteEvent("work", "e.ics");
        ICLOUD.forAppleId(user.username()).dropSyncTokens();

        CalendarServer.ChangeReport report = server.changesSince(first.next().syncToken());
        assertThat(report.changed()).containsOnlyKeys(href("a.ics"), href("b.ics"), href("c.ics"), href("d.ics"));
        assertThat(report.removed()).isEmpty();

        int before = requests();
        SyncResult second = CalendarSync.sync(server, first.next(), Map.of());

        assertThat(second.changed()).extracting(FetchedResource::href).containsExactly(href("b.ics"));
        assertThat(second.changed().get(0).data()).contains("SUMMARY:moved");
        assertThat(second.deleted()).containsExactly(href("e.ics"));
        assertThat(second.complete()).isTrue();
        // sync-collection, the ETag listing that says what was deleted, one multiget of one resource
        assertThat(ICLOUD.requestsOf(user.username()).subList(before, requests()))
                .extracting(ICloudProxy.Request::method).containsExactly("REPORT", "PROPFIND", "REPORT");
    }

    @ParameterizedTest
    @ValueSource(ints = {403, 409, 412, 500})
    void aRefusedTokenIsSyncTokenRejectedAndTheTemplateListsInstead(int status) {
        phone.putEvent("work", "a.ics", event("a.ics"));
        SyncResult first = CalendarSync.sync(server, KnownCalendar.fresh(true), Map.of());
        phone.putEvent("work", "b.ics", event("b.ics"));
        ICLOUD.forAppleId(user.username()).refuseSyncTokens(status);

        assertThatThrownBy(() -> server.changesSince(first.next().syncToken()))
                .isInstanceOf(CalendarServer.SyncTokenRejected.class).hasMessageContaining(String.valueOf(status));

        SyncResult second = CalendarSync.sync(server, first.next(), Map.of());
        assertThat(second.changed()).extracting(FetchedResource::href).containsExactly(href("b.ics"));
        assertThat(second.complete()).isTrue();
        assertThat(second.next().etags()).containsOnlyKeys(href("a.ics"), href("b.ics"));
    }

    @Test
    void radicalesOwn403ForAnUnknownTokenIsSyncTokenRejected() {
        assertThatThrownBy(() -> server.changesSince("http://radicale.org/ns/sync/unknown"))
                .isInstanceOf(CalendarServer.SyncTokenRejected.class).hasMessageContaining("403");
    }

    @Test
    void unauthorizedAndThrottledStayWhatTheyAreDuringASync() {
        ICLOUD.forAppleId(user.username()).throttle(1, Duration.ofSeconds(120));
        assertThatThrownBy(() -> server.changesSince("")).isInstanceOf(CalDavException.Throttled.class);
        ICLOUD.forAppleId(user.username()).revokePassword();
        assertThatThrownBy(() -> server.changesSince("")).isInstanceOf(CalDavException.Unauthorized.class);
        assertThatThrownBy(() -> server.members()).isInstanceOf(CalDavException.Unauthorized.class);
    }

    @Test
    void aTruncatedReportIsContinuedByTheTemplateUntilItHasEverything() {
        for (int i = 0; i < 25; i++) {
            phone.putEvent("work", "e" + i + ".ics", event("e" + i));
        }
        ICLOUD.forAppleId(user.username()).truncateSyncReports(10);

        CalendarServer.ChangeReport page = server.changesSince("");
        assertThat(page.changed()).hasSize(10);
        assertThat(page.truncated()).isTrue();

        SyncResult first = CalendarSync.sync(server, KnownCalendar.fresh(true), Map.of());
        assertThat(first.complete()).isTrue();
        assertThat(first.changed()).extracting(FetchedResource::href).containsExactlyInAnyOrderElementsOf(
                phone.listEvents("work").stream().map(this::hrefOfPath).toList());
        assertThat(first.changed()).hasSize(25);

        for (int i = 0; i < 12; i++) {
            phone.putEvent("work", "e" + i + ".ics", event("e" + i, "changed"));
        }
        phone.deleteEvent("work", "e20.ics");
        SyncResult second = CalendarSync.sync(server, first.next(), Map.of());
        assertThat(second.complete()).isTrue();
        assertThat(second.changed()).hasSize(12).allSatisfy(r -> assertThat(r.data()).contains("SUMMARY:changed"));
        assertThat(second.deleted()).containsExactly(href("e20.ics"));
        assertThat(second.next().etags()).hasSize(24);

        ICLOUD.forAppleId(user.username()).truncateSyncReports(0);
        assertThat(server.changesSince(second.next().syncToken()).changed()).isEmpty();
    }

    @Test
    void aNumberOfMatchesWithinLimitsErrorAloneMarksTheReportTruncated() {
        String path = URI.create(calendar.url().toString()).getRawPath();
        ICLOUD.forAppleId(user.username()).answerNextReportWith("""
                <?xml version="1.0" encoding="utf-8"?>
                <D:multistatus xmlns:D="DAV:">
                  <D:response><D:href>%sx.ics</D:href><D:propstat><D:prop><D:getetag>"1"</D:getetag></D:prop>
                    <D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
                  <D:response><D:href>%s</D:href><D:error><D:number-of-matches-within-limits/></D:error></D:response>
                  <D:sync-token>http://example.com/sync/7</D:sync-token>
                </D:multistatus>""".formatted(path, path));

        CalendarServer.ChangeReport report = server.changesSince("");

        assertThat(report.truncated()).isTrue();
        assertThat(report.changed()).isEqualTo(Map.of(href("x.ics"), "\"1\""));
        assertThat(report.syncToken()).isEqualTo("http://example.com/sync/7");
    }

    @Test
    void theCollectionItselfAndHrefsOutsideItAreNoMembers() {
        String path = URI.create(calendar.url().toString()).getRawPath();
        // iCloud lists the collection itself, with an ETag, among the changes; the rest is what a hostile server might add
        ICLOUD.forAppleId(user.username()).answerNextReportWith("""
                <?xml version="1.0" encoding="utf-8"?>
                <D:multistatus xmlns:D="DAV:">
                  <D:response><D:href>%1$s</D:href><D:propstat><D:prop><D:getetag>"c"</D:getetag></D:prop>
                    <D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
                  <D:response><D:href>%1$sx.ics</D:href><D:propstat><D:prop><D:getetag>"1"</D:getetag></D:prop>
                    <D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
                  <D:response><D:href>%1$sinner/</D:href><D:propstat><D:prop><D:getetag>"2"</D:getetag></D:prop>
                    <D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
                  <D:response><D:href>/someone-else/cal/y.ics</D:href><D:propstat><D:prop><D:getetag>"3"</D:getetag></D:prop>
                    <D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
                  <D:response><D:href>http://elsewhere.test%1$sz.ics</D:href><D:propstat><D:prop><D:getetag>"4"</D:getetag></D:prop>
                    <D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
                  <D:sync-token>http://example.com/sync/8</D:sync-token>
                </D:multistatus>""".formatted(path));

        assertThat(server.changesSince("").changed()).isEqualTo(Map.of(href("x.ics"), "\"1\""));
    }

    @Test
    void theListingHasEveryMemberAndTheCollectionsTokenAndCtagButNotTheCollection() {
        String a = phone.putEvent("work", "a.ics", event("a.ics"));
        String b = phone.putEvent("work", "b.ics", event("b.ics"));

        CalendarServer.Listing listing = server.members();

        assertThat(listing.etags()).isEqualTo(Map.of(href("a.ics"), a, href("b.ics"), b));
        assertThat(listing.syncToken()).isEqualTo(server.changesSince("").syncToken());
        assertThat(listing.ctag()).isNotBlank().isEqualTo(server.ctag());
        assertThat(listing.complete()).isTrue();
    }

    @Test
    void aMultigetThatOmitsHrefsReturnsTheOthersAndTheTemplateKeepsTheTokenBack() {
        for (String name : List.of("a.ics", "b.ics", "c.ics")) {
            phone.putEvent("work", name, event(name));
        }
        ICLOUD.forAppleId(user.username()).omitFromMultiget("b.ics");

        List<FetchedResource> fetched = server.multiget(List.of(href("a.ics"), href("b.ics"), href("c.ics")));
        assertThat(fetched).extracting(FetchedResource::href).containsExactlyInAnyOrder(href("a.ics"), href("c.ics"));
        assertThat(fetched).allSatisfy(r -> assertThat(r.data()).startsWith("BEGIN:VCALENDAR"));

        SyncResult result = CalendarSync.sync(server, KnownCalendar.fresh(true), Map.of());
        assertThat(result.missing()).containsExactly(href("b.ics"));
        assertThat(result.complete()).isFalse();
        assertThat(result.next().syncToken()).isNull();
    }

    @Test
    void aGarbageReportAnswerIsAProtocolViolationAtOnce() {
        ICLOUD.forAppleId(user.username()).answerNextReportWith("<D:multistatus xmlns:D=\"DAV:\"><D:response><<<");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> server.changesSince(""))
                .isInstanceOf(CalDavException.ProtocolViolation.class).hasMessageContaining("not a WebDAV multistatus"));
        ICLOUD.forAppleId(user.username()).answerNextReportWith("{\"not\": \"xml\"}");
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> server.multiget(List.of(href("a.ics"))))
                .isInstanceOf(CalDavException.ProtocolViolation.class));
    }

    @Test
    void anEntityExpansionReportAnswerIsAProtocolViolationAtOnce() {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        laughs.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        laughs.append("]>\n<D:multistatus xmlns:D=\"DAV:\"><D:sync-token>&lol9;</D:sync-token></D:multistatus>");
        ICLOUD.forAppleId(user.username()).answerNextReportWith(laughs.toString());

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> server.changesSince(""))
                .isInstanceOf(CalDavException.ProtocolViolation.class).hasMessageContaining("DOCTYPE"));
    }

    @Test
    void hrefsFromSyncCollectionEqualTheHrefsThePushPathStores() {
        // what PushDispatcher does for a new appointment: the calendar's discovered URL resolved with the resource name
        URI target = calendar.url().resolve(AppointmentCalendar.resourceNameOf("tenant-1", "appointment-1"));
        WriteResult written = CLIENT.create(target, event("pushed"), credentials);
        // a name that needs encoding, written by calsync with '@' literal while Radicale answers %40
        URI odd = calendar.url().resolve("meet%20me@home.ics");
        WriteResult oddWritten = CLIENT.create(odd, event("odd"), credentials);

        CalendarServer.ChangeReport report = server.changesSince("");

        assertThat(report.changed()).containsOnlyKeys(written.url().toString(),
                DavHrefs.canonical(oddWritten.url().toString()));
        assertThat(report.changed().get(written.url().toString())).isEqualTo(written.etag());
        assertThat(DavHrefs.canonical(written.url().toString())).isEqualTo(written.url().toString());
        assertThat(oddWritten.url().toString()).isNotEqualTo(DavHrefs.canonical(oddWritten.url().toString()));

        // the template recognises its own resource by href and ETag without downloading it
        SyncResult result = CalendarSync.sync(server, KnownCalendar.fresh(true),
                Map.of(DavHrefs.canonical(written.url().toString()), written.etag(),
                        DavHrefs.canonical(oddWritten.url().toString()), oddWritten.etag()));
        assertThat(result.changed()).isEmpty();
        assertThat(result.drifted()).isEmpty();
        assertThat(result.requests()).isEqualTo(1);
    }

    @Test
    void theCollectionsCalendarTimezoneGivesItsZone() throws Exception {
        assertThat(server.timeZone()).isEmpty();
        proppatchTimezone("""
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:-//Apple Inc.//iCloud//EN\r
                BEGIN:VTIMEZONE\r
                TZID:Europe/\r
                 Berlin\r
                BEGIN:STANDARD\r
                DTSTART:19701025T030000\r
                TZOFFSETFROM:+0200\r
                TZOFFSETTO:+0100\r
                END:STANDARD\r
                END:VTIMEZONE\r
                END:VCALENDAR\r
                """);

        assertThat(server.timeZone()).contains(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void thePrincipalsCalendarUserAddressesAreReadAsWritten() {
        URI principal = CLIENT.discover(credentials).principalUrl();
        assertThat(CLIENT.calendarUserAddresses(principal, credentials)).isNotEmpty();
        ICLOUD.forAppleId(user.username()).answerNextPropfindWith("""
                <?xml version="1.0" encoding="utf-8"?>
                <D:multistatus xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
                  <D:response><D:href>%s</D:href><D:propstat><D:prop><C:calendar-user-address-set>
                    <D:href>mailto:jane@icloud.com</D:href><D:href>urn:uuid:2F0E5A44-5C7A-4D0C-9E43-1B2D5E1C4D11</D:href>
                  </C:calendar-user-address-set></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
                </D:multistatus>""".formatted(principal.getRawPath()));

        assertThat(CLIENT.calendarUserAddresses(principal, credentials))
                .containsExactly("mailto:jane@icloud.com", "urn:uuid:2F0E5A44-5C7A-4D0C-9E43-1B2D5E1C4D11");
    }

    @Test
    void aThousandEventCalendarSyncsFirstInAtMost15Requests() {
        StringBuilder all = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
        for (int i = 0; i < 1000; i++) {
            all.append(vevent("bulk-" + i, "Event " + i));
        }
        all.append("END:VCALENDAR\r\n");
        phone.putEvent("work", "", all.toString()); // one PUT of a whole calendar: Radicale stores each event
        int before = requests();

        SyncResult result = CalendarSync.sync(server, KnownCalendar.fresh(true), Map.of());

        List<ICloudProxy.Request> sent = ICLOUD.requestsOf(user.username()).subList(before, requests());
        assertThat(result.changed()).hasSize(1000);
        assertThat(result.complete()).isTrue();
        assertThat(result.requests()).isLessThanOrEqualTo(15).isEqualTo(sent.size()).isEqualTo(11);
        System.out.printf("first sync of 1,000 events: %d requests, %d bytes answered on the wire, %d decoded%n",
                sent.size(), sent.stream().mapToLong(ICloudProxy.Request::wireBytes).sum(),
                sent.stream().mapToLong(ICloudProxy.Request::decodedBytes).sum());
    }

    private int requests() {
        return ICLOUD.requestsOf(user.username()).size();
    }

    /** The canonical href of a resource of the test calendar. */
    private String href(String name) {
        return DavHrefs.canonical(calendar.url().resolve(name));
    }

    private String hrefOfPath(String path) {
        return DavHrefs.canonical(calendar.url().resolve(path));
    }

    private static String event(String uid) {
        return event(uid, uid);
    }

    private static String event(String uid, String summary) {
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + vevent(uid, summary) + "END:VCALENDAR\r\n";
    }

    private static String vevent(String uid, String summary) {
        return "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20250101T000000Z\r\nDTSTART:20250301T100000Z\r\n"
                + "DTEND:20250301T110000Z\r\nSUMMARY:" + summary + "\r\nEND:VEVENT\r\n";
    }

    /** What iCloud's calendar app sets: the collection's RFC 4791 calendar-timezone (PROPPATCH, RFC 4918 9.2). */
    private void proppatchTimezone(String vcalendar) throws Exception {
        String body = """
                <?xml version="1.0" encoding="utf-8"?>
                <D:propertyupdate xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
                  <D:set><D:prop><C:calendar-timezone>%s</C:calendar-timezone></D:prop></D:set>
                </D:propertyupdate>""".formatted(vcalendar.replace("\r", "&#13;"));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RADICALE.baseUrl() + phone.calendarPath("work")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user.username() + ":" + user.password()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/xml; charset=utf-8")
                .method("PROPPATCH", HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(response.body()).contains("200");
    }
}
