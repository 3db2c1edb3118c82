-- Who may read the leads, and what they did. Owned by query-service (users, logins, shares' creators) and
-- export-service (the exports it writes to audit_log); scoring-service only applies it.
--
-- A user's password is a bcrypt hash in Modular Crypt Format ($2a$...), as Quarkus's security-jpa reads it.
-- token_version is in every token a user is given; raising it (logout, password reset, role change, deletion)
-- makes every token issued before worthless at once, although a JWT is otherwise valid until it expires.
CREATE TABLE users (
    username      TEXT        PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{1,63}$'),
    password_hash TEXT        NOT NULL,
    role          TEXT        NOT NULL CHECK (role IN ('admin', 'agent', 'viewer')),
    token_version INTEGER     NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- What was done with customer data or with access to it, newest first by id (keyset-paged).
CREATE TABLE audit_log (
    id       BIGSERIAL   PRIMARY KEY,
    at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor    TEXT        NOT NULL,           -- a username, or 'share:<id>' for a share link's visitor
    action   TEXT        NOT NULL,           -- login, login_failed, logout, user_created, user_changed, user_deleted,
                                             -- share_created, share_revoked, share_used, export, lead_changed
    target   TEXT,                           -- the user, share or lead acted on
    address  TEXT,                           -- the client's address
    details  JSONB       NOT NULL DEFAULT '{}'
);
