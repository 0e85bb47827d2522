-- Up Migration
-- Verified API keys are cached per node (src/authz/api-keys.ts). Any change to a key's row —
-- revocation above all — or its deletion (an organisation deleted) notifies its id on the
-- authorization channel, so every node drops the key when the change commits; the revoking
-- node also waits for every live node's acknowledgement before it answers (RBAC-4).
CREATE FUNCTION palisade_api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('palisade_authz_changed', 'key:' || OLD.id);
  RETURN NULL;
END $$;

-- Every column the authenticator reads; not the batched last-used marks (they would only churn
-- the caches).
CREATE TRIGGER api_keys_changed
  AFTER UPDATE OF id, org_id, key_hash, scopes, created_by, expires_at, allowed_ips, revoked_at OR DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION palisade_api_key_changed();
