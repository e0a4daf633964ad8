-- Per-calendar busy rules and the user's time zone for a calendar (issue 9): what blocks, whether slots show titles,
-- and the zone floating times and all-day dates are read in when the calendar names none. The defaults are the
-- rules every calendar had before, so existing selections keep publishing what they did.
ALTER TABLE calendar_selection
    ADD COLUMN all_day_blocks    boolean NOT NULL DEFAULT true,
    ADD COLUMN tentative_blocks  boolean NOT NULL DEFAULT true,
    ADD COLUMN declined_blocks   boolean NOT NULL DEFAULT false,
    ADD COLUMN unanswered_blocks boolean NOT NULL DEFAULT true,
    ADD COLUMN privacy           text    NOT NULL DEFAULT 'TITLES' CHECK (privacy IN ('TITLES', 'BUSY')),
    ADD COLUMN time_zone         text;
