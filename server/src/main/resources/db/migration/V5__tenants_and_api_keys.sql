-- Tenants and their API keys (docs/security.md). Neither table is tenant-scoped: a key is looked up before its
-- tenant is known, and tenants are administered by the operator (bin/nexus tenants). Runs unchanged on PostgreSQL 15
-- and on H2 in PostgreSQL mode.
CREATE TABLE tenants (
    id         VARCHAR(63) NOT NULL PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO tenants (id) VALUES ('default');

-- Keys are stored as HMAC-SHA-256 of the whole key under the server's pepper, never in clear; the prefix names them.
CREATE TABLE api_keys (
    prefix       VARCHAR(11)  NOT NULL PRIMARY KEY,
    tenant_id    VARCHAR(63)  NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name         VARCHAR(200),
    -- Comma-separated labels: ingest, read, admin.
    scopes       VARCHAR(100) NOT NULL,
    secret_hash  VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX idx_api_key_tenant ON api_keys (tenant_id);

-- Bumped by every change to keys or tenants: each instance polls it and drops the keys it verified when it moves, so a
-- revocation takes effect on every instance sharing the database without a query per request.
CREATE TABLE security_revision (
    id       INTEGER NOT NULL PRIMARY KEY,
    revision BIGINT  NOT NULL
);
INSERT INTO security_revision (id, revision) VALUES (1, 0);
