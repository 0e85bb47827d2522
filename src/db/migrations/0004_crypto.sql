-- Up Migration
-- Envelope encryption keys and the integration vault (issue 7; claims ENC-4, ENC-5, INT-1..4).
-- Data keys (DEKs) are stored only wrapped by the key-encryption key (KEK), which never enters
-- the database; kek_id says which KEK wrapped each one. A destroyed key keeps its row as a
-- tombstone (wrapped_dek NULL) so a read says "erased" (key_destroyed), not "unknown".

-- A key chain: one per organisation (scope 'org') and one per data subject where erasure needs
-- it (scope 'subject'). Its id is written in the header of every envelope it sealed.
CREATE TABLE crypto_keys (
  org_id text NOT NULL REFERENCES orgs (id),
  id text NOT NULL CHECK (id ~ '^dk_[a-z2-7]{26}$'),
  scope text NOT NULL CHECK (scope IN ('org', 'subject')),
  subject_id text CHECK (length(subject_id) BETWEEN 1 AND 200),
  current_version integer NOT NULL DEFAULT 1 CHECK (current_version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  rotated_at timestamptz,
  destroyed_at timestamptz,
  PRIMARY KEY (org_id, id),
  CHECK ((scope = 'org') = (subject_id IS NULL))
);
-- One live org key per organisation and one live key per subject.
CREATE UNIQUE INDEX crypto_keys_live_org ON crypto_keys (org_id) WHERE scope = 'org' AND destroyed_at IS NULL;
CREATE UNIQUE INDEX crypto_keys_live_subject ON crypto_keys (org_id, subject_id) WHERE scope = 'subject' AND destroyed_at IS NULL;

CREATE TABLE crypto_key_versions (
  org_id text NOT NULL,
  key_id text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  kek_id text NOT NULL CHECK (length(kek_id) BETWEEN 1 AND 300),
  wrapped_dek bytea CHECK (length(wrapped_dek) BETWEEN 32 AND 4096),
  created_at timestamptz NOT NULL DEFAULT now(),
  rewrapped_at timestamptz,
  destroyed_at timestamptz,
  PRIMARY KEY (org_id, key_id, version),
  FOREIGN KEY (org_id, key_id) REFERENCES crypto_keys (org_id, id),
  CHECK ((wrapped_dek IS NULL) = (destroyed_at IS NOT NULL))
);
-- KEK rotation finds the keys still wrapped under an older KEK.
CREATE INDEX crypto_key_versions_by_kek ON crypto_key_versions (kek_id) WHERE wrapped_dek IS NOT NULL;

-- Keys only move forward: identity columns never change, versions only grow, a wrapped key
-- changes only together with its KEK id (a rewrap) or to NULL (destruction), and a destroyed
-- key can never be brought back. Rows are never deleted (the tombstone is the proof).
CREATE FUNCTION crypto_keys_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '% rows are never deleted; destroy the key instead', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.destroyed_at IS NOT NULL THEN
    RAISE EXCEPTION 'a destroyed key cannot change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_TABLE_NAME = 'crypto_keys' THEN
    IF NEW.org_id <> OLD.org_id OR NEW.id <> OLD.id OR NEW.scope <> OLD.scope
       OR NEW.subject_id IS DISTINCT FROM OLD.subject_id OR NEW.created_at <> OLD.created_at
       OR NEW.current_version < OLD.current_version THEN
      RAISE EXCEPTION 'crypto_keys identity is immutable and versions only grow' USING ERRCODE = 'insufficient_privilege';
    END IF;
  ELSE
    IF NEW.org_id <> OLD.org_id OR NEW.key_id <> OLD.key_id OR NEW.version <> OLD.version
       OR NEW.created_at <> OLD.created_at THEN
      RAISE EXCEPTION 'crypto_key_versions identity is immutable' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.wrapped_dek IS NOT NULL AND NEW.wrapped_dek <> OLD.wrapped_dek AND NEW.kek_id = OLD.kek_id THEN
      RAISE EXCEPTION 'a data key is rewrapped only under another KEK' USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER crypto_keys_guard BEFORE UPDATE OR DELETE ON crypto_keys
  FOR EACH ROW EXECUTE FUNCTION crypto_keys_guard();
CREATE TRIGGER crypto_key_versions_guard BEFORE UPDATE OR DELETE ON crypto_key_versions
  FOR EACH ROW EXECUTE FUNCTION crypto_keys_guard();

ALTER TABLE crypto_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE crypto_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON crypto_keys
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
ALTER TABLE crypto_key_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE crypto_key_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON crypto_key_versions
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
-- UPDATE on crypto_keys also lets a writer take FOR SHARE on its org key (rotation waits for it).
GRANT SELECT, INSERT, UPDATE ON crypto_keys, crypto_key_versions TO palisade_app;
-- The platform path rewraps every organisation's keys under a new KEK (palisade keys rotate-kek).
GRANT SELECT, UPDATE ON crypto_key_versions TO palisade_system;
GRANT SELECT ON crypto_keys TO palisade_system;

-- Third-party credentials (INT-1..4). Write-only: the secret column holds an envelope
-- (AAD = org, 'integration_credentials', 'secret', id) and no API returns it. Disconnecting
-- deletes the row.
CREATE TABLE integration_credentials (
  org_id text NOT NULL REFERENCES orgs (id),
  id text NOT NULL,
  provider text NOT NULL CHECK (provider ~ '^[a-z][a-z0-9_]{1,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  fingerprint text NOT NULL,
  last4 text CHECK (length(last4) = 4),
  scopes text[] NOT NULL DEFAULT '{}',
  secret bytea NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  rotated_at timestamptz,
  PRIMARY KEY (org_id, id),
  UNIQUE (org_id, name)
);
ALTER TABLE integration_credentials ENABLE ROW LEVEL SECURITY;
ALTER TABLE integration_credentials FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON integration_credentials
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON integration_credentials TO palisade_app;
