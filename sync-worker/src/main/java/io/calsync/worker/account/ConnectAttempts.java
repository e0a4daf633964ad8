package io.calsync.worker.account;

import io.calsync.service.web.ApiException;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.ConcurrentLruCache;

/**
 * Counts attempts to have iCloud check credentials, per user and per Apple ID, and refuses one over either limit
 * with 429 and {@code Retry-After}. One Resilience4j rate limiter per key, kept in a bounded LRU cache and in no
 * registry: they are neither exported as metrics nor kept for every Apple ID ever tried.
 */
@Component
class ConnectAttempts {

    private final ConcurrentLruCache<String, RateLimiter> perUser;
    private final ConcurrentLruCache<String, RateLimiter> perAppleId;

    ConnectAttempts(ConnectLimitProperties properties) {
        RateLimiterConfig userLimit = config(properties.attemptsPerUser(), properties.window());
        RateLimiterConfig appleIdLimit = config(properties.attemptsPerAppleId(), properties.window());
        this.perUser = new ConcurrentLruCache<>(properties.trackedKeys(), key -> RateLimiter.of("connect-user", userLimit));
        this.perAppleId = new ConcurrentLruCache<>(properties.trackedKeys(),
                key -> RateLimiter.of("connect-apple-id", appleIdLimit));
    }

    private static RateLimiterConfig config(int attempts, Duration window) {
        return RateLimiterConfig.custom().limitForPeriod(attempts).limitRefreshPeriod(window)
                .timeoutDuration(Duration.ZERO).build();
    }

    /** One attempt of {@code tenantId}/{@code userId} with {@code appleId} (normalized); 429 when over a limit. */
    void count(String tenantId, String userId, String appleId) {
        take(perUser.get(tenantId + "/" + userId), "this user");
        take(perAppleId.get(appleId), "this Apple ID");
    }

    private static void take(RateLimiter limiter, String whose) {
        if (!limiter.acquirePermission()) {
            long nanos = ((AtomicRateLimiter) limiter).getDetailedMetrics().getNanosToWait();
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", "Too many attempts",
                    "too many attempts to check credentials for " + whose + "; try again after Retry-After seconds",
                    Duration.ofNanos(Math.max(nanos, 0)).plusSeconds(1));
        }
    }
}
