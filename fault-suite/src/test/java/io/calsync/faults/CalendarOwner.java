package io.calsync.faults;

import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.JsonHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A platform user of the poll reliability tests: one iCloud account with a Primary Calendar {@code work}, some
 * conflict calendars, and a calendar never selected; what is selected now, whether the account is still connected,
 * and the event resources the phone has written. Changed by one thread only (the test's script).
 */
final class CalendarOwner {

    static final String PRIMARY = "work";
    static final String NEVER_SELECTED = "private";

    final String tenantId;
    final String userId;
    final CalDavUser caldav;
    final CalDavPhone phone;
    final String accountId;
    final List<String> conflicts;
    final Set<String> selectedConflicts;
    /** resource name → calendar id of every event on the phone */
    final Map<String, String> events = new LinkedHashMap<>();
    boolean connected = true;

    CalendarOwner(String tenantId, String userId, CalDavUser caldav, CalDavPhone phone, String accountId,
            List<String> conflicts) {
        this.tenantId = tenantId;
        this.userId = userId;
        this.caldav = caldav;
        this.phone = phone;
        this.accountId = accountId;
        this.conflicts = List.copyOf(conflicts);
        this.selectedConflicts = new LinkedHashSet<>(conflicts);
    }

    /** A new user of {@code tenant} with an iCloud account connected through {@code api} (not configured yet). */
    static CalendarOwner connect(ReliabilityEnvironment env, JsonHttp api, String tenant, List<String> conflicts) {
        CalDavUser caldav = env.radicale.newUser();
        CalDavPhone phone = env.radicale.phoneOf(caldav);
        String userId = "u-" + UUID.randomUUID();
        CalendarOwner owner = new CalendarOwner(tenant, userId, caldav, phone, null, conflicts);
        for (String calendarId : owner.calendars()) {
            phone.createCalendar(calendarId, calendarId, "VEVENT");
        }
        JsonHttp.Response connected = api.postUntilAvailable(owner.path() + "/icloud-accounts",
                Map.of("appleId", caldav.username(), "appSpecificPassword", caldav.password()));
        if (connected.status() != 201) {
            throw new AssertionError("connect: " + connected);
        }
        return new CalendarOwner(tenant, userId, caldav, phone, connected.json().get("accountId").asString(), conflicts);
    }

    /** A one-hour event in the Primary Calendar, put on the phone (a new one, or {@code resource} moved). */
    void single(String resource, Instant start) {
        phone.putEvent(PRIMARY, resource, SimpleEvents.ics(resource.replace(".ics", "") + "-" + userId, start,
                Duration.ofHours(1), 1, "Event " + resource));
        events.put(resource, PRIMARY);
    }

    String path() {
        return "/v1/tenants/" + tenantId + "/users/" + userId;
    }

    /** Every calendar of the account, selected or not. */
    List<String> calendars() {
        List<String> all = new ArrayList<>(List.of(PRIMARY));
        all.addAll(conflicts);
        all.add(NEVER_SELECTED);
        return all;
    }

    /** The calendars whose events should make the user busy now. */
    List<String> selectedCalendars() {
        if (!connected) {
            return List.of();
        }
        List<String> selected = new ArrayList<>(List.of(PRIMARY));
        selected.addAll(selectedConflicts);
        return selected;
    }

    /** The body of {@code PUT .../calendar-configuration} for the current selection. */
    Map<String, Object> configuration() {
        return Map.of("primary", Map.of("accountId", accountId, "calendarId", PRIMARY),
                "conflicts", selectedConflicts.stream().map(c -> Map.of("accountId", accountId, "calendarId", c)).toList());
    }
}
