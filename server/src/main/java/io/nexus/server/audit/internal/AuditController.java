package io.nexus.server.audit.internal;

import io.nexus.server.security.CurrentCaller;
import io.nexus.server.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/admin/audit}: the caller's tenant's audit log, newest first (admin scope). */
@RestController
@RequestMapping(path = "/api/v1/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Admin: audit log")
class AuditController {
  /** A page of entries and how many there are in all. */
  record AuditPage(List<AuditEntry> entries, int page, int size, long total) {}

  private final AuditRepository entries;
  private final CurrentCaller caller;

  AuditController(AuditRepository entries, CurrentCaller caller) {
    this.entries = entries;
    this.caller = caller;
  }

  @GetMapping
  @Operation(summary = "The tenant's audit log: admin actions and deletes, who made them, when and how they ended")
  AuditPage list(@RequestParam(name = "page", defaultValue = "0") int page,
      @RequestParam(name = "size", defaultValue = "100") int size) {
    Paging.check(page, size);
    String tenant = caller.get().tenant().value();
    return new AuditPage(entries.page(tenant, page, size), page, size, entries.count(tenant));
  }
}
