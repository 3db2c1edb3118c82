-- A lead is a person: the names they used, the leads merged into them, and when their score was computed.

-- Every name a lead has written under. leads.user_name keeps the first one known; a later, different
-- name does not overwrite it but is kept here.
CREATE TABLE lead_name (
    lead_id       BIGINT      NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    name          TEXT        NOT NULL,
    channel       TEXT        NOT NULL,                 -- where the name was first seen
    first_seen_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (lead_id, name)
);

-- Leads that turned out to be one person: when one message linked two leads (a phone-only lead and an
-- email-only lead), the younger was merged into the older, its messages, analyses, identities and names
-- moved, and its row deleted. Its row as it was (status, notes and owner included) is kept here, so a
-- reader holding the old id can find where it went. No foreign keys: the merged lead no longer exists,
-- and the lead it went into may itself be merged later.
CREATE TABLE lead_merge (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merged_lead_id    BIGINT      NOT NULL,
    into_lead_id      BIGINT      NOT NULL,
    cause_channel     TEXT        NOT NULL,             -- the message that linked them
    cause_external_id TEXT        NOT NULL,
    merged_lead       JSONB       NOT NULL,
    merged_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX lead_merge_merged_idx ON lead_merge (merged_lead_id);
CREATE INDEX lead_merge_into_idx   ON lead_merge (into_lead_id);

-- When score_breakdown was last computed. Silence cools a lead down (decay), so the decay sweep rescores
-- quiet leads whose breakdown is older than their current decay.
ALTER TABLE leads ADD COLUMN scored_at TIMESTAMPTZ NOT NULL DEFAULT now();
