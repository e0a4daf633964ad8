package io.calsync.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A digest of the set of slots a calendar holds: how many, and the XOR of a 64-bit hash of each slot (the first 8
 * bytes of SHA-256 of {@code slotId|start|end}, instants in {@link Instant#toString()} form). XOR makes it free of
 * order and lets a consumer keep it up to date slot by slot: {@link #with} and {@link #without} are inverses.
 * Rendered as {@code <count>:<16 lower-case hex digits>}, e.g. {@code 3:9f0c…}; the empty set is
 * {@code 0:0000000000000000}.
 *
 * <p>A producer that publishes a calendar's slots puts the digest of the set as of a sync into that sync's
 * {@link CalendarSyncStatusReported#slotDigest()}; a consumer that materialized the slots compares its own digest
 * with it to know whether it holds that sync's slots yet.
 */
public record SlotDigest(long count, long hashes) {

    public static final SlotDigest EMPTY = new SlotDigest(0, 0);
    /** The rendered form; the count has no leading zeros. */
    public static final Pattern FORMAT = Pattern.compile("(0|[1-9][0-9]{0,18}):[0-9a-f]{16}");

    public SlotDigest {
        if (count < 0) {
            throw new ContractViolation("slotDigest", "counts slots, so it is not negative");
        }
    }

    /** The digest of {@code slots}, in any order. */
    public static SlotDigest of(Collection<? extends Slot> slots) {
        SlotDigest digest = EMPTY;
        for (Slot slot : slots) {
            digest = digest.with(slot.slotId(), slot.start(), slot.end());
        }
        return digest;
    }

    /** The digest after adding a slot that was not in the set. */
    public SlotDigest with(String slotId, Instant start, Instant end) {
        return new SlotDigest(count + 1, hashes ^ hash(slotId, start, end));
    }

    /** The digest after removing a slot that was in the set. */
    public SlotDigest without(String slotId, Instant start, Instant end) {
        return new SlotDigest(count - 1, hashes ^ hash(slotId, start, end));
    }

    /** Two digests together: the digest of the union of two disjoint sets. */
    public SlotDigest plus(SlotDigest other) {
        return new SlotDigest(count + other.count, hashes ^ other.hashes);
    }

    /** The 64-bit hash of one slot: the first 8 bytes of SHA-256 of {@code slotId|start|end}, big-endian. */
    public static long hash(String slotId, Instant start, Instant end) {
        Objects.requireNonNull(slotId, "slotId");
        byte[] text = (slotId + "|" + start + "|" + end).getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.wrap(sha256().digest(text)).getLong();
    }

    /** Reads the rendered form; anything else is a {@link ContractViolation} naming {@code slotDigest}. */
    public static SlotDigest parse(String text) {
        if (text == null || !FORMAT.matcher(text).matches()) {
            throw new ContractViolation("slotDigest", "must be <count>:<16 hex digits>, e.g. 2:00ff00ff00ff00ff");
        }
        int colon = text.indexOf(':');
        try {
            return new SlotDigest(Long.parseLong(text.substring(0, colon)),
                    Long.parseUnsignedLong(text.substring(colon + 1), 16));
        } catch (NumberFormatException e) {
            throw new ContractViolation("slotDigest", "has a count out of range");
        }
    }

    @Override
    public String toString() {
        return count + ":" + String.format(Locale.ROOT, "%016x", hashes);
    }

    /** What a slot is to its digest. */
    public interface Slot {
        String slotId();

        Instant start();

        Instant end();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
