package io.nexus.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Secure by default: keys are optional on this machine only, unless switched off on purpose. */
class AuthSettingsTest {

  @Test
  void authOffStartsOnLoopback() {
    assertThatCode(() -> new AuthSettings("", "127.0.0.1")).doesNotThrowAnyException();
    assertThatCode(() -> new AuthSettings("off", "::1")).doesNotThrowAnyException();
    assertThatCode(() -> new AuthSettings("", "localhost")).doesNotThrowAnyException();
  }

  @Test
  void unsetAuthOnAnotherAddressRefusesToStart() {
    assertThatThrownBy(() -> new AuthSettings("", "0.0.0.0"))
        .isInstanceOf(AuthSettings.InsecureBindException.class)
        .hasMessageContaining("refusing to listen on 0.0.0.0 with authentication off");
    assertThatThrownBy(() -> new AuthSettings("", "")).hasMessageContaining("every interface");
  }

  @Test
  void authOffSetOnPurposeStartsAnywhere() {
    assertThatCode(() -> new AuthSettings("off", "0.0.0.0")).doesNotThrowAnyException();
  }

  @Test
  void authRequiredStartsAnywhere() {
    assertThatCode(() -> new AuthSettings("required", "0.0.0.0")).doesNotThrowAnyException();
  }

  @Test
  void anUnknownModeIsNamed() {
    assertThatThrownBy(() -> new AuthSettings("maybe", "127.0.0.1")).hasMessageContaining("must be off or required");
  }

  @Test
  void scopesFollowTheMethodAndPath() {
    assertThat(ScopeRules.required("GET", "/health")).isEmpty();
    assertThat(ScopeRules.required("GET", "/v3/api-docs")).isEmpty();
    assertThat(ScopeRules.required("POST", "/api/v1/attribution/journeys/batch"))
        .contains(Scope.INGEST);
    assertThat(ScopeRules.required("POST", "/api/v1/attribution/calculate/1/2"))
        .contains(Scope.READ);
    assertThat(ScopeRules.required("PUT", "/api/v1/attribution/channels/1"))
        .contains(Scope.ADMIN);
    assertThat(ScopeRules.required("DELETE", "/api/v1/attribution/journeys/1"))
        .contains(Scope.ADMIN);
    assertThat(ScopeRules.required("GET", "/api/v1/admin/keys"))
        .contains(Scope.ADMIN);
    assertThat(ScopeRules.required("GET", "/actuator/prometheus"))
        .contains(Scope.ADMIN);
    assertThat(ScopeRules.required("GET", "/api/v1/attribution/integrations"))
        .contains(Scope.ADMIN);
    assertThat(ScopeRules.required("POST", "/api/v1/attribution/integrations/csv/upload"))
        .contains(Scope.ADMIN);
  }
}
