-- Up Migration
-- The node bus (src/db/node-bus.ts) carries every cache invalidation between nodes. Each cache
-- is fed by a trigger, so no code path can change what it caches without every node hearing
-- of it: PostgreSQL delivers the notification when the changing transaction commits (never for
-- one that rolls back).

-- Sessions are invalidated by trigger, like authorization facts (0007): a session's id is
-- notified when it is revoked, whoever revokes it, through any code or by hand.
CREATE FUNCTION palisade_session_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('palisade_session_revoked', NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER sessions_revoked_notify AFTER UPDATE OF revoked_at ON sessions
  FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
  EXECUTE FUNCTION palisade_session_revoked();

-- API keys get their own channel (0008 sent `key:<id>` on the authorization facts' channel, so
-- the key cache depended on the facts cache): the key's id on any change or deletion.
CREATE OR REPLACE FUNCTION palisade_api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('palisade_api_key_changed', OLD.id);
  RETURN NULL;
END $$;
