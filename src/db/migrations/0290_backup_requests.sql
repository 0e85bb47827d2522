-- Backups taken on request (POST /v1/platform/backups; src/backup/requests.ts, docs/backups.md):
-- one row per request, holding the id of the backup its job writes. At most one request is open
-- (queued or running) at a time — the partial unique index — so a second request while one is open
-- is answered with that one. Platform data (no organisation): platform path only.
CREATE TABLE backup_requests (
  id text PRIMARY KEY,
  requested_by text NOT NULL,
  requested_at timestamptz NOT NULL,
  started_at timestamptz,
  finished_at timestamptz,
  outcome text CHECK (outcome IN ('complete', 'failed', 'abandoned')),
  CHECK ((finished_at IS NULL) = (outcome IS NULL))
);
CREATE UNIQUE INDEX backup_requests_one_open ON backup_requests ((true)) WHERE finished_at IS NULL;
CREATE INDEX backup_requests_recent ON backup_requests (requested_at DESC);
GRANT SELECT, INSERT, UPDATE ON backup_requests TO palisade_system;
