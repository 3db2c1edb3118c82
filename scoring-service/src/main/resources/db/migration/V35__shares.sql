-- Share links: query-service creates, lists and revokes them; query-service and export-service read them to answer
-- /api/shared/{token}/...; scoring-service only applies it.
--
-- Only a SHA-256 of a link's token is kept: the token itself is shown once, to whoever creates the link.
-- filters holds the /api/leads parameters the link is scoped to ({"quality":["HOT"],"tz":["Asia/Karachi"]}), read
-- back with the same parser as a request's. A link dies with its creator.
CREATE TABLE shares (
    id            BIGSERIAL   PRIMARY KEY,
    token_hash    BYTEA       NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_by    TEXT        NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ NOT NULL,
    revoked_at    TIMESTAMPTZ,
    filters       JSONB       NOT NULL DEFAULT '{}',
    mask_contacts BOOLEAN     NOT NULL,
    allow_export  BOOLEAN     NOT NULL
);

CREATE INDEX shares_created_by ON shares (created_by);
