package io.calsync.worker.caldav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.testsupport.HostileCalDavServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** calsync's CalDAV client against a hostile server directly, and the pieces that bound what it reads. */
class CalDavLimitsUnitTests {

    private static final HostileCalDavServer HOSTILE = HostileCalDavServer.start();
    private static final HostileCalDavServer TARGET = HostileCalDavServer.start();
    private static final AppleCredentials JANE = new AppleCredentials("jane@icloud.test", "abcd-efgh-ijkl-mnop");

    @AfterAll
    static void stop() {
        HOSTILE.close();
        TARGET.close();
    }

    private static CalDavClient client(Duration deadline) {
        return new CalDavClient(new CalDavProperties(URI.create(HOSTILE.rootUrl()), List.of(HOSTILE.hostPort()),
                Duration.ofSeconds(2), Duration.ofSeconds(2), deadline, DataSize.ofMegabytes(4), 200, 64, 256, 4),
                Clock.systemUTC(), "test");
    }

    @Test
    void a303IsNotFollowedAndTheTargetNeverSeesTheCredentials() throws Exception {
        HOSTILE.reset();
        HOSTILE.everyone().redirect(303, TARGET.rootUrl());
        try (CalDavClient client = client(Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> client.discover(JANE)).isInstanceOf(CalDavException.Redirected.class)
                    .hasMessageContaining("redirecting to http://" + TARGET.hostPort())
                    .hasMessageNotContaining("abcd-efgh-ijkl-mnop");
        }
        assertThat(TARGET.requests()).isEmpty();
    }

    @Test
    void aTrickleEndsAtTheCallDeadlineAsATimeout() throws Exception {
        HOSTILE.reset();
        HOSTILE.everyone().trickle(Duration.ofMillis(300)); // bytes keep coming: the 2 s read timeout never fires
        try (CalDavClient client = client(Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> client.discover(JANE)).isInstanceOf(CalDavException.Timeout.class)
                    .hasMessageContaining("calsync.caldav.call-deadline");
        }
    }

    @Test
    void silenceAfterTheHeadersIsATimeoutNotAProtocolViolation() throws Exception {
        HOSTILE.reset();
        HOSTILE.everyone().stallAfterHeaders();
        try (CalDavClient client = client(Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> client.discover(JANE)).isInstanceOf(CalDavException.Timeout.class)
                    .hasMessageContaining("stalled in the middle of its answer");
        }
    }

    @Test
    void aBodyUpToTheLimitIsReadAndOneByteMoreFails() throws Exception {
        try (InputStream exact = new BoundedBody(new ByteArrayInputStream(new byte[100]), 100)) {
            assertThat(exact.transferTo(OutputStream.nullOutputStream())).isEqualTo(100);
        }
        try (InputStream over = new BoundedBody(new ByteArrayInputStream(new byte[101]), 100)) {
            assertThatThrownBy(() -> over.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(BoundedBody.TooLarge.class).hasMessageContaining("100 bytes");
        }
    }

    @Test
    void storedValuesAreBounded() {
        assertThat(StoredValues.displayName("n".repeat(10_000), 256)).hasSize(256);
        assertThat(StoredValues.displayName("a".repeat(255) + "\uD83D\uDE00", 256)).hasSize(255);
        assertThat(StoredValues.displayName("Work\u001B[31m", 256)).isEqualTo("Work [31m");
        assertThat(StoredValues.color("#FF2968FF")).isEqualTo("#FF2968FF");
        assertThat(StoredValues.color("#ff2968")).isEqualTo("#ff2968");
        assertThat(StoredValues.color("red")).isNull();
        assertThat(StoredValues.color("#FF2968FF;background:url(x)")).isNull();
        assertThat(StoredValues.token("t".repeat(1024))).hasSize(1024);
        assertThat(StoredValues.token("t".repeat(1025))).isNull();
    }
}
