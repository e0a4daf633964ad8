package io.calsync.availability.domain;

import static io.calsync.availability.domain.Times.UTC;
import static io.calsync.availability.domain.Times.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

class FreeSlotQueryUnitTests {

    private static final Interval DAY = utc("2026-12-07T00:00", "2026-12-08T00:00");

    static Stream<Arguments> badQueries() {
        return Stream.of(
                bad("duration", q -> FreeSlotQuery.builder(DAY, Duration.ZERO, UTC)),
                bad("duration", q -> FreeSlotQuery.builder(DAY, Duration.ofMinutes(-30), UTC)),
                bad("duration", q -> FreeSlotQuery.builder(DAY, Duration.ofHours(25), UTC)),
                bad("to", q -> FreeSlotQuery.builder(utc("2026-12-07T00:00", "2027-03-08T00:00"), Duration.ofHours(1), UTC)),
                bad("step", q -> q.step(Duration.ZERO)),
                bad("step", q -> q.step(Duration.ofMinutes(4))),
                bad("step", q -> q.step(Duration.ofDays(2))),
                bad("bufferBefore", q -> q.buffers(Duration.ofMinutes(-1), Duration.ZERO)),
                bad("bufferAfter", q -> q.buffers(Duration.ZERO, Duration.ofMinutes(-1))),
                bad("minNotice", q -> q.minNotice(Duration.ofMinutes(-1))),
                bad("maxResults", q -> q.maxResults(0)),
                bad("maxResults", q -> q.maxResults(FreeSlotQuery.MAX_RESULTS + 1)),
                bad("maxPerDay", q -> q.maxPerDay(0)));
    }

    private static Arguments bad(String field, UnaryOperator<FreeSlotQuery.Builder> change) {
        return Arguments.of(field, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueries")
    void aBadQueryIsRefusedNamingTheField(String field, UnaryOperator<FreeSlotQuery.Builder> change) {
        assertThatThrownBy(() -> change.apply(FreeSlotQuery.builder(DAY, Duration.ofMinutes(30), UTC)).build())
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void theDefaultsAreAValidQuery() {
        FreeSlotQuery query = FreeSlotQuery.builder(DAY, Duration.ofMinutes(30), UTC).build();

        assertThat(query.step()).isEqualTo(Duration.ofMinutes(30));
        assertThat(query.maxResults()).isEqualTo(FreeSlotQuery.DEFAULT_RESULTS);
        assertThat(query.format()).isEqualTo(SlotFormat.SLOTS);
        assertThat(query.maxPerDay()).isEmpty();
    }
}
