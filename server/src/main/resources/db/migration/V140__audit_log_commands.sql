-- The audit log also records bin/nexus keys|tenants (docs/operations.md, "Audit log"): who ran the command (actor
-- "cli:" and the operating-system user), which one (action: "keys create", "keys revoke", "tenants create",
-- "tenants delete") and on what (target: the tenant, or the key's prefix; never the key). Such rows have no HTTP
-- method, path or status. Runs unchanged on PostgreSQL 15 and on H2.
ALTER TABLE audit_log ADD COLUMN actor VARCHAR(80);
ALTER TABLE audit_log ADD COLUMN action VARCHAR(40);
ALTER TABLE audit_log ADD COLUMN target VARCHAR(63);
ALTER TABLE audit_log ALTER COLUMN method DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN path DROP NOT NULL;
ALTER TABLE audit_log ALTER COLUMN status DROP NOT NULL;
