package io.calsync.availability.ingest;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Decides whether a failure to store a record will pass by itself (PostgreSQL restarting, unreachable, out of
 * connections, a deadlock): then the batch is retried for as long as it lasts and nothing is dead-lettered. Decided by
 * walking the cause chain, as the SQLSTATE classes of PostgreSQL's manual (appendix A) say.
 */
final class TransientFailures {

    /** Connection exceptions (08), operator intervention (57P01–57P03), insufficient resources (53), serialization and deadlock. */
    private static final List<String> TRANSIENT_STATES = List.of("08", "57P", "53", "40001", "40P01");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof CannotGetJdbcConnectionException || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && TRANSIENT_STATES.stream().anyMatch(sql.getSQLState()::startsWith)) {
                return true;
            }
        }
        return false;
    }
}
