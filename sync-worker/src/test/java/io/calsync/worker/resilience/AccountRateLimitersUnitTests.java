package io.calsync.worker.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AccountRateLimitersUnitTests {

    private final RateLimiterConfig fourPerSecond = RateLimiterConfig.custom()
            .limitForPeriod(4).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build();

    @Test
    void aMillionAccountsKeepNoMoreLimitersThanTheCapacity() {
        AccountRateLimiters limiters = new AccountRateLimiters("per-account", fourPerSecond, 100);

        IntStream.range(0, 1_000_000).forEach(i -> limiters.of("account-" + i));

        assertThat(limiters.size()).isEqualTo(100);
    }

    @Test
    void anAccountKeepsItsLimiterAndItsSpentPermissionsWhileOthersHaveTheirOwn() {
        AccountRateLimiters limiters = new AccountRateLimiters("per-account", fourPerSecond, 100);

        assertThat(limiters.of("busy").acquirePermission(3)).isTrue();

        assertThat(limiters.of("busy")).isSameAs(limiters.of("busy"));
        assertThat(limiters.of("busy").getMetrics().getAvailablePermissions()).isEqualTo(1);
        assertThat(limiters.of("quiet").getMetrics().getAvailablePermissions()).isEqualTo(4);
    }

    @Test
    void aLimiterIsNamedAfterItsConfigurationNeverAfterTheAccount() {
        AccountRateLimiters limiters = new AccountRateLimiters("per-account", fourPerSecond, 100);

        assertThat(limiters.of("jane@icloud.com").getName()).isEqualTo("per-account");
    }
}
