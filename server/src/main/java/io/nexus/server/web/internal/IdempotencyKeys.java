package io.nexus.server.web.internal;

import io.nexus.server.persistence.TenantDirectory;
import io.nexus.server.persistence.TimestampColumns;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/** SQL for the {@code idempotency_keys} table: claiming a key, storing the answer, finding it, expiring keys. */
@Repository
class IdempotencyKeys {
  private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

  /** An answer stored under a key, with the hash of the request that got it. */
  record Stored(String requestHash, int status, String location, String body) {}

  /** The key is stored already: the request was answered before. */
  static final class Taken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Taken() {
      super(null, null, false, false);
    }
  }

  /** The key belongs to a request still in flight that did not finish within the database's lock timeout. */
  static final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Busy() {
      super(null, null, false, false);
    }
  }

  private final JdbcClient jdbc;
  private final TenantDirectory tenants;

  IdempotencyKeys(JdbcClient jdbc, TenantDirectory tenants) {
    this.jdbc = jdbc;
    this.tenants = tenants;
  }

  /**
   * Claims {@code key} for this transaction, dropping an expired claim first. A claim of the same key in flight makes
   * this wait for it (the primary key is locked until that transaction ends), then fail with {@link Taken} if it
   * committed. Run inside the transaction that does the request's writes.
   */
  void claim(String key, String requestHash, Instant now, Instant expires) {
    jdbc.sql("DELETE FROM idempotency_keys WHERE tenant_id = current_tenant() "
        + "AND idempotency_key = ? AND expires_at <= ?")
        .params(key, TimestampColumns.param(now)).update();
    try {
      // The answer is filled in by complete() in the same transaction; nobody sees the row before it commits.
      jdbc.sql("INSERT INTO idempotency_keys (idempotency_key, request_hash, response_status, response_body, "
              + "created_at, expires_at) VALUES (?, ?, 0, '', ?, ?)")
          .params(key, requestHash, TimestampColumns.param(now), TimestampColumns.param(expires)).update();
    } catch (DuplicateKeyException e) {
      throw new Taken();
    } catch (PessimisticLockingFailureException e) {
      throw new Busy();
    }
  }

  /** Stores the answer of the claimed {@code key}; inside the claiming transaction. */
  void complete(String key, int status, String location, String body) {
    jdbc.sql("UPDATE idempotency_keys SET response_status = ?, response_location = ?, response_body = ? "
            + "WHERE tenant_id = current_tenant() AND idempotency_key = ?")
        .params(status, location, body, key).update();
  }

  /** The answer stored under {@code key}, unless it expired. */
  Optional<Stored> find(String key, Instant now) {
    return jdbc.sql("SELECT request_hash, response_status, response_location, response_body FROM idempotency_keys "
            + "WHERE tenant_id = current_tenant() AND idempotency_key = ? AND expires_at > ?")
        .params(key, TimestampColumns.param(now))
        .query((rs, n) -> new Stored(rs.getString("request_hash"), rs.getInt("response_status"),
            rs.getString("response_location"), rs.getString("response_body")))
        .optional();
  }

  /** Deletes expired keys every hour; any instance may do it, a key expired twice is simply gone. */
  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
  void deleteExpired() {
    try {
      int[] counted = {0};
      tenants.forEach(tenant -> counted[0] += jdbc.sql("DELETE FROM idempotency_keys WHERE tenant_id = "
          + "current_tenant() AND expires_at <= ?").param(TimestampColumns.now()).update());
      int deleted = counted[0];
      if (deleted > 0) {
        log.info("deleted {} expired idempotency keys", deleted);
      }
    } catch (DataAccessException e) {
      log.warn("could not delete expired idempotency keys, will try again in an hour: {}", e.getMessage());
    }
  }
}
