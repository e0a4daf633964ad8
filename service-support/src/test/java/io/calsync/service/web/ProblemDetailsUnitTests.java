package io.calsync.service.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class ProblemDetailsUnitTests {

    @ParameterizedTest
    @ValueSource(strings = {"deadlock", "connection refused", "statement timeout"})
    void aDatabaseThatCannotAnswerNowIsA503WithRetryAfterAndNothingOfTheCause(String kind) {
        RuntimeException cause = switch (kind) {
            case "deadlock" -> new CannotAcquireLockException("ERROR: deadlock detected; SQL [DELETE FROM icloud_calendar]");
            case "connection refused" -> new DataAccessResourceFailureException("Connection to 127.0.0.1:5432 refused");
            default -> new QueryTimeoutException("canceling statement due to statement timeout; SQL [SELECT secret]");
        };

        ResponseEntity<ProblemDetail> answer = new ProblemDetails().databaseUnavailable(cause);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.getBody().getType().toString()).endsWith("temporarily-unavailable");
        assertThat(answer.getBody().getDetail()).contains("nothing was changed")
                .doesNotContain("SQL").doesNotContain("5432").doesNotContain("deadlock");
    }
}
