package io.calsync.worker.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What to publish so that consumers go from the slots they have to the slots there are now. Pure. */
record SlotDiff(List<Slot> blocked, List<Slot> released) {

    static SlotDiff between(Map<String, Slot> published, Map<String, Slot> current) {
        List<Slot> blocked = new ArrayList<>();
        List<Slot> released = new ArrayList<>();
        current.forEach((id, slot) -> {
            Slot before = published.get(id);
            if (before == null || !before.sameAs(slot)) {
                blocked.add(slot);
            }
        });
        published.forEach((id, slot) -> {
            if (!current.containsKey(id)) {
                released.add(slot);
            }
        });
        return new SlotDiff(blocked, released);
    }

    boolean isEmpty() {
        return blocked.isEmpty() && released.isEmpty();
    }
}
