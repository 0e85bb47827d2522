-- Restore drills (src/backup/drill.ts, claim BAK-2): each drill restores the newest backup into a
-- scratch database and records what it found. Platform data (no organisation): platform path only.
CREATE TABLE backup_drills (
  id text PRIMARY KEY,
  backup_id text,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  ok boolean NOT NULL,
  backup_age_hours numeric,
  problems jsonb NOT NULL DEFAULT '[]'::jsonb
);
CREATE INDEX backup_drills_recent ON backup_drills (finished_at DESC);
GRANT SELECT, INSERT ON backup_drills TO palisade_system;
