package io.calsync.availability.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * When a source calendar may be reported synced, so that freshness never runs ahead of the data. The sync status
 * travels apart from the slots and may arrive first; when it carries the digest of the calendar's slots as of that
 * sync, the sync is <em>confirmed</em> only once the slots materialized here have that digest, and is held as
 * <em>pending</em> until then. A status without digest (an older producer) is confirmed at once.
 *
 * @param confirmed the last sync whose slots are all here, or null if none is
 * @param confirmedDigest the digest of that sync, when it had one
 * @param pending a later sync whose slots are not all here yet, or null
 * @param pendingDigest the digest the slots must reach for {@code pending} to be confirmed
 */
public record SyncConfirmation(Instant confirmed, String confirmedDigest, Instant pending, String pendingDigest) {

    public static final SyncConfirmation NONE = new SyncConfirmation(null, null, null, null);

    public SyncConfirmation {
        if ((pending == null) != (pendingDigest == null)) {
            throw new IllegalArgumentException("a pending sync has a digest, and only a pending one");
        }
    }

    /**
     * A reported sync.
     *
     * @param success the sync reported, or null when the report names none (confirmation stays as it is)
     * @param digest the digest of the calendar's slots as of that sync, or null
     * @param materialized the digest of the slots held here now
     */
    public SyncConfirmation report(Instant success, String digest, String materialized) {
        if (success == null || (confirmed != null && !success.isAfter(confirmed))) {
            return this;
        }
        if (digest == null || digest.equals(materialized)) {
            return new SyncConfirmation(success, digest, null, null);
        }
        return new SyncConfirmation(confirmed, confirmedDigest, success, digest);
    }

    /** After the calendar's slots changed: a pending sync whose digest they now have is confirmed. */
    public SyncConfirmation settle(String materialized) {
        if (pending == null || !pendingDigest.equals(Objects.requireNonNull(materialized, "materialized"))) {
            return this;
        }
        return new SyncConfirmation(pending, pendingDigest, null, null);
    }
}
