package io.calsync.worker.sync;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The sync template, as DAVx5's sync engine does it: find out cheaply whether anything changed, then what, then
 * download only that.
 * <ol>
 *   <li>With a sync token: RFC 6578 {@code sync-collection} (an unchanged calendar costs this one request); a
 *       truncated report is continued with the token it returned; a refused token falls back to a full listing.
 *       Without RFC 6578: {@code getctag}, and an ETag listing only when it changed.
 *   <li>ETags are compared with the stored ones, so a server that silently dropped the token and reports every
 *       member as changed causes no download of anything unchanged (and a full listing then says what was deleted).
 *   <li>Resources calsync wrote itself are recognised by href and the ETag calsync got for them: not downloaded,
 *       unless that ETag changed (drift).
 *   <li>{@code calendar-multiget} in batches of at most {@link #MAX_MULTIGET}, checking that every requested href
 *       came back. A resource that did not is <em>missing</em>, never deleted, and the token does not advance, so
 *       the next sync asks again.
 * </ol>
 */
public final class CalendarSync {

    /** Hrefs per {@code calendar-multiget}: iCloud clients use 50 to 100. */
    public static final int MAX_MULTIGET = 100;

    /** Continuations of one truncated report before the sync gives up for this round (a server could loop). */
    static final int MAX_CONTINUATIONS = 100;

    private final CalendarServer server;
    private int requests;

    private CalendarSync(CalendarServer server) {
        this.server = server;
    }

    /**
     * Syncs one calendar.
     *
     * @param known what the last sync left behind
     * @param own the resources calsync wrote into this calendar, with the ETag it got for each (by href); asked
     *     for only once the server said what changed, so that every write recorded before the server's answer counts
     *     as calsync's own (read earlier, a write recorded meanwhile and then changed on a phone would be taken for
     *     someone else's event, and its drift never seen)
     */
    public static SyncResult sync(CalendarServer server, KnownCalendar known, Supplier<Map<String, String>> own) {
        return new CalendarSync(server).run(known, own);
    }

    /** {@link #sync(CalendarServer, KnownCalendar, Supplier)} with calsync's own resources known in advance. */
    public static SyncResult sync(CalendarServer server, KnownCalendar known, Map<String, String> own) {
        return sync(server, known, () -> own);
    }

    private SyncResult run(KnownCalendar known, Supplier<Map<String, String>> ownResources) {
        Changes changes = known.supportsSyncCollection() ? viaSyncToken(known) : viaCtag(known);
        if (changes == null) {
            return new SyncResult(known, List.of(), Set.of(), List.of(), Set.of(), Set.of(), true, requests);
        }
        Map<String, String> own = ownResources.get();
        Map<String, String> etags = new HashMap<>(known.etags());
        List<String> toFetch = new ArrayList<>();
        List<String> ownToFetch = new ArrayList<>();
        for (Map.Entry<String, String> member : changes.changed.entrySet()) {
            String href = member.getKey();
            String etag = member.getValue();
            if (own.containsKey(href)) {
                // compared with what calsync wrote, not with what a poll saw: a poll may have read the resource
                // before the push path recorded it as its own, and a later change must still count as drift
                if (etag != null && etag.equals(own.get(href))) {
                    etags.put(href, etag); // calsync's own write: nothing to read
                } else {
                    ownToFetch.add(href);
                }
            } else if (etag != null && etag.equals(known.etags().get(href))) {
                continue; // reported, but not changed (a dropped token re-reports everything)
            } else {
                toFetch.add(href);
            }
        }
        Set<String> deleted = new LinkedHashSet<>();
        Set<String> ownDeleted = new LinkedHashSet<>();
        for (String href : changes.removed) {
            etags.remove(href);
            if (own.containsKey(href)) {
                ownDeleted.add(href);
            } else if (known.etags().containsKey(href)) {
                deleted.add(href);
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        List<FetchedResource> changed = fetch(toFetch, changes.changed, etags, missing);
        List<FetchedResource> drifted = fetch(ownToFetch, changes.changed, etags, missing);
        boolean complete = changes.complete && missing.isEmpty();
        KnownCalendar next = new KnownCalendar(complete ? changes.syncToken : known.syncToken(),
                complete ? changes.ctag : known.ctag(), etags, known.supportsSyncCollection());
        return new SyncResult(next, changed, deleted, drifted, ownDeleted, missing, complete, requests);
    }

    /** What the server says changed. {@code removed} holds only members known to be gone. */
    private record Changes(Map<String, String> changed, Set<String> removed, String syncToken, String ctag,
            boolean complete) {
    }

    private Changes viaSyncToken(KnownCalendar known) {
        Map<String, String> changed = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        String token = known.syncToken() == null ? "" : known.syncToken();
        CalendarServer.ChangeReport report;
        int rounds = 0;
        do {
            try {
                requests++;
                report = server.changesSince(token);
            } catch (CalendarServer.SyncTokenRejected rejected) {
                return fullListing(known);
            }
            report.changed().forEach((href, etag) -> {
                changed.put(href, etag);
                removed.remove(href);
            });
            report.removed().forEach(href -> {
                removed.add(href);
                changed.remove(href);
            });
            token = report.syncToken();
            rounds++;
        } while (report.truncated() && rounds < MAX_CONTINUATIONS);
        boolean complete = !report.truncated();
        if (known.syncToken() == null && complete) {
            // the initial sync lists every member: whatever we knew and it did not list is gone
            known.etags().keySet().stream().filter(href -> !changed.containsKey(href)).forEach(removed::add);
        } else if (complete && reportsUnchangedMembers(changed, known)) {
            // the token was dropped silently: the report is not a diff, so only a full listing shows deletions
            Changes listing = fullListing(known);
            listing.changed.forEach(changed::putIfAbsent);
            return new Changes(changed, listing.removed, token, listing.ctag, listing.complete);
        }
        return new Changes(changed, removed, token, known.ctag(), complete);
    }

    private static boolean reportsUnchangedMembers(Map<String, String> changed, KnownCalendar known) {
        return changed.entrySet().stream()
                .anyMatch(e -> e.getValue() != null && e.getValue().equals(known.etags().get(e.getKey())));
    }

    private Changes viaCtag(KnownCalendar known) {
        requests++;
        String ctag = server.ctag();
        if (ctag != null && ctag.equals(known.ctag())) {
            return null;
        }
        return fullListing(known);
    }

    private Changes fullListing(KnownCalendar known) {
        requests++;
        CalendarServer.Listing listing = server.members();
        Set<String> removed = new LinkedHashSet<>();
        if (listing.complete()) {
            known.etags().keySet().stream().filter(href -> !listing.etags().containsKey(href)).forEach(removed::add);
        }
        return new Changes(new LinkedHashMap<>(listing.etags()), removed, listing.syncToken(), listing.ctag(),
                listing.complete());
    }

    /**
     * Downloads {@code hrefs}. A resource keeps the ETag the multiget answered with, else the one it was listed with:
     * should it have changed in between, the next report lists it again and it is downloaded again.
     */
    private List<FetchedResource> fetch(List<String> hrefs, Map<String, String> listed, Map<String, String> etags,
            Set<String> missing) {
        List<FetchedResource> fetched = new ArrayList<>();
        for (int from = 0; from < hrefs.size(); from += MAX_MULTIGET) {
            List<String> batch = hrefs.subList(from, Math.min(hrefs.size(), from + MAX_MULTIGET));
            requests++;
            Map<String, FetchedResource> answered = new HashMap<>();
            server.multiget(batch).stream().filter(r -> r.data() != null).forEach(r -> answered.putIfAbsent(r.href(), r));
            for (String href : batch) {
                FetchedResource resource = answered.get(href);
                if (resource == null) {
                    missing.add(href);
                } else {
                    String etag = Objects.requireNonNullElse(resource.etag(), Objects.requireNonNullElse(listed.get(href), ""));
                    fetched.add(new FetchedResource(href, etag, resource.data()));
                    etags.put(href, etag);
                }
            }
        }
        return fetched;
    }
}
