package io.calsync.availability.answers;

import io.calsync.availability.domain.BusyItem;
import io.calsync.availability.domain.BusyStretch;
import io.calsync.availability.domain.BusyTime;
import io.calsync.availability.domain.CalendarFreshness;
import io.calsync.availability.domain.CalendarStatus;
import io.calsync.availability.domain.ConflictReport;
import io.calsync.availability.domain.Conflicts;
import io.calsync.availability.domain.FreeSlotFinder;
import io.calsync.availability.domain.FreeSlotQuery;
import io.calsync.availability.domain.FreeSlots;
import io.calsync.availability.domain.Freshness;
import io.calsync.availability.domain.FreshnessPolicy;
import io.calsync.availability.domain.FreshnessSettings;
import io.calsync.availability.domain.Interval;
import io.calsync.availability.domain.IntervalSet;
import io.calsync.availability.domain.Schedule;
import io.calsync.availability.domain.TeamAvailability;
import io.calsync.availability.domain.TeamMode;
import io.calsync.availability.domain.TeamSlots;
import io.calsync.availability.schedule.ScheduleStore;
import io.calsync.availability.settings.SettingsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Answers the API's questions from the materialized state; every decision is the domain's. */
@Service
public class AvailabilityAnswers {

    private final MaterializedState state;
    private final ScheduleStore schedules;
    private final SettingsStore settings;
    private final FreshnessPolicy freshnessPolicy;
    private final FreeSlotFinder finder;

    AvailabilityAnswers(MaterializedState state, ScheduleStore schedules, SettingsStore settings, Clock clock) {
        this.state = state;
        this.schedules = schedules;
        this.settings = settings;
        this.freshnessPolicy = new FreshnessPolicy(clock);
        this.finder = new FreeSlotFinder(clock);
    }

    /**
     * The busy time, after the tenant's stale policy as every booking question is: a stale or failing calendar makes
     * the whole window busy (its stretch explained as that calendar, untrusted), counts as it last was, or fails the
     * request (503).
     */
    public BusyAnswer busy(String tenantId, String userId, Interval window, boolean explain) {
        Judged freshness = freshness(tenantId, userId, settings.of(tenantId), true);
        BusyTime<Source> busy = BusyTime.of(withStalePolicy(state.busy(tenantId, userId, window), freshness, window));
        List<BusyAnswer.Stretch> stretches = busy.explain(window).stream()
                .map(s -> new BusyAnswer.Stretch(s.interval().start(), s.interval().end(), explain ? s.sources() : null))
                .toList();
        return new BusyAnswer(window.start(), window.end(), stretches, freshness.view());
    }

    public BlockedSlotsAnswer blockedSlots(String tenantId, String userId, Interval window) {
        return new BlockedSlotsAnswer(window.start(), window.end(), state.slots(tenantId, userId, window),
                freshness(tenantId, userId, settings.of(tenantId), false).view());
    }

    public FreeSlotsAnswer freeSlots(String tenantId, String userId, SlotOptions options) {
        User user = users(tenantId, List.of(userId), options).get(userId);
        FreeSlots slots = finder.find(user.query(), user.schedule(), user.busy(), user.appointments());
        return new FreeSlotsAnswer(options.window().start(), options.window().end(), user.query().format().name(),
                user.query().zone().getId(), slots.slots().stream().map(Period::of).toList(), slots.truncated(),
                user.freshness().view());
    }

    public ConflictAnswer conflicts(String tenantId, String userId, Interval proposed, Duration bufferBefore,
            Duration bufferAfter) {
        Interval guarded = proposed.widen(bufferBefore, bufferAfter);
        Judged freshness = freshness(tenantId, userId, settings.of(tenantId), true);
        List<BusyItem<Source>> items = withStalePolicy(state.busy(tenantId, userId, guarded), freshness, guarded);
        Schedule schedule = schedules.find(tenantId, userId).orElse(Schedule.allDay(ZoneId.of("UTC")));
        ConflictReport<Source> report = Conflicts.check(proposed, bufferBefore, bufferAfter, BusyTime.of(items), schedule);
        return new ConflictAnswer(report.conflicting(), report.insideSchedule(), Period.of(proposed), Period.of(guarded),
                report.conflicts().stream().map(BusyItem::source).toList(), freshness.view());
    }

