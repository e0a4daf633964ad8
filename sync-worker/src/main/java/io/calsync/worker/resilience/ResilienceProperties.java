package io.calsync.worker.resilience;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Names of the Resilience4j instances calsync uses; their settings are Resilience4j's own properties
 * ({@code resilience4j.circuitbreaker.instances.apple.*}, {@code resilience4j.bulkhead.instances.apple.*},
 * {@code resilience4j.ratelimiter.configs.per-account.*}).
 *
 * @param circuitBreaker the breaker for Apple as a whole
 * @param bulkhead the bound on concurrent calls to Apple
 * @param accountRateLimiterConfig the rate-limiter configuration every account gets its own limiter from
 * @param maxAccountRateLimiters how many accounts' rate limiters are kept in memory, the least recently used
 *     dropped first; keep it far above the number of accounts that call Apple within one limiter refresh period
 *     (a dropped limiter that was not idle that long would hand out a fresh period's permissions)
 */
@Validated
@ConfigurationProperties("calsync.resilience")
public record ResilienceProperties(
        @DefaultValue("apple") String circuitBreaker,
        @DefaultValue("apple") String bulkhead,
        @DefaultValue("per-account") String accountRateLimiterConfig,
        @DefaultValue("10000") @Positive int maxAccountRateLimiters) {
}
