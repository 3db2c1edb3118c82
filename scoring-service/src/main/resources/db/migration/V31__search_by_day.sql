-- Free-text search, newest first, at a million leads. Owned by query-service.
--
-- The trigram index alone collects every lead a text is in before the newest can be picked: for a text in tens of
-- thousands of leads that is 40-60 ms of index work whatever the page. Keyed by the day a lead arrived as well,
-- the same index answers "the leads of this day that match" by intersecting the day's entries with the text's,
-- so a search reads the newest day's matches alone before it looks further back. It replaces V1's trigram index:
-- a search with no day still uses it (any column of a GIN index can be searched alone).
--
-- Built inside the migration's transaction: on a table of a million leads, writes to leads wait about 30 s.

CREATE EXTENSION IF NOT EXISTS btree_gin;

-- The UTC day a moment falls in, counted from 1970-01-01 (the index key; query-service computes the same number).
CREATE FUNCTION lead_day(moment timestamptz) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT floor(extract(epoch FROM moment) / 86400)::integer
$$;

CREATE INDEX leads_day_search_idx ON leads USING gin (
    lead_day(created_at),
    (coalesce(user_name, '') || ' ' || coalesce(user_phone, '') || ' ' || coalesce(user_email, '') || ' ' || message)
    gin_trgm_ops);
DROP INDEX leads_search_idx;
