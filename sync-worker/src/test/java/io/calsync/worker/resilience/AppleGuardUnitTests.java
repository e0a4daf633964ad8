package io.calsync.worker.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The guard's per-account rate limiting, on plain Resilience4j registries (no Apple is called). */
class AppleGuardUnitTests {

    private final RateLimiterRegistry rateLimiters = RateLimiterRegistry.of(Map.of("per-account",
            RateLimiterConfig.custom().limitForPeriod(2).limitRefreshPeriod(Duration.ofHours(1))
                    .timeoutDuration(Duration.ZERO).build()));
    private final AppleGuard guard = new AppleGuard(CircuitBreakerRegistry.ofDefaults(), BulkheadRegistry.ofDefaults(),
            rateLimiters, new ResilienceProperties("apple", "apple", "per-account", 1000));

    @Test
    void eachAccountIsLimitedByTheConfiguredPerAccountLimiterWithoutAnEntryInTheRegistry() {
        guard.call("jane@icloud.com", () -> "discovered");
        guard.run("0b7f6a58-1d2c-4a8e-9a55-3f0c8f1e2d4b", () -> { });

        assertThat(guard.availablePermissions("jane@icloud.com")).isEqualTo(1);
        assertThat(guard.availablePermissions("0b7f6a58-1d2c-4a8e-9a55-3f0c8f1e2d4b")).isEqualTo(1);
        assertThat(guard.availablePermissions("someone-else")).isEqualTo(2);
        guard.call("jane@icloud.com", () -> "second");
        assertThatThrownBy(() -> guard.call("jane@icloud.com", () -> "third")).isInstanceOf(RequestNotPermitted.class);
        assertThat(rateLimiters.getAllRateLimiters()).isEmpty();
    }

    @Test
    void aMissingPerAccountConfigurationStopsTheStartNamingTheProperty() {
        assertThatThrownBy(() -> new AppleGuard(CircuitBreakerRegistry.ofDefaults(), BulkheadRegistry.ofDefaults(),
                RateLimiterRegistry.ofDefaults(), new ResilienceProperties("apple", "apple", "missing", 1000)))
                .hasMessageContaining("resilience4j.ratelimiter.configs.missing");
    }
}
