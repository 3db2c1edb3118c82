-- Counts the dashboard shows (totals per grade, channel, intent and status; leads per day by grade) kept
-- as rollups, so a stats call reads a few thousand rows instead of scanning a million leads.
--
-- Writes to leads never touch the rollups directly (a hot counter row would serialize every writer and can
-- deadlock batches): triggers append signed deltas to lead_rollup_delta, query-service folds them into the
-- rollups every second, and readers add the pending deltas, so counts are exact at every commit.
-- Owned by query-service (migrations V20-V29).

-- created_at cut to 15 minutes: every time zone's offset is a multiple of 15 minutes, so days can be cut in
-- any zone (Asia/Kolkata's +05:30, Asia/Kathmandu's +05:45) from the same buckets.
CREATE FUNCTION lead_rollup_bucket(t TIMESTAMPTZ) RETURNS TIMESTAMPTZ
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN date_bin('15 minutes', t, TIMESTAMPTZ '2000-01-01 00:00:00+00');

CREATE TABLE lead_rollup_totals (
    quality TEXT   NOT NULL,
    channel TEXT   NOT NULL,
    intent  TEXT   NOT NULL,
    status  TEXT   NOT NULL,
    leads   BIGINT NOT NULL,
    PRIMARY KEY (quality, channel, intent, status)
);

CREATE TABLE lead_rollup_buckets (
    bucket  TIMESTAMPTZ NOT NULL,
    quality TEXT        NOT NULL,
    leads   INTEGER     NOT NULL,
    PRIMARY KEY (bucket, quality)
);

-- Signed changes not folded yet: +n when leads enter a combination, -n when they leave it.
CREATE TABLE lead_rollup_delta (
    bucket  TIMESTAMPTZ NOT NULL,
    quality TEXT        NOT NULL,
    channel TEXT        NOT NULL,
    intent  TEXT        NOT NULL,
    status  TEXT        NOT NULL,
    leads   INTEGER     NOT NULL
);

-- Inserts and deletes are counted per statement (one delta row per combination, however many rows a COPY or
-- a multi-row INSERT holds); updates per row, and only when a counted column changes.
CREATE FUNCTION lead_rollup_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lead_rollup_delta (bucket, quality, channel, intent, status, leads)
    SELECT lead_rollup_bucket(created_at), quality, channel, intent, status, count(*)
    FROM inserted_leads GROUP BY 1, 2, 3, 4, 5;
    RETURN NULL;
END $$;

CREATE FUNCTION lead_rollup_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lead_rollup_delta (bucket, quality, channel, intent, status, leads)
    SELECT lead_rollup_bucket(created_at), quality, channel, intent, status, -count(*)
    FROM deleted_leads GROUP BY 1, 2, 3, 4, 5;
    RETURN NULL;
END $$;

CREATE FUNCTION lead_rollup_count_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lead_rollup_delta (bucket, quality, channel, intent, status, leads) VALUES
        (lead_rollup_bucket(OLD.created_at), OLD.quality, OLD.channel, OLD.intent, OLD.status, -1),
        (lead_rollup_bucket(NEW.created_at), NEW.quality, NEW.channel, NEW.intent, NEW.status, 1);
    RETURN NULL;
END $$;

CREATE FUNCTION lead_rollup_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM lead_rollup_delta;
    DELETE FROM lead_rollup_totals;
    DELETE FROM lead_rollup_buckets;
    RETURN NULL;
END $$;

CREATE TRIGGER leads_rollup_inserted AFTER INSERT ON leads
    REFERENCING NEW TABLE AS inserted_leads FOR EACH STATEMENT EXECUTE FUNCTION lead_rollup_count_inserted();
CREATE TRIGGER leads_rollup_deleted AFTER DELETE ON leads
    REFERENCING OLD TABLE AS deleted_leads FOR EACH STATEMENT EXECUTE FUNCTION lead_rollup_count_deleted();
CREATE TRIGGER leads_rollup_updated AFTER UPDATE OF quality, channel, intent, status, created_at ON leads
    FOR EACH ROW WHEN (OLD.quality IS DISTINCT FROM NEW.quality OR OLD.channel IS DISTINCT FROM NEW.channel
        OR OLD.intent IS DISTINCT FROM NEW.intent OR OLD.status IS DISTINCT FROM NEW.status
        OR OLD.created_at IS DISTINCT FROM NEW.created_at)
    EXECUTE FUNCTION lead_rollup_count_updated();
CREATE TRIGGER leads_rollup_truncated AFTER TRUNCATE ON leads
    FOR EACH STATEMENT EXECUTE FUNCTION lead_rollup_reset();

-- The leads already there.
INSERT INTO lead_rollup_totals (quality, channel, intent, status, leads)
SELECT quality, channel, intent, status, count(*) FROM leads GROUP BY 1, 2, 3, 4;
INSERT INTO lead_rollup_buckets (bucket, quality, leads)
SELECT lead_rollup_bucket(created_at), quality, count(*) FROM leads GROUP BY 1, 2;
