-- Up Migration
-- A file's data key is made when its upload starts, not when its URL is issued, so a retried
-- upload never reuses a key (and with it the chunk nonces). 'uploading' claims the file for one
-- upload at a time: an upload URL cannot be used twice concurrently.
ALTER TABLE vault_files DROP CONSTRAINT vault_files_status_check;
ALTER TABLE vault_files ADD CONSTRAINT vault_files_status_check CHECK (status IN ('pending', 'uploading', 'stored'));
ALTER TABLE vault_files ALTER COLUMN wrapped_key DROP NOT NULL;
ALTER TABLE vault_files ADD CONSTRAINT vault_files_stored_complete
  CHECK (status <> 'stored' OR (wrapped_key IS NOT NULL AND size IS NOT NULL AND sha256 IS NOT NULL AND stored_at IS NOT NULL));
ALTER TABLE vault_files ADD COLUMN upload_started_at timestamptz;
