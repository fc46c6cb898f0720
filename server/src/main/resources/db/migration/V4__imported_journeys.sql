-- Journeys imported with their results from elsewhere (POST /imports/results, fed by the Spark job), by the key their
-- source gave them: a batch sent again (a retried task, a resumed run) finds its journeys imported and stores nothing
-- twice. Runs unchanged on PostgreSQL 15 and on H2 in PostgreSQL mode.
CREATE TABLE imported_journeys (
    -- One namespace of keys per import run, such as nexus-spark:<run id>.
    source      VARCHAR(200) NOT NULL,
    journey_key VARCHAR(200) NOT NULL,
    journey_id  BIGINT       NOT NULL REFERENCES journeys (id) ON DELETE CASCADE,
    imported_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (source, journey_key)
);
CREATE INDEX idx_imported_journey ON imported_journeys (journey_id);
