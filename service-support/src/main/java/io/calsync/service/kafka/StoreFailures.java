package io.calsync.service.kafka;

import java.sql.SQLException;
import java.util.List;
import org.springframework.transaction.TransactionSystemException;

/**
 * Decides whether a failure to store a record is the record's fault: PostgreSQL refused its values (SQLSTATE class 22,
 * data exception, or 23, integrity constraint violation; PostgreSQL's manual, appendix A). Only such a record goes to
 * the dead-letter topic. Everything else — PostgreSQL restarting, unreachable, out of connections, a deadlock, a
 * connection closed under a rollback, and anything not recognised — is retried until it passes: a valid record is
 * never dead-lettered because of an outage.
 */
public final class StoreFailures {

    private static final List<String> THE_RECORDS_FAULT = List.of("22", "23");

    private StoreFailures() {
    }

    public static boolean isTheRecordsFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransactionSystemException rollbackFailed && rollbackFailed.getApplicationException() != null
                    && !isTheRecordsFault(rollbackFailed.getApplicationException())) {
                return false;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return THE_RECORDS_FAULT.stream().anyMatch(state::startsWith);
            }
        }
        return false;
    }
}
