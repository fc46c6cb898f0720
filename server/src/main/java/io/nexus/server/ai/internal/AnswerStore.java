package io.nexus.server.ai.internal;

import io.nexus.server.persistence.TimestampColumns;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code ai_answers} table, always within the current tenant. */
@Repository
class AnswerStore {
  private final JdbcClient jdbc;

  AnswerStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A validated answer as stored. */
  record Stored(String model, String answer, long inputTokens, long outputTokens, long latencyMs) {}

  Optional<Stored> find(String questionHash) {
    return jdbc.sql("SELECT model, answer, input_tokens, output_tokens, latency_ms FROM ai_answers "
            + "WHERE tenant_id = current_tenant() AND question_hash = ?")
        .param(questionHash)
        .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)))
        .optional();
  }

  /** Stores an answer; a racer that stored the same question first wins, both answers being valid. */
  void save(String questionHash, Stored answer) {
    try {
      jdbc.sql("INSERT INTO ai_answers (question_hash, model, answer, input_tokens, output_tokens, latency_ms) "
              + "VALUES (?, ?, ?, ?, ?, ?)")
          .params(questionHash, answer.model(), answer.answer(), answer.inputTokens(), answer.outputTokens(),
              answer.latencyMs())
          .update();
    } catch (DuplicateKeyException raced) {
      // The same question answered twice at once: the first stored answer stays.
    }
  }

  /** How many answers the current tenant got from the provider since {@code since}. */
  long countSince(Instant since) {
    return jdbc.sql("SELECT COUNT(*) FROM ai_answers WHERE tenant_id = current_tenant() AND created_at >= ?")
        .param(TimestampColumns.param(since)).query(Long.class).single();
  }
}
