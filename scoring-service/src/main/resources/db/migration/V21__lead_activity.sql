-- What salespeople did with a lead: status changes and notes, newest last. leads.status and leads.notes hold
-- the current state; this keeps the history. Owned by query-service.
-- A lead merged away by scoring takes its history with it (move these rows first to keep them).
CREATE TABLE lead_activity (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id     BIGINT      NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    status_from TEXT        NOT NULL,
    status_to   TEXT        NOT NULL,
    note        TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX lead_activity_lead_idx ON lead_activity (lead_id, created_at);
