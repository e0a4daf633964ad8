package io.calsync.worker.resilience;

import io.calsync.worker.caldav.CalDavException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Every call to Apple goes through here: the bulkhead bounds how many run at once, the circuit breaker stops
 * calling a failing Apple (only Apple's failures count: outages, timeouts, throttling, 5xx), and each account has
 * its own rate limiter so one busy account cannot get the others throttled. The per-account limiters live outside
 * the Resilience4j registries whose entries become metrics ({@link AccountRateLimiters}): metrics name no account.
 */
@Component
public class AppleGuard {

    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final AccountRateLimiters rateLimiters;

    public AppleGuard(CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads, RateLimiterRegistry rateLimiters,
            ResilienceProperties properties) {
        this.breaker = breakers.circuitBreaker(properties.circuitBreaker());
        this.bulkhead = bulkheads.bulkhead(properties.bulkhead());
        String accountConfig = properties.accountRateLimiterConfig();
        this.rateLimiters = new AccountRateLimiters(accountConfig, rateLimiters.getConfiguration(accountConfig)
                .orElseThrow(() -> new IllegalStateException("no rate-limiter configuration '" + accountConfig
                        + "' (resilience4j.ratelimiter.configs." + accountConfig + ".*)")),
                properties.maxAccountRateLimiters());
    }

    /**
     * Runs {@code call} for the account (or Apple ID, before an account exists) named by {@code accountKey}. A 401
     * leaves here naming that key, so that the account whose password was rejected is the one paused.
     */
    public <T> T call(String accountKey, Supplier<T> call) {
        RateLimiter limiter = rateLimiters.of(accountKey);
        try {
            return Bulkhead.decorateSupplier(bulkhead,
                    CircuitBreaker.decorateSupplier(breaker,
                            RateLimiter.decorateSupplier(limiter, call))).get();
        } catch (CalDavException.Unauthorized rejected) {
            throw rejected.accountKey().isPresent() ? rejected : rejected.of(accountKey);
        }
    }

    public void run(String accountKey, Runnable call) {
        call(accountKey, () -> {
            call.run();
            return null;
        });
    }

    /** How many calls the account may make right now without waiting for its rate limiter. */
    public int availablePermissions(String accountKey) {
        return rateLimiters.of(accountKey).getMetrics().getAvailablePermissions();
    }

    /** How long the breaker stays open before it lets probes through. */
    public Duration openStateWait() {
        return Duration.ofMillis(breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
    }

    public CircuitBreaker.State circuitState() {
        return breaker.getState();
    }
}
