-- Which model stood in for the data-driven (AI) model in a bulk job run without an AI provider, as a JSON list of
-- {"model_id", "fallback": {"model_id", "reason"}, "pairs"}; NULL when no model stood in. Runs unchanged on
-- PostgreSQL 15 and on H2 in PostgreSQL mode; the table keeps its tenant column and row-level security.
ALTER TABLE attribution_jobs ADD COLUMN fallbacks TEXT;
