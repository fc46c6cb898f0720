-- Import jobs report that their instance is alive (heartbeat_at, renewed while the job runs), so that on PostgreSQL
-- any instance can fail a job whose instance died mid-import; and keep the platform's own daily totals beside what
-- the import read (reconciliation, JSON), with the reason when there are none (reconciliation_note).
ALTER TABLE integration_jobs ADD COLUMN heartbeat_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE integration_jobs ADD COLUMN reconciliation VARCHAR(200000);
ALTER TABLE integration_jobs ADD COLUMN reconciliation_note VARCHAR(2000);
CREATE INDEX idx_integration_jobs_running ON integration_jobs (status, heartbeat_at);
