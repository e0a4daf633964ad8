package io.calsync.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sync template against an in-memory CalDAV collection: requests, downloads and what is reported. */
class CalendarSyncUnitTests {

    private final InMemoryCalendarServer server = new InMemoryCalendarServer();
    private final Map<String, String> own = new HashMap<>();

    private void events(int from, int to) {
        for (int i = from; i < to; i++) {
            server.put(href(i), "event " + i);
        }
    }

    private static String href(int i) {
        return "/cal/event-" + i + ".ics";
    }

    /** Syncs once from scratch and resets the counters: the state a later poll starts from. */
    private KnownCalendar synced(boolean syncCollection) {
        SyncResult first = CalendarSync.sync(server, KnownCalendar.fresh(syncCollection), own);
        assertThat(first.complete()).isTrue();
        server.requests = 0;
        server.downloads = 0;
        return first.next();
    }

    private static List<String> hrefs(List<FetchedResource> resources) {
        return resources.stream().map(FetchedResource::href).toList();
    }

    @Test
    void firstSyncListsOnceAndMultigetsInBatchesOfAHundred() {
        events(0, 250);

        SyncResult result = CalendarSync.sync(server, KnownCalendar.fresh(true), own);

        assertThat(result.changed()).hasSize(250);
        assertThat(result.requests()).isEqualTo(4).isEqualTo(server.requests);
        assertThat(result.complete()).isTrue();
        assertThat(result.next().syncToken()).isEqualTo(server.token());
        assertThat(result.next().etags()).hasSize(250).containsEntry(href(7), server.etag(href(7)));
    }

    @Test
    void anUnchangedCalendarCostsOneRequestAndNoDownload() {
        events(0, 50);
        KnownCalendar known = synced(true);

        SyncResult result = CalendarSync.sync(server, known, own);

        assertThat(result.unchanged()).isTrue();
        assertThat(server.requests).isEqualTo(1);
        assertThat(server.downloads).isZero();
        assertThat(result.next()).isEqualTo(known);
    }

    @Test
    void changedEventsAreTheOnlyOnesDownloaded() {
        events(0, 1000);
        KnownCalendar known = synced(true);
        events(500, 510);

        SyncResult result = CalendarSync.sync(server, known, own);

        assertThat(hrefs(result.changed())).containsExactlyInAnyOrder(
                href(500), href(501), href(502), href(503), href(504), href(505), href(506), href(507), href(508), href(509));
        assertThat(server.requests).isEqualTo(2);
        assertThat(server.downloads).isEqualTo(10);
        assertThat(result.next().syncToken()).isEqualTo(server.token());
    }

    @Test
    void anEventChangedBetweenTheReportAndTheMultigetIsDownloadedAgainNextTime() {
        events(0, 10);
        KnownCalendar known = synced(true);
        server.put(href(3), "event 3, moved");
        server.beforeNextMultiget = () -> server.put(href(3), "event 3, moved again");

        SyncResult result = CalendarSync.sync(server, known, own);
        server.downloads = 0;
        SyncResult next = CalendarSync.sync(server, result.next(), own);

        assertThat(result.changed()).extracting(FetchedResource::data).containsExactly("event 3, moved again");
        assertThat(next.changed()).extracting(FetchedResource::data).containsExactly("event 3, moved again");
        assertThat(next.next().etags()).containsEntry(href(3), server.etag(href(3)));
        assertThat(server.downloads).isEqualTo(1);
    }

    @Test
    void deletedEventsAreReportedDeletedWithoutDownload() {
        events(0, 20);
        KnownCalendar known = synced(true);
        server.delete(href(3));

        SyncResult result = CalendarSync.sync(server, known, own);

        assertThat(result.deleted()).containsExactly(href(3));
        assertThat(result.next().etags()).doesNotContainKey(href(3));
        assertThat(server.requests).isEqualTo(1);
    }

