package io.calsync.worker.resilience;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import org.springframework.util.ConcurrentLruCache;

/**
 * One Resilience4j rate limiter per account, kept out of the Spring-managed {@code RateLimiterRegistry}: every entry
 * of that registry becomes metrics tagged with its name, and a name per account would put every Apple ID and
 * account id ever tried into the metrics, growing without bound.
 *
 * <p>At most {@code capacity} limiters are kept, the least recently used go first. Evicting one loses nothing as
 * long as it has been idle for a whole refresh period (it has all its permissions again by then): with a capacity
 * far above the number of accounts calling within one refresh period, only such idle limiters are evicted. No
 * expiry is needed for the same reason. Two first calls of one account at the same instant may each get a fresh
 * limiter (the cache creates values outside its lock); that allows one extra period's permissions once, well
 * inside Apple's per-minute budget.
 */
final class AccountRateLimiters {

    private final ConcurrentLruCache<String, RateLimiter> limiters;

    /**
     * @param name the name of every limiter; deliberately not the account key, so that neither an Apple ID nor an
     *     account id appears in the limiter's exceptions
     */
    AccountRateLimiters(String name, RateLimiterConfig config, int capacity) {
        this.limiters = new ConcurrentLruCache<>(capacity, accountKey -> RateLimiter.of(name, config));
    }

    RateLimiter of(String accountKey) {
        return limiters.get(accountKey);
    }

    /** How many limiters are kept right now; never more than the capacity. */
    int size() {
        return limiters.size();
    }
}
