package io.calsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The digest of a set of slots depends on the set only, and adding and removing a slot undo each other. */
class SlotDigestProperties {

    record Slot(String slotId, Instant start, Instant end) implements SlotDigest.Slot {
    }

    @Provide
    Arbitrary<List<Slot>> slots() {
        Arbitrary<Slot> slot = Combinators.combine(Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
                Arbitraries.longs().between(0, 4_000_000_000L), Arbitraries.longs().between(1, 86_400))
                .as((id, start, length) -> new Slot(id, Instant.ofEpochSecond(start), Instant.ofEpochSecond(start + length)));
        return slot.list().ofMaxSize(30).uniqueElements(Slot::slotId);
    }

    @Property
    void theDigestIsFreeOfOrder(@ForAll("slots") List<Slot> slots, @ForAll long seed) {
        List<Slot> shuffled = new ArrayList<>(slots);
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(SlotDigest.of(shuffled)).isEqualTo(SlotDigest.of(slots));
    }

    @Property
    void addingThenRemovingASlotGivesTheDigestBack(@ForAll("slots") List<Slot> slots) {
        SlotDigest all = SlotDigest.of(slots);
        for (Slot slot : slots) {
            SlotDigest without = all.without(slot.slotId(), slot.start(), slot.end());
            assertThat(without.with(slot.slotId(), slot.start(), slot.end())).isEqualTo(all);
            List<Slot> rest = new ArrayList<>(slots);
            rest.remove(slot);
            assertThat(without).isEqualTo(SlotDigest.of(rest));
        }
    }

    @Property
    void theRenderedFormReadsBackAndMatchesTheSchemaPattern(@ForAll("slots") List<Slot> slots) {
        String rendered = SlotDigest.of(slots).toString();

        assertThat(rendered).matches(SlotDigest.FORMAT);
        assertThat(SlotDigest.parse(rendered)).isEqualTo(SlotDigest.of(slots));
    }

    @Property
    void aSlotMovedInTimeChangesTheDigest(@ForAll("slots") List<Slot> slots) {
        if (slots.isEmpty()) {
            return;
        }
        Slot first = slots.get(0);
        List<Slot> moved = new ArrayList<>(slots);
        moved.set(0, new Slot(first.slotId(), first.start().plusSeconds(60), first.end().plusSeconds(60)));

        assertThat(SlotDigest.of(moved)).isNotEqualTo(SlotDigest.of(slots));
    }
}
