-- Up Migration
-- The tenant file vault (issue 15; claims FILE-1..4, ENC-3, TEN-3, DLP-4, RBAC-3's resource layer).
-- The database holds metadata and each file's data key, wrapped by the organisation's key
-- (keyring envelope bound to vault_files.wrapped_key of that row). Object bytes live in object
-- storage under org/<orgId>/files/<fileId>, as ciphertext only (src/vault/stream-format.ts).
-- Deleting a file's row destroys its key: the object is unreadable from that commit on.

-- Collections: what files belong to (a case, a trip, a facility). Members' roles on one collection
-- (owner / editor / reader) are rows of resource_roles with resource_type 'collection'.
CREATE TABLE vault_collections (
  id text PRIMARY KEY CHECK (id ~ '^col_[a-z2-7]{26}$'),
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_by text,
  created_at timestamptz NOT NULL,
  UNIQUE (org_id, id)
);

-- Files. status 'pending' from upload-URL issue until the upload's last byte is stored; a pending
-- row is never downloadable. declared_size and content_type are the limits the upload URL carries.
CREATE TABLE vault_files (
  id text PRIMARY KEY CHECK (id ~ '^fil_[a-z2-7]{26}$'),
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  collection_id text NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  content_type text NOT NULL CHECK (length(content_type) BETWEEN 3 AND 127),
  declared_size bigint NOT NULL CHECK (declared_size >= 0),
  size bigint CHECK (size >= 0),
  sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  status text NOT NULL CHECK (status IN ('pending', 'stored')),
  wrapped_key bytea NOT NULL,
  evidence boolean NOT NULL DEFAULT false,
  legal_hold boolean NOT NULL DEFAULT false,
  created_by text,
  created_at timestamptz NOT NULL,
  stored_at timestamptz,
  FOREIGN KEY (org_id, collection_id) REFERENCES vault_collections (org_id, id) ON DELETE RESTRICT
);
CREATE INDEX vault_files_collection ON vault_files (org_id, collection_id, created_at);
CREATE INDEX vault_files_age ON vault_files (created_at) WHERE legal_hold = false;

-- Per-organisation vault settings; no row = the defaults (retention 90 days).
CREATE TABLE vault_settings (
  org_id text PRIMARY KEY REFERENCES orgs (id) ON DELETE CASCADE,
  retention_days integer NOT NULL CHECK (retention_days BETWEEN 1 AND 36500),
  updated_at timestamptz NOT NULL
);

-- Upload-URL issues per user (FILE-4, sliding one-hour window). Pruned by the retention job.
CREATE TABLE vault_upload_log (
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  actor text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
  at timestamptz NOT NULL
);
CREATE INDEX vault_upload_log_actor ON vault_upload_log (org_id, actor, at);

ALTER TABLE vault_collections ENABLE ROW LEVEL SECURITY;
ALTER TABLE vault_collections FORCE ROW LEVEL SECURITY;
ALTER TABLE vault_files ENABLE ROW LEVEL SECURITY;
ALTER TABLE vault_files FORCE ROW LEVEL SECURITY;
ALTER TABLE vault_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE vault_settings FORCE ROW LEVEL SECURITY;
ALTER TABLE vault_upload_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE vault_upload_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON vault_collections
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
CREATE POLICY tenant_isolation ON vault_files
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
CREATE POLICY tenant_isolation ON vault_settings
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
CREATE POLICY tenant_isolation ON vault_upload_log
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));

GRANT SELECT, INSERT, UPDATE, DELETE ON vault_collections, vault_files, vault_settings TO palisade_app;
GRANT SELECT, INSERT, DELETE ON vault_upload_log TO palisade_app;
-- The platform path (retention job) finds files past their organisation's retention and deletes
-- them; it never reads wrapped keys' plaintext (it has no org transaction to unwrap them in).
GRANT SELECT, DELETE ON vault_files, vault_upload_log TO palisade_system;
GRANT SELECT ON vault_collections, vault_settings TO palisade_system;
