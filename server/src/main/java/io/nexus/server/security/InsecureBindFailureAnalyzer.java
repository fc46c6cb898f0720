package io.nexus.server.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a refused insecure start in Boot's start-up failure report, with what to do instead. */
class InsecureBindFailureAnalyzer extends AbstractFailureAnalyzer<AuthSettings.InsecureBindException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, AuthSettings.InsecureBindException cause) {
    return new FailureAnalysis(cause.getMessage() + ".",
        "Either require keys: create one with 'bin/nexus keys create --tenant default --scopes ingest,read' and start "
            + "with NEXUS_AUTH=required; or listen on this machine only (unset NEXUS_BIND / --server.address, the "
            + "default is 127.0.0.1); or, knowingly (a trusted network, a proxy that authenticates), set "
            + "NEXUS_AUTH=off explicitly.", cause);
  }
}
