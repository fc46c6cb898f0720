package io.nexus.server.support.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The fuzz test's leak check finds what an answer must not show, and forgives what the request itself sent. */
class LeaksTest {

  @Test
  void aStackFrameIsALeak() {
    assertThat(Leaks.find("{\"detail\":\"boom\\n\\tat io.nexus.server.Foo.bar(Foo.java:12)\"}", "")).isPresent();
  }

  @Test
  void aJavaClassNameIsALeak() {
    assertThat(Leaks.find("{\"detail\":\"java.lang.NullPointerException\"}", "")).isPresent();
    assertThat(Leaks.find("{\"detail\":\"Cannot deserialize value of type `tools.jackson.Foo`\"}", "")).isPresent();
  }

  @Test
  void theDatabasesOwnWordsAreALeak() {
    assertThat(Leaks.find("{\"detail\":\"ERROR: duplicate key value violates unique constraint \\\"uq\\\"\"}", ""))
        .isPresent();
    assertThat(Leaks.find("{\"detail\":\"SELECT id, name FROM channels WHERE\"}", "")).isPresent();
  }

  @Test
  void aValueTheRequestSentIsNoLeakWhenQuoted() {
    assertThat(Leaks.find("{\"reason\":\"expected a number, got 'SELECT * FROM journeys'\"}",
        "{\"journey_id\":\"SELECT * FROM journeys\"}")).isEmpty();
  }

  @Test
  void anOrdinaryProblemIsNoLeak() {
    assertThat(Leaks.find("{\"title\":\"Invalid request\",\"detail\":\"user_id: must be at most 200 characters\","
        + "\"errors\":[{\"field\":\"user_id\",\"reason\":\"must be at most 200 characters\"}]}", "")).isEmpty();
  }
}
