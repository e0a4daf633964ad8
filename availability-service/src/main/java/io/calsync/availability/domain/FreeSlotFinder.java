package io.calsync.availability.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Bookable time for one user. A slot {@code [s, s + duration)}:
 * <ul>
 * <li>lies inside the window and inside the schedule's working time (buffers need not: they only must be free);
 * <li>with its buffers, {@code [s - bufferBefore, s + duration + bufferAfter)}, overlaps no busy time and no
 * appointment;
 * <li>starts at or after {@code now + minNotice};
 * <li>starts on the step grid of the query's zone ({@link StepGrid});
 * <li>lies on no local day (in the schedule's zone) that already holds {@code maxPerDay} appointments; an appointment
 * counts on the day it starts, and a full day is closed whole, so no slot runs into it either.
 * </ul>
 * The caller passes busy time covering the window widened by the buffers, and the appointments of every local day
 * the window touches; appointments are busy time too.
 */
public final class FreeSlotFinder {

    private final Clock clock;

    public FreeSlotFinder(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public FreeSlots find(FreeSlotQuery query, Schedule schedule, IntervalSet busy, Collection<Interval> appointments) {
        IntervalSet free = freeTime(query, schedule, busy, appointments);
        return query.format() == SlotFormat.PERIODS ? periods(query, free) : slots(query, free);
    }

    /** The time in which slots (without their buffers) may lie. */
    public IntervalSet freeTime(FreeSlotQuery query, Schedule schedule, IntervalSet busy,
            Collection<Interval> appointments) {
        Interval window = query.window();
        Instant notBefore = clock.instant().plus(query.minNotice());
        if (!notBefore.isBefore(window.end())) {
            return IntervalSet.empty();
        }
        Interval bookable = notBefore.isAfter(window.start()) ? new Interval(notBefore, window.end()) : window;
        // busy time grows by bufferAfter at its start and bufferBefore at its end: a slot's buffers then never meet it
        IntervalSet blocked = busy.union(IntervalSet.of(appointments))
                .widen(query.bufferAfter(), query.bufferBefore());
        IntervalSet free = schedule.workingTime(bookable).minus(blocked);
        if (query.maxPerDay().isPresent()) {
            free = free.minus(fullDays(appointments, query.maxPerDay().getAsInt(), schedule.zone()));
        }
        return free;
    }

    private static IntervalSet fullDays(Collection<Interval> appointments, int maxPerDay, ZoneId zone) {
        Map<LocalDate, Long> perDay = appointments.stream().collect(Collectors.groupingBy(
                a -> LocalDate.ofInstant(a.start(), zone), TreeMap::new, Collectors.counting()));
        List<Interval> full = new ArrayList<>();
        perDay.forEach((date, count) -> {
            if (count >= maxPerDay) {
                full.add(new Interval(date.atStartOfDay(zone).toInstant(),
                        date.plusDays(1).atStartOfDay(zone).toInstant()));
            }
        });
        return IntervalSet.of(full);
    }

    /**
     * The grid starts of each free stretch long enough for a slot: a slot inside the free time lies inside one
     * stretch (they neither overlap nor touch), so only the stretches' own grid points are looked at.
     */
    private static FreeSlots slots(FreeSlotQuery query, IntervalSet free) {
        StepGrid grid = new StepGrid(query.zone(), query.step());
        List<Interval> slots = new ArrayList<>();
        for (Interval period : free.intervals()) {
            if (period.length().compareTo(query.duration()) < 0) {
                continue;
            }
            Iterator<Instant> starts = grid.between(period.start(), period.end().minus(query.duration()).plusNanos(1))
                    .iterator();
            while (starts.hasNext()) {
                if (slots.size() == query.maxResults()) {
                    return new FreeSlots(slots, true);
                }
                slots.add(Interval.of(starts.next(), query.duration()));
            }
        }
        return new FreeSlots(slots, false);
    }

    private static FreeSlots periods(FreeSlotQuery query, IntervalSet free) {
        List<Interval> longEnough = free.intervals().stream()
                .filter(period -> period.length().compareTo(query.duration()) >= 0)
                .toList();
        boolean truncated = longEnough.size() > query.maxResults();
        return new FreeSlots(truncated ? longEnough.subList(0, query.maxResults()) : longEnough, truncated);
    }
}
