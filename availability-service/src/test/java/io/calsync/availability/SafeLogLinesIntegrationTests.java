package io.calsync.availability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Control characters that reach a log message or an exception text are replaced in the line written. */
@ExtendWith(OutputCaptureExtension.class)
class SafeLogLinesIntegrationTests extends AvailabilityIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(SafeLogLinesIntegrationTests.class);

    @Test
    void escapeSequencesLineBreaksAndNulInMessagesAndExceptionsAreReplaced(CapturedOutput output) {
        log.warn("user {} asked", "mallory\u001b[31m\r\n2026-01-01 INFO forged line\u0000\u202e");
        log.error("failed", new IllegalStateException("bad \u001b[2J value"));

        assertThat(output.getOut()).contains("user mallory?[31m??2026-01-01 INFO forged line?? asked")
                .contains("java.lang.IllegalStateException: bad ?[2J value")
                .doesNotContain("\u001b").doesNotContain("\u0000").doesNotContain("\u202e")
                .doesNotContain("\n2026-01-01 INFO forged line");
    }
}
