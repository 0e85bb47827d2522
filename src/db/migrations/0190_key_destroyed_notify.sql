-- Up Migration
-- Key destruction reaches every node's DEK cache at once (claim PRIV-2, ENC-5; docs/encryption.md
-- "Cache"): a destroyed key's id is notified on the node bus when the destroying transaction
-- commits, whoever destroys it (erasure, organisation deletion, a restore re-applying the erasure
-- ledger, or by hand), and each node drops and zeroes that key's cached versions. Reads were
-- already refused on every node by the key row (key_destroyed); this removes the key material.
CREATE FUNCTION palisade_key_destroyed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('palisade_key_destroyed', NEW.org_id || ' ' || NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER crypto_keys_destroyed_notify AFTER UPDATE OF destroyed_at ON crypto_keys
  FOR EACH ROW WHEN (OLD.destroyed_at IS NULL AND NEW.destroyed_at IS NOT NULL)
  EXECUTE FUNCTION palisade_key_destroyed();
