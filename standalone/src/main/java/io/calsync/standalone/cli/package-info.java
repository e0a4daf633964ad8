/**
 * calsync's command-line tool for people (picocli): connect an account, choose calendars, publish sample appointments
 * as CloudEvents, ask for busy time and free slots, see sync status, resync, replay a dead-letter topic, start a local
 * CalDAV server, mint tokens. Human-readable output by default, {@code --json} for scripts; errors are one line on
 * standard error with a non-zero exit code. Run as {@code ./calsync} from the repository root.
 */
package io.calsync.standalone.cli;
