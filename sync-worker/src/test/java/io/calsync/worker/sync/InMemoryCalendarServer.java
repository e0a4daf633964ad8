package io.calsync.worker.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CalDAV collection in memory, with RFC 6578 semantics (every change gets a sequence number; a token is the
 * number of the last change it covers) and switches for the ways servers misbehave: tokens dropped silently or
 * refused, truncated reports and listings, multiget answers that leave hrefs out. Counts requests and downloads.
 */
final class InMemoryCalendarServer implements CalendarServer {

    private record Resource(String etag, String data) {
    }

    private final Map<String, Resource> resources = new LinkedHashMap<>();
    private final Map<String, Integer> lastChange = new LinkedHashMap<>();
    private int sequence;
    private int etagSequence;

    int requests;
    int downloads;
    boolean dropTokens;
    boolean refuseTokens;
    boolean truncateListing;
    int reportLimit = Integer.MAX_VALUE;
    final Set<String> omittedFromMultiget = new HashSet<>();
    /** What happens elsewhere while the next sync-collection request is on its way (runs once). */
    Runnable beforeNextReport = () -> { };
    /** What happens elsewhere while the next multiget is on its way (runs once). */
    Runnable beforeNextMultiget = () -> { };

    String put(String href, String data) {
        String etag = "\"e" + (++etagSequence) + "\"";
        resources.put(href, new Resource(etag, data));
        lastChange.put(href, ++sequence);
        return etag;
    }

    void delete(String href) {
        resources.remove(href);
        lastChange.put(href, ++sequence);
    }

    String etag(String href) {
        return resources.get(href).etag();
    }

    String token() {
        return "t" + sequence;
    }

    @Override
    public String ctag() {
        requests++;
        return "c" + sequence;
    }

    @Override
    public ChangeReport changesSince(String syncToken) {
        requests++;
        beforeNextReport.run();
        beforeNextReport = () -> { };
        if (refuseTokens && !syncToken.isEmpty()) {
            throw new SyncTokenRejected("valid-sync-token");
        }
        int since = syncToken.isEmpty() || dropTokens ? 0 : Integer.parseInt(syncToken.substring(1));
        List<Map.Entry<String, Integer>> after = lastChange.entrySet().stream()
                .filter(e -> e.getValue() > since && (since > 0 || resources.containsKey(e.getKey())))
                .sorted(Map.Entry.comparingByValue()).toList();
        boolean truncated = after.size() > reportLimit;
        List<Map.Entry<String, Integer>> reported = truncated ? after.subList(0, reportLimit) : after;
        Map<String, String> changed = new LinkedHashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        for (Map.Entry<String, Integer> change : reported) {
            Resource resource = resources.get(change.getKey());
            if (resource == null) {
                removed.add(change.getKey());
            } else {
                changed.put(change.getKey(), resource.etag());
            }
        }
        String token = truncated ? "t" + reported.get(reported.size() - 1).getValue() : token();
        return new ChangeReport(changed, removed, token, truncated);
    }

    @Override
    public Listing members() {
        requests++;
        Map<String, String> etags = new LinkedHashMap<>();
        resources.forEach((href, resource) -> etags.put(href, resource.etag()));
        if (truncateListing) {
            Map<String, String> half = new LinkedHashMap<>();
            etags.entrySet().stream().limit(etags.size() / 2).forEach(e -> half.put(e.getKey(), e.getValue()));
            return new Listing(half, token(), "c" + sequence, false);
        }
        return new Listing(etags, token(), "c" + sequence, true);
    }

    @Override
    public List<FetchedResource> multiget(Collection<String> hrefs) {
        requests++;
        beforeNextMultiget.run();
        beforeNextMultiget = () -> { };
        if (hrefs.size() > CalendarSync.MAX_MULTIGET) {
            throw new AssertionError("multiget of " + hrefs.size() + " hrefs");
        }
        List<FetchedResource> answer = new ArrayList<>();
        for (String href : hrefs) {
            Resource resource = resources.get(href);
            if (resource != null && !omittedFromMultiget.contains(href)) {
                downloads++;
                answer.add(new FetchedResource(href, null, resource.data())); // calsync asks for the data only
            }
        }
        return answer;
    }
}
