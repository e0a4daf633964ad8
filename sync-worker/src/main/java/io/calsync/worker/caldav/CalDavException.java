package io.calsync.worker.caldav;

import io.calsync.service.failure.Failure;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A CalDAV call that did not succeed, one subtype per status that matters. Messages name the method and URL,
 * never credentials.
 */
public abstract sealed class CalDavException extends RuntimeException {

    private final int status;

    CalDavException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /**
     * This failure in calsync's terms, for the {@link io.calsync.service.failure.FailureClassifier}: a rejected
     * password, throttling (with what {@code Retry-After} said), Apple failing (no answer, a timeout, 5xx, 507), or a
     * request Apple refuses and would refuse again (other 4xx, a redirect, an answer over calsync's limits or not
     * CalDAV).
     */
    public Failure failure() {
        if (this instanceof Unauthorized rejected) {
            return new Failure.CredentialsRejected("iCloud rejected the account's app-specific password",
                    rejected.accountKey());
        }
        if (this instanceof Throttled throttled) {
            return new Failure.Throttled(getMessage(), throttled.retryAfter());
        }
        if (this instanceof Unreachable || this instanceof Timeout || this instanceof ServerError
                || this instanceof InsufficientStorage) {
            return new Failure.Unavailable(getMessage());
        }
        return new Failure.Refused("iCloud refused the request (" + status + "): " + getMessage());
    }

    static CalDavException forStatus(String method, URI uri, int status, Duration retryAfter) {
        String message = method + " " + uri + " answered " + status;
        return switch (status) {
            case 401 -> new Unauthorized(message);
            case 403 -> new Forbidden(message);
            case 404 -> new NotFound(message);
            case 409 -> new Conflict(message);
            case 412 -> new PreconditionFailed(message);
            case 429, 503 -> new Throttled(message, status, retryAfter);
            case 507 -> new InsufficientStorage(message);
            default -> status >= 500 ? new ServerError(message, status) : new ClientError(message, status);
        };
    }

    /** 401: iCloud rejected the Apple ID and app-specific password. Never retried. */
    public static final class Unauthorized extends CalDavException {
        private final String accountKey;

        public Unauthorized(String message) {
            this(message, null);
        }

        private Unauthorized(String message, String accountKey) {
            super(message, 401, null);
            this.accountKey = accountKey;
        }

        /** The same rejection, naming the account (or Apple ID) whose password was rejected. */
        public Unauthorized of(String key) {
            Unauthorized named = new Unauthorized(getMessage(), key);
            named.setStackTrace(getStackTrace());
            return named;
        }

        /** The account (or Apple ID) whose password was rejected, when the caller named it. */
        public Optional<String> accountKey() {
            return Optional.ofNullable(accountKey);
        }
    }

    /** 403: the account may not do this (a read-only calendar, or an invalid sync token). */
    public static final class Forbidden extends CalDavException {
        public Forbidden(String message) {
            super(message, 403, null);
        }
    }

    public static final class NotFound extends CalDavException {
        public NotFound(String message) {
            super(message, 404, null);
        }
    }

    public static final class Conflict extends CalDavException {
        public Conflict(String message) {
            super(message, 409, null);
        }
    }

    /** 412: the resource changed since we read it ({@code If-Match}) or exists already ({@code If-None-Match}). */
    public static final class PreconditionFailed extends CalDavException {
        public PreconditionFailed(String message) {
            super(message, 412, null);
        }
    }

    /** 429 or 503: iCloud asks us to slow down, perhaps saying for how long. */
    public static final class Throttled extends CalDavException {
        private final Duration retryAfter;

        public Throttled(String message, int status, Duration retryAfter) {
            super(message + (retryAfter == null ? "" : " (Retry-After " + retryAfter.toSeconds() + " s)"), status, null);
            this.retryAfter = retryAfter;
        }

        /** What iCloud's {@code Retry-After} said (as said: the classifier clamps it); empty when it said nothing usable. */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }
    }

    /**
     * A {@code sync-collection} REPORT refused: an invalid or expired token (RFC 6578 section 3.2: 403 or 409 with
     * {@code DAV:valid-sync-token}; other servers answer 400, 412, 500, 501, or 507 without a report). The client
     * lists the collection instead. Never thrown for 401, 429/503 or a timeout: those mean what they always mean.
     */
    public static final class SyncTokenRefused extends CalDavException {
        public SyncTokenRefused(String message, int status) {
            super(message, status, null);
        }
    }

    public static final class InsufficientStorage extends CalDavException {
        public InsufficientStorage(String message) {
            super(message, 507, null);
        }
    }

    public static final class ServerError extends CalDavException {
        public ServerError(String message, int status) {
            super(message, status, null);
        }
    }

    public static final class ClientError extends CalDavException {
        public ClientError(String message, int status) {
            super(message, status, null);
        }
    }

    /** No usable answer: connection refused or reset, timeout, TLS failure, or a body that is not what CalDAV promises. */
    public static final class Unreachable extends CalDavException {
        public Unreachable(String message, Throwable cause) {
            super(message, 0, cause);
        }
    }

    /**
     * The whole call (connect, send, complete answer) did not finish within {@code calsync.caldav.call-deadline}, or
     * the server went silent for longer than the read timeout: Apple is slow or stuck, so try again later.
     */
    public static final class Timeout extends CalDavException {
        public Timeout(String message, Throwable cause) {
            super(message, 0, cause);
        }
    }

    /**
     * A 3xx answer. calsync follows no redirect: the credentials travel with every request, and a redirect is the
     * one way a server could make the client hand them to another origin (iCloud's discovery never redirects: the
     * calendar home is an href, not a redirect). The message names only the target's origin, never a full Location.
     */
    public static final class Redirected extends CalDavException {
        public Redirected(String message, int status) {
            super(message, status, null);
        }
    }

    /**
     * The answer exceeds a limit calsync sets on what it reads from Apple ({@code calsync.caldav.max-response-size},
     * {@code calsync.caldav.max-calendars}): reading stopped, nothing of it is used.
     */
    public static final class AnswerTooLarge extends CalDavException {
        public AnswerTooLarge(String message) {
            super(message, 0, null);
        }
    }

    /** The server answered, but not in a way CalDAV allows (e.g. discovery without a calendar-home-set). */
    public static final class ProtocolViolation extends CalDavException {
        public ProtocolViolation(String message) {
            super(message, 0, null);
        }
    }
}
