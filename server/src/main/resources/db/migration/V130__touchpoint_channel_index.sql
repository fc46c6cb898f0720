-- Journeys found by a channel they touched (GET /journeys?channel_id=, the dashboard's journey explorer): the
-- journeys of a channel come from this index instead of a look at every journey's touches.
CREATE INDEX idx_touchpoint_channel_journey ON touchpoints (channel_id, journey_id);
