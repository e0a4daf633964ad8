package io.calsync.worker.account;

import io.calsync.contracts.AccountStatus;
import io.calsync.worker.caldav.AppleCredentials;
import io.calsync.worker.caldav.RemoteCalendar;
import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Accounts, their sealed credentials and their calendars in PostgreSQL. */
@Repository
public class AccountStore {

    private static final String ACCOUNT_COLUMNS = "account_id, tenant_id, user_id, apple_id, principal_url, "
            + "calendar_home_url, status, status_reason, connected_at";

    private final JdbcClient jdbc;
    private final CredentialVault vault;
    private final Clock clock;

    public AccountStore(JdbcClient jdbc, CredentialVault vault, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
    }

    @Transactional
    public void insert(Account account, String appSpecificPassword, List<RemoteCalendar> calendars) {
        CredentialVault.Sealed sealed = vault.seal(account.accountId(), appSpecificPassword);
        jdbc.sql("""
                INSERT INTO icloud_account (account_id, tenant_id, user_id, apple_id, principal_url, calendar_home_url,
                    status, status_reason, secret_key_id, secret, connected_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(account.accountId(), account.tenantId(), account.userId(), account.appleId(),
                        account.principalUrl().toString(), account.calendarHomeUrl().toString(),
                        account.status().name(), account.statusReason(), sealed.keyId(), sealed.bytes(),
                        Timestamp.from(account.connectedAt()), Timestamp.from(clock.instant()))
                .update();
        replaceCalendars(account.accountId(), calendars);
    }

    public Optional<Account> find(String tenantId, String userId, UUID accountId) {
        return jdbc.sql("SELECT " + ACCOUNT_COLUMNS + " FROM icloud_account WHERE tenant_id = ? AND user_id = ? AND account_id = ?")
                .params(tenantId, userId, accountId).query(AccountStore::account).optional();
    }

    /**
     * Whether the account is paused (waiting for a new password), its row locked against changes until the caller's
     * transaction ends: a re-authentication cannot slip in between this answer and what the caller records with it.
     */
    public boolean pausedNow(UUID accountId) {
        return jdbc.sql("SELECT status FROM icloud_account WHERE account_id = ? FOR SHARE").param(accountId)
                .query(String.class).optional().map(AccountStatus.NEEDS_REAUTH.name()::equals).orElse(false);
    }

    public Optional<Account> findById(UUID accountId) {
        return jdbc.sql("SELECT " + ACCOUNT_COLUMNS + " FROM icloud_account WHERE account_id = ?")
                .param(accountId).query(AccountStore::account).optional();
    }

    public List<Account> list(String tenantId, String userId) {
        return jdbc.sql("SELECT " + ACCOUNT_COLUMNS + " FROM icloud_account WHERE tenant_id = ? AND user_id = ? ORDER BY connected_at")
                .params(tenantId, userId).query(AccountStore::account).list();
    }

    public boolean exists(String tenantId, String userId, String appleId) {
        return jdbc.sql("SELECT count(*) FROM icloud_account WHERE tenant_id = ? AND user_id = ? AND lower(apple_id) = lower(?)")
                .params(tenantId, userId, appleId).query(Integer.class).single() > 0;
    }

    /** The account's Apple ID and decrypted app-specific password, for a call to iCloud. */
    public AppleCredentials credentials(UUID accountId) {
        return jdbc.sql("SELECT apple_id, secret_key_id, secret FROM icloud_account WHERE account_id = ?")
                .param(accountId)
                .query((rs, n) -> new AppleCredentials(rs.getString("apple_id"), vault.open(accountId,
                        new CredentialVault.Sealed(rs.getString("secret_key_id"), rs.getBytes("secret")))))
                .single();
    }

    public List<AccountCalendar> calendars(UUID accountId) {
        return jdbc.sql("SELECT * FROM icloud_calendar WHERE account_id = ? ORDER BY display_name, calendar_id")
                .param(accountId).query(AccountStore::calendar).list();
    }

    public Optional<AccountCalendar> calendar(UUID accountId, String calendarId) {
        return jdbc.sql("SELECT * FROM icloud_calendar WHERE account_id = ? AND calendar_id = ?")
                .params(accountId, calendarId).query(AccountStore::calendar).optional();
    }

    /** Makes the stored calendars those of {@code calendars}; calendars gone from iCloud are removed. */
    @Transactional
    public void replaceCalendars(UUID accountId, List<RemoteCalendar> calendars) {
        String[] ids = calendars.stream().map(RemoteCalendar::id).toArray(String[]::new);
        jdbc.sql("DELETE FROM icloud_calendar WHERE account_id = ? AND NOT (calendar_id = ANY (?))")
                .params(accountId, ids).update();
        for (RemoteCalendar c : calendars) {
            jdbc.sql("""
                    INSERT INTO icloud_calendar (account_id, calendar_id, url, display_name, color, components, writable)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (account_id, calendar_id) DO UPDATE SET url = EXCLUDED.url,
                        display_name = EXCLUDED.display_name, color = EXCLUDED.color,
                        components = EXCLUDED.components, writable = EXCLUDED.writable""")
                    .params(accountId, c.id(), c.url().toString(), c.displayName(), c.color(),
                            c.components().toArray(String[]::new), c.writable())
                    .update();
        }
    }

    public void setStatus(UUID accountId, AccountStatus status, String reason) {
        jdbc.sql("UPDATE icloud_account SET status = ?, status_reason = ?, updated_at = ? WHERE account_id = ?")
                .params(status.name(), reason, Timestamp.from(clock.instant()), accountId).update();
    }

    /** Replaces the sealed password (re-authentication) and marks the account connected again. */
    public void replaceCredential(UUID accountId, String appSpecificPassword) {
        CredentialVault.Sealed sealed = vault.seal(accountId, appSpecificPassword);
        jdbc.sql("""
                UPDATE icloud_account SET secret_key_id = ?, secret = ?, status = 'CONNECTED', status_reason = NULL,
                    updated_at = ? WHERE account_id = ?""")
                .params(sealed.keyId(), sealed.bytes(), Timestamp.from(clock.instant()), accountId).update();
    }

    /** Deletes the account, its sealed password and its calendars. */
    public void delete(UUID accountId) {
        jdbc.sql("DELETE FROM icloud_account WHERE account_id = ?").param(accountId).update();
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getObject("account_id", UUID.class), rs.getString("tenant_id"), rs.getString("user_id"),
                rs.getString("apple_id"), URI.create(rs.getString("principal_url")),
                URI.create(rs.getString("calendar_home_url")), AccountStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"), instant(rs.getTimestamp("connected_at")));
    }

    private static AccountCalendar calendar(ResultSet rs, int row) throws SQLException {
        Array components = rs.getArray("components");
        return new AccountCalendar(rs.getObject("account_id", UUID.class), rs.getString("calendar_id"),
                URI.create(rs.getString("url")), rs.getString("display_name"), rs.getString("color"),
                new LinkedHashSet<>(Arrays.asList((String[]) components.getArray())), rs.getBoolean("writable"));
    }

    static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
