-- export-service: the score breakdown in words, one line per lead, for the CSV and Excel exports:
-- "intent 30/30 (Buy intent from offline, confidence 80); urgency 20/20 (High urgency); …".
-- Stored, because building it from the JSON while exporting cost as much again as the whole export
-- (about 9 µs a row); PostgreSQL keeps it up to date on every write, so no service has to.

CREATE FUNCTION score_breakdown_summary(breakdown jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT string_agg(replace(factor ->> 'name', '_', ' ') || ' ' || (factor ->> 'points') || '/' || (factor ->> 'max')
                      || coalesce(' (' || nullif(factor ->> 'evidence', '') || ')', ''),
                      '; ' ORDER BY position)
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(breakdown -> 'factors') = 'array'
                                   THEN breakdown -> 'factors' ELSE '[]'::jsonb END) WITH ORDINALITY AS f(factor, position)
$$;

ALTER TABLE leads ADD COLUMN score_summary TEXT GENERATED ALWAYS AS (score_breakdown_summary(score_breakdown)) STORED;
