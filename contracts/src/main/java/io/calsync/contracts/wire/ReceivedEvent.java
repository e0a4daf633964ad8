package io.calsync.contracts.wire;

import io.calsync.contracts.CalsyncEvent;
import java.net.URI;
import java.time.Instant;

/** A decoded event with its CloudEvents attributes. */
public record ReceivedEvent(String id, URI source, Instant time, String subject, CalsyncEvent data) {
}