    public TeamAnswer team(String tenantId, List<String> userIds, TeamMode mode, SlotOptions options) {
        Map<String, User> users = users(tenantId, userIds, options);
        // one grid for the team: the zone asked for, else UTC (each user's schedule keeps its own zone)
        FreeSlotQuery query = options.query(Optional.empty());
        Map<String, IntervalSet> free = new LinkedHashMap<>();
        users.forEach((id, u) -> free.put(id, finder.freeTime(u.query(), u.schedule(), u.busy(), u.appointments())));
        TeamSlots<String> slots = TeamAvailability.find(free, query, mode);
        List<TeamAnswer.UserFreshness> freshness = new ArrayList<>();
        users.forEach((id, u) -> freshness.add(new TeamAnswer.UserFreshness(id, u.freshness().view())));
        return new TeamAnswer(options.window().start(), options.window().end(), query.zone().getId(),
                slots.slots().stream().map(s -> new TeamAnswer.Slot(s.interval().start(), s.interval().end(), s.free()))
                        .toList(), slots.truncated(), freshness);
    }

    /**
     * What decides each user's slots: busy time after the stale policy, appointments, schedule, the query. Read for
     * all the users at once (a team of 50 is a handful of queries, not 250).
     */
    private Map<String, User> users(String tenantId, List<String> userIds, SlotOptions options) {
        FreshnessSettings trust = settings.of(tenantId);
        Interval reach = options.reach();
        Map<String, Schedule> stored = schedules.find(tenantId, userIds);
        Map<String, MaterializedState.BusyIntervals> busy = state.intervals(tenantId, userIds, reach);
        Map<String, List<CalendarStatus<CalendarRef>>> calendars = state.calendars(tenantId, userIds);
        Map<String, User> users = new LinkedHashMap<>();
        for (String id : userIds) {
            Optional<Schedule> own = Optional.ofNullable(stored.get(id));
            FreeSlotQuery query = options.query(own);
            Judged freshness = judge(calendars.get(id), trust, true);
            users.put(id, new User(query, own.orElse(Schedule.allDay(query.zone())),
                    freshness.judged().busyTime(IntervalSet.of(busy.get(id).slots()), reach), busy.get(id).appointments(),
                    freshness));
        }
        return users;
    }

    private Judged freshness(String tenantId, String userId, FreshnessSettings trust, boolean applied) {
        return judge(state.calendars(tenantId, userId), trust, applied);
    }

    private Judged judge(List<CalendarStatus<CalendarRef>> calendars, FreshnessSettings trust, boolean applied) {
        Freshness<CalendarRef> judged = freshnessPolicy.assess(calendars, trust);
        return new Judged(judged, FreshnessView.of(judged, trust, applied));
    }

    /** The stale policy: FAIL threw already (503); BUSY adds each stale or failing calendar over the whole window. */
    private static List<BusyItem<Source>> withStalePolicy(List<BusyItem<Source>> stored, Judged freshness,
            Interval window) {
        List<BusyItem<Source>> items = new ArrayList<>(stored);
        if (!freshness.judged().busyTime(IntervalSet.empty(), window).isEmpty()) {
            freshness.judged().calendars().stream().filter(c -> c.stale() || c.failing())
                    .forEach(c -> items.add(new BusyItem<>(window, untrusted(c, window))));
        }
        return items;
    }

    private static Source untrusted(CalendarFreshness<CalendarRef> calendar, Interval window) {
        CalendarRef ref = calendar.calendar();
        return new Source("UNTRUSTED_CALENDAR", ref.accountId() + "/" + ref.calendarId(), ref.accountId(),
                ref.calendarId(), ref.role(), null, null, window.start(), window.end(),
                calendar.failing() ? "calendar failing" : "calendar stale");
    }

    private record Judged(Freshness<CalendarRef> judged, FreshnessView view) {
    }

    private record User(FreeSlotQuery query, Schedule schedule, IntervalSet busy, List<Interval> appointments,
            Judged freshness) {
    }
}
