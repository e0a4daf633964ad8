package io.calsync.worker.account;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often credentials may be tried through the API (connect and re-authentication), so the endpoint cannot be
 * used to guess app-specific passwords. Only attempts that would ask iCloud count: a malformed password does not.
 *
 * @param attemptsPerAppleId attempts per Apple ID and window, whoever makes them
 * @param attemptsPerUser    attempts per platform user (tenant and user id) and window, whatever the Apple ID
 * @param window             the window the attempts are counted in
 * @param trackedKeys        how many users and how many Apple IDs are tracked at once (least recently used are
 *                           forgotten first; an idle one has a full allowance anyway)
 */
@ConfigurationProperties("calsync.connect")
public record ConnectLimitProperties(@DefaultValue("5") int attemptsPerAppleId, @DefaultValue("10") int attemptsPerUser,
        @DefaultValue("1m") Duration window, @DefaultValue("10000") int trackedKeys) {
}