    @Test
    void calsyncsOwnWritesAreRecognisedByHrefAndEtagWithoutDownload() {
        events(0, 100);
        KnownCalendar known = synced(true);
        for (int i = 0; i < 10; i++) {
            own.put("/cal/calsync-" + i + ".ics", server.put("/cal/calsync-" + i + ".ics", "appointment " + i));
        }

        SyncResult result = CalendarSync.sync(server, known, own);

        assertThat(result.unchanged()).isTrue();
        assertThat(server.requests).isEqualTo(1);
        assertThat(server.downloads).isZero();
        assertThat(result.next().etags()).containsEntry("/cal/calsync-4.ics", own.get("/cal/calsync-4.ics"));
    }

    @Test
    void anOwnEventEditedOrDeletedInICloudIsDriftNotAChange() {
        own.put("/cal/calsync-1.ics", server.put("/cal/calsync-1.ics", "appointment 1"));
        own.put("/cal/calsync-2.ics", server.put("/cal/calsync-2.ics", "appointment 2"));
        KnownCalendar known = synced(true);
        server.put("/cal/calsync-1.ics", "appointment 1, moved on the phone");
        server.delete("/cal/calsync-2.ics");

        SyncResult result = CalendarSync.sync(server, known, own);

        assertThat(result.changed()).isEmpty();
        assertThat(result.deleted()).isEmpty();
        assertThat(result.drifted()).extracting(FetchedResource::data).containsExactly("appointment 1, moved on the phone");
        assertThat(result.ownDeleted()).containsExactly("/cal/calsync-2.ics");
    }

    @Test
    void anOwnWriteRecordedWhileThePollStartedAndMovedOnThePhoneBeforeTheReportIsDrift() {
        String href = "/cal/calsync-1.ics";
        KnownCalendar known = synced(true);
        String written = server.put(href, "appointment 1"); // the push path's PUT, not yet recorded as its own
        server.beforeNextReport = () -> {
            own.put(href, written); // recorded while this poll was starting
            server.put(href, "appointment 1, moved on the phone");
        };

        SyncResult result = CalendarSync.sync(server, known, () -> Map.copyOf(own)); // as the database answers

        assertThat(result.drifted()).extracting(FetchedResource::data).containsExactly("appointment 1, moved on the phone");
        assertThat(result.changed()).isEmpty();
    }

    @Test
    void anOwnWriteFirstSeenAsSomeoneElsesEventStillDriftsWhenChangedLater() {
        String href = "/cal/calsync-1.ics";
        String written = server.put(href, "appointment 1");
        KnownCalendar known = synced(true); // polled before the push path recorded the resource as its own
        own.put(href, written);
        server.put(href, "appointment 1, moved on the phone");

        SyncResult result = CalendarSync.sync(server, known, own);

        assertThat(result.drifted()).extracting(FetchedResource::data).containsExactly("appointment 1, moved on the phone");
        assertThat(result.changed()).isEmpty();
    }

    @Test
    void aSilentlyDroppedTokenDownloadsNothingUnchangedAndStillFindsDeletions() {
        events(0, 300);
        KnownCalendar known = synced(true);
        server.put(href(42), "changed");
        server.delete(href(43));
        server.dropTokens = true;

        SyncResult result = CalendarSync.sync(server, known, own);

        assertThat(hrefs(result.changed())).containsExactly(href(42));
        assertThat(result.deleted()).containsExactly(href(43));
        assertThat(server.downloads).isEqualTo(1);
        assertThat(server.requests).isEqualTo(3); // report, listing, one multiget
        assertThat(result.complete()).isTrue();
    }

    @Test
    void aRefusedTokenFallsBackToAFullEtagListing() {
        events(0, 30);
        KnownCalendar known = synced(true);
        server.put(href(1), "changed");
        server.delete(href(2));
        server.refuseTokens = true;

        SyncResult result = CalendarSync.sync(server, known, own);

        assertThat(hrefs(result.changed())).containsExactly(href(1));
        assertThat(result.deleted()).containsExactly(href(2));
        assertThat(server.requests).isEqualTo(3);
        assertThat(result.next().syncToken()).isEqualTo(server.token());
    }

