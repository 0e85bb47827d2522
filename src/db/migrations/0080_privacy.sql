-- Up Migration
-- Privacy (issue 17; claims PRIV-1, PRIV-2, PRIV-3): a person's data export and the data-subject
-- requests (erasure included) on their 30-day clock. Both are about a person across
-- organisations, so both are global tables reached only through withSystem (palisade_system),
-- like users and sessions; palisade_app gets no grant.

-- Rights requests (PRIV-3) and erasure (PRIV-2). user_id names the subject with no foreign key:
-- the row outlives the account it is about (an erasure is tracked to completion and kept as
-- proof), and after erasure the id is a pseudonym nothing maps back to a person. details holds
-- the person's own words and is cleared by erasure.
CREATE TABLE privacy_requests (
  id text PRIMARY KEY CHECK (id ~ '^prq_[a-z2-7]{26}$'),
  user_id text NOT NULL CHECK (length(user_id) BETWEEN 1 AND 100),
  type text NOT NULL CHECK (type IN ('access', 'rectification', 'erasure', 'restriction', 'objection', 'consent_withdrawal')),
  status text NOT NULL CHECK (status IN ('open', 'in_progress', 'completed', 'rejected')),
  details text CHECK (length(details) <= 2000),
  resolution text CHECK (length(resolution) <= 2000),
  filed_by text NOT NULL CHECK (length(filed_by) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz,
  reminded_at timestamptz,
  overdue_alerted_at timestamptz,
  CHECK (due_at > created_at),
  CHECK ((status IN ('completed', 'rejected')) = (closed_at IS NOT NULL))
);
CREATE INDEX privacy_requests_user ON privacy_requests (user_id, created_at DESC);
CREATE INDEX privacy_requests_due ON privacy_requests (due_at) WHERE closed_at IS NULL;
-- One open erasure per person.
CREATE UNIQUE INDEX privacy_requests_one_erasure ON privacy_requests (user_id) WHERE type = 'erasure' AND closed_at IS NULL;
ALTER TABLE privacy_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE privacy_requests FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE ON privacy_requests TO palisade_system;

-- Data exports (PRIV-1). archive is a keyring envelope sealed under the subject's key in the
-- 'platform' chain (AAD: privacy_exports.archive of this row), so erasing the person shreds an
-- archive nobody downloaded, in backups too. It is cleared on its one download. scope_org null:
-- the person's own export (everything); otherwise an organisation admin's export of a member,
-- limited to that organisation.
CREATE TABLE privacy_exports (
  id text PRIMARY KEY CHECK (id ~ '^pex_[a-z2-7]{26}$'),
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  scope_org text REFERENCES orgs (id) ON DELETE CASCADE,
  requested_by text NOT NULL CHECK (length(requested_by) BETWEEN 1 AND 200),
  status text NOT NULL CHECK (status IN ('pending', 'ready', 'downloaded', 'failed')),
  archive bytea,
  sha256 text CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  size integer CHECK (size >= 0),
  records integer CHECK (records >= 0),
  created_at timestamptz NOT NULL,
  ready_at timestamptz,
  expires_at timestamptz NOT NULL,
  downloaded_at timestamptz,
  CHECK (archive IS NULL OR status = 'ready')
);
CREATE INDEX privacy_exports_user ON privacy_exports (user_id, created_at DESC);
ALTER TABLE privacy_exports ENABLE ROW LEVEL SECURITY;
ALTER TABLE privacy_exports FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON privacy_exports TO palisade_system;

-- An export reads a person's records across every organisation's audit log (actor or subject).
CREATE INDEX audit_events_actor ON audit_events (actor_id) WHERE actor_id IS NOT NULL;
CREATE INDEX audit_events_target ON audit_events (target_id) WHERE target_id IS NOT NULL;

-- The person's own export reads, on the platform path, the rows of theirs that organisations hold
-- (columns only; never a secret or a hash).
GRANT SELECT (org_id, id, provider, name, created_by, created_at, rotated_at) ON integration_credentials TO palisade_system;
GRANT SELECT (org_id, toggle, role_ref, enabled, updated_by, updated_at) ON policy_toggles TO palisade_system;
