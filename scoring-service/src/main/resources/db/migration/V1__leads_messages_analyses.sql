-- The Leadflow schema. scoring-service owns this Flyway history and applies it at start; the other
-- services wait for it and never migrate. Scoring never writes the columns other services own:
-- status, notes, owner (query-service) and exported (export-service).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A lead is a person: every message from the same contact (phone, email or platform id) attaches to it.
CREATE TABLE leads (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_name       TEXT,
    user_email      TEXT,
    user_phone      TEXT,
    channel         TEXT        NOT NULL,                 -- the channel of the latest message
    message         TEXT        NOT NULL,                 -- the latest message's text, newlines kept
    intent          TEXT        NOT NULL,
    urgency         TEXT        NOT NULL,
    score           SMALLINT    NOT NULL CHECK (score BETWEEN 0 AND 100),
    quality         TEXT        NOT NULL CHECK (quality IN ('HOT', 'WARM', 'COLD')),
    created_at      TIMESTAMPTZ NOT NULL,                 -- when the first message was received
    exported        BOOLEAN     NOT NULL DEFAULT FALSE,   -- owned by export-service
    status          TEXT        NOT NULL DEFAULT 'new'    -- owned by query-service
                    CHECK (status IN ('new', 'contacted', 'qualified', 'won', 'lost')),
    notes           TEXT,                                 -- owned by query-service
    owner           TEXT,                                 -- owned by query-service
    message_count   INTEGER     NOT NULL DEFAULT 0,
    last_message_at TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    score_breakdown JSONB       NOT NULL DEFAULT '{}'::jsonb,
    lead_key        TEXT        NOT NULL                  -- the contact identity of the first message
);

-- Who a lead is: each identifier (E.164 phone, lower-cased email, channel:platform-user-id) belongs to
-- exactly one lead, so the database, not a race, decides which lead a message joins.
CREATE TABLE lead_identity (
    kind       TEXT        NOT NULL CHECK (kind IN ('phone', 'email', 'platform')),
    value      TEXT        NOT NULL,
    lead_id    BIGINT      NOT NULL REFERENCES leads (id),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, value)
);
CREATE INDEX lead_identity_lead_idx ON lead_identity (lead_id);

-- Every message, as received and as cleaned. (channel, external_id) makes a redelivery a no-op.
CREATE TABLE message (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id       BIGINT      NOT NULL REFERENCES leads (id),
    channel       TEXT        NOT NULL,
    external_id   TEXT        NOT NULL,                   -- the event's messageId
    original_msg  TEXT        NOT NULL,
    processed_msg TEXT        NOT NULL,
    metadata      JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_at    TIMESTAMPTZ NOT NULL,                   -- when ingest received it
    stored_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT message_channel_external_id_key UNIQUE (channel, external_id)
);
CREATE INDEX message_lead_idx ON message (lead_id, created_at);

-- Every analysis, one per message.
CREATE TABLE lead_analysis (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id        BIGINT      NOT NULL REFERENCES leads (id),
    message_id     BIGINT      NOT NULL UNIQUE REFERENCES message (id),
    intent         TEXT        NOT NULL,
    urgency        TEXT        NOT NULL,
    category       TEXT,
    sentiment      TEXT,
    confidence     SMALLINT    NOT NULL CHECK (confidence BETWEEN 0 AND 100),
    language       TEXT,
    extracted_data JSONB       NOT NULL DEFAULT '{}'::jsonb,
    provider       TEXT        NOT NULL,
    attempts       JSONB       NOT NULL DEFAULT '[]'::jsonb,
    latency_ms     INTEGER,
    input_tokens   INTEGER     NOT NULL DEFAULT 0,
    output_tokens  INTEGER     NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX lead_analysis_lead_idx ON lead_analysis (lead_id, created_at);

-- Every dashboard filter and sort, newest first with the id as tie-breaker for keyset pagination.
CREATE INDEX leads_created_idx         ON leads (created_at DESC, id DESC);
CREATE INDEX leads_last_message_idx    ON leads (last_message_at DESC, id DESC);
CREATE INDEX leads_score_idx           ON leads (score DESC, id DESC);
CREATE INDEX leads_quality_created_idx ON leads (quality, created_at DESC, id DESC);
CREATE INDEX leads_channel_created_idx ON leads (channel, created_at DESC, id DESC);
CREATE INDEX leads_intent_created_idx  ON leads (intent, created_at DESC, id DESC);
CREATE INDEX leads_status_created_idx  ON leads (status, created_at DESC, id DESC);
-- Free-text search over name, phone, email and message.
CREATE INDEX leads_search_idx ON leads USING gin (
    (coalesce(user_name, '') || ' ' || coalesce(user_phone, '') || ' ' || coalesce(user_email, '') || ' ' || message)
    gin_trgm_ops);