    @Test
    void aTruncatedReportIsContinuedWithTheTokenItReturned() {
        events(0, 10);
        KnownCalendar known = synced(true);
        events(10, 110);
        server.delete(href(0));
        server.reportLimit = 40;

        SyncResult result = CalendarSync.sync(server, known, own);

        assertThat(result.changed()).hasSize(100);
        assertThat(result.deleted()).containsExactly(href(0));
        assertThat(result.complete()).isTrue();
        assertThat(server.requests).isEqualTo(3 + 1); // three report rounds (40 + 40 + 21), one multiget
        assertThat(result.next().syncToken()).isEqualTo(server.token());
    }

    @Test
    void aReportThatNeverEndsIsIncompleteAndKeepsTheOldToken() {
        events(0, 10);
        KnownCalendar known = synced(true);
        events(10, 10 + CalendarSync.MAX_CONTINUATIONS + 5);
        server.reportLimit = 1;

        SyncResult result = CalendarSync.sync(server, known, own);

        assertThat(result.complete()).isFalse();
        assertThat(result.next().syncToken()).isEqualTo(known.syncToken());
        assertThat(result.deleted()).isEmpty();
    }

    @Test
    void hrefsAMultigetLeavesOutAreMissingNotDeletedAndAskedForAgainNextTime() {
        events(0, 10);
        KnownCalendar known = synced(true);
        server.put(href(1), "changed 1");
        server.put(href(2), "changed 2");
        server.omittedFromMultiget.add(href(2));

        SyncResult partial = CalendarSync.sync(server, known, own);

        assertThat(hrefs(partial.changed())).containsExactly(href(1));
        assertThat(partial.missing()).containsExactly(href(2));
        assertThat(partial.deleted()).isEmpty();
        assertThat(partial.complete()).isFalse();
        assertThat(partial.next().syncToken()).isEqualTo(known.syncToken());

        server.omittedFromMultiget.clear();
        server.downloads = 0;
        SyncResult retried = CalendarSync.sync(server, partial.next(), own);

        assertThat(hrefs(retried.changed())).containsExactly(href(2));
        assertThat(server.downloads).isEqualTo(1);
        assertThat(retried.complete()).isTrue();
    }

    @Test
    void withoutSyncCollectionAnUnchangedCtagCostsOneRequest() {
        events(0, 40);
        KnownCalendar known = synced(false);

        SyncResult result = CalendarSync.sync(server, known, own);

        assertThat(result.unchanged()).isTrue();
        assertThat(server.requests).isEqualTo(1);
    }

    @Test
    void withoutSyncCollectionAChangedCtagListsEtagsAndDownloadsOnlyTheChanges() {
        events(0, 40);
        KnownCalendar known = synced(false);
        server.put(href(5), "changed");
        server.delete(href(6));

        SyncResult result = CalendarSync.sync(server, known, own);

        assertThat(hrefs(result.changed())).containsExactly(href(5));
        assertThat(result.deleted()).containsExactly(href(6));
        assertThat(server.requests).isEqualTo(3); // ctag, listing, multiget
        assertThat(result.next().ctag()).isEqualTo("c" + (40 + 2));
    }

    @Test
    void aTruncatedListingDeletesNothing() {
        events(0, 40);
        KnownCalendar known = synced(false);
        server.put(href(1), "changed");
        server.truncateListing = true;

        SyncResult result = CalendarSync.sync(server, known, own);

        assertThat(result.deleted()).isEmpty();
        assertThat(hrefs(result.changed())).containsExactly(href(1));
        assertThat(result.complete()).isFalse();
        assertThat(result.next().ctag()).isEqualTo(known.ctag());
    }
}
