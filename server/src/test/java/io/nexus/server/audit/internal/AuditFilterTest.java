package io.nexus.server.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The recorded path is one every database column takes, whatever the request's path held. */
class AuditFilterTest {

  @Test
  void controlCharactersAndLoneSurrogatesAreRecordedAsQuestionMarks() {
    assertThat(AuditFilter.storable("/a\u0000b\u001fc\ud800d")).isEqualTo("/a?b?c?d");
  }

  @Test
  void aPathIsCutAt500Characters() {
    assertThat(AuditFilter.storable("/" + "x".repeat(600))).hasSize(500);
  }

  @Test
  void anOrdinaryPathIsKeptAsSent() {
    assertThat(AuditFilter.storable("/api/v1/attribution/journeys/%2F1")).isEqualTo(
        "/api/v1/attribution/journeys/%2F1");
  }
}
