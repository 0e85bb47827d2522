-- Up Migration
-- The development outbox keeps messages in the order they were kept, so a reader can ask for
-- "the mail after this one" (GET /v1/dev/outbox?after=…) even when two share a timestamp.
-- Identity columns need no grant on their sequence beyond INSERT on the table.
ALTER TABLE mail_outbox ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX mail_outbox_recipient_seq ON mail_outbox (lower(recipient), seq DESC);
