package io.calsync.worker.caldav;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Retry-After as the server said it; how much of it calsync honours is the classifier's to say. */
class RetryAfterUnitTests {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({
        "120, PT2M",
        "0, PT0S",
        "' 30 ', PT30S",
        "'Mon, 23 Nov 2026 10:05:00 GMT', PT5M",
        "'Mon, 23 Nov 2026 09:00:00 GMT', PT0S",
        "86400, PT24H",
        "'Tue, 01 Dec 2026 10:00:00 GMT', PT192H",
        "9223372036854775807, PT2562047788015215H30M7S"})
    void secondsAndHttpDatesAreParsedAsSaid(String header, Duration expected) {
        assertThat(RetryAfter.parse(header, NOW)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "-5", "12.5", "Mon, 32 Nov 2026 10:05:00 GMT", "99999999999999999999"})
    void unusableValuesMeanNothingWasSaid(String header) {
        assertThat(RetryAfter.parse(header, NOW)).isNull();
        assertThat(RetryAfter.parse(null, NOW)).isNull();
    }
}
