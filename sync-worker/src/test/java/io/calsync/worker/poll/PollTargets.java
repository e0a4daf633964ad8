package io.calsync.worker.poll;

import io.calsync.contracts.CalendarRole;
import java.util.List;
import java.util.UUID;

/** Poll targets for unit tests: a calendar after its first sync, with the given settings. */
final class PollTargets {

    static final UUID ACCOUNT = UUID.fromString("6f1c1b5e-0000-4000-8000-000000000001");

    private PollTargets() {
    }

    static PollTarget calendar(CalendarRole role, BusyRules rules, String collectionZone, String userZone) {
        return new PollTarget(ACCOUNT, "work", "acme", "u-1", role, "token-1", null, true, null, null, null, 0, null,
                null, collectionZone, List.of("mailto:me@example.com"), rules, userZone);
    }

    static PollTarget calendar(BusyRules rules, String userZone) {
        return calendar(CalendarRole.CONFLICT, rules, null, userZone);
    }
}
