-- Phones and emails a customer wrote inside a message, as the analyzer found them ("call my brother on +92…", a
-- form listing several customers' numbers). Owned by scoring-service.
--
-- Unlike the sender's own identifiers (lead_identity), a written one never links a message to a lead and never
-- merges leads: anyone can write anyone's number. It is kept as a suggestion that two leads may be one person,
-- for a user to confirm: the lead that wrote it and the lead that holds it in lead_identity. The holder is looked
-- up when the suggestion is read, not stored, so a lead that writes to us after its number was written, or a
-- merge that moves the number, is still found, and one row serves every lead that ever holds it.
CREATE TABLE lead_written_identity (
    lead_id             BIGINT      NOT NULL REFERENCES leads (id) ON DELETE CASCADE,  -- the lead that wrote it
    kind                TEXT        NOT NULL CHECK (kind IN ('phone', 'email')),
    value               TEXT        NOT NULL,                                           -- E.164 phone, lower-cased email
    message_channel     TEXT        NOT NULL,                                           -- the first message that wrote it
    message_external_id TEXT        NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (lead_id, kind, value),
    FOREIGN KEY (message_channel, message_external_id) REFERENCES message (channel, external_id)
);
-- The lead detail reads both ways: what this lead wrote (the primary key), and who wrote what this lead holds.
CREATE INDEX lead_written_identity_value_idx ON lead_written_identity (kind, value);
