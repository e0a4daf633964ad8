package io.calsync.worker.ical;

/**
 * Bounds on the work one calendar object resource may cause; beyond them the resource is reported as a problem (the
 * caller keeps what it had before) instead of occupying the poller or flooding the slot topic.
 *
 * @param maxCharacters larger resources are not parsed; iCloud's own events are a few KB, even with many overrides
 * @param maxInstances instances of all series of one resource generated for the window; a daily event over the
 *     default 210-day window has 211, an hourly one about 5,000
 */
public record ExpansionLimits(int maxCharacters, int maxInstances) {

    public static final ExpansionLimits DEFAULT = new ExpansionLimits(2 * 1024 * 1024, 5_000);

    public ExpansionLimits {
        if (maxCharacters < 1 || maxInstances < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
