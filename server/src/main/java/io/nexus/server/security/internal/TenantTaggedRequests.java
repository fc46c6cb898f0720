package io.nexus.server.security.internal;

import io.micrometer.common.KeyValues;
import io.nexus.server.security.Caller;
import io.nexus.server.security.CurrentCaller;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;

/**
 * Tags the HTTP server metrics ({@code http.server.requests}) with the caller's tenant, so that one tenant's traffic,
 * errors and latency can be told apart; requests refused before their caller is known are tagged {@code none}.
 */
@Component
class TenantTaggedRequests extends DefaultServerRequestObservationConvention {
  static final String TAG = "tenant";

  @Override
  public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
    // The caller filter runs inside the observation, so by the time the observation stops the attribute is set.
    Object caller = context.getCarrier().getAttribute(CurrentCaller.ATTRIBUTE);
    String tenant = caller instanceof Caller known ? known.tenant().value() : "none";
    return super.getLowCardinalityKeyValues(context).and(TAG, tenant);
  }
}
