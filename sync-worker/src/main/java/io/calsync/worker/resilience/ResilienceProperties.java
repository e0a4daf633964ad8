package io.calsync.worker.resilience;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Names of the Resilience4j instances calsync uses; their settings are Resilience4j's own properties
 * ({@code resilience4j.circuitbreaker.instances.apple.*}, {@code resilience4j.bulkhead.instances.apple.*},
 * {@code resilience4j.ratelimiter.configs.per-account.*}).
 *
 * @param circuitBreaker the breaker for Apple as a whole
 * @param bulkhead the bound on concurrent calls to Apple
 * @param accountRateLimiterConfig the rate-limiter configuration every account gets its own limiter from
 */
@ConfigurationProperties("calsync.resilience")
public record ResilienceProperties(
        @DefaultValue("apple") String circuitBreaker,
        @DefaultValue("apple") String bulkhead,
        @DefaultValue("per-account") String accountRateLimiterConfig) {
}
