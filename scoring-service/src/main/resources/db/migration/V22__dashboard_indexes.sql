-- Indexes the dashboard needs at a million leads besides V1's (checked with EXPLAIN ANALYZE on generated data).
-- Owned by query-service.

-- Grade and intent decide most of the score, so "COLD leads, highest score first" walking the score index
-- would pass every HOT and WARM lead before the first COLD one: (quality, score) is V3's; this serves intent.
CREATE INDEX leads_intent_score_idx ON leads (intent, score DESC, id DESC);

-- The live stream's replay after a reconnect: the leads changed since a moment.
CREATE INDEX leads_updated_idx ON leads (updated_at);

-- The dashboard's filters are correlated (a Buy is mostly HOT, a Spam COLD): tell the planner, so it does not
-- multiply their selectivities as if they were independent.
CREATE STATISTICS leads_dimensions_stats (mcv, dependencies) ON quality, intent, channel, status FROM leads;
ANALYZE leads;
