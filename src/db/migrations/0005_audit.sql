-- Up Migration
-- Tamper evidence for audit_events (issue 5; claims AUD-1..5). Nothing here rewrites a row of
-- audit_events: the sealer (src/audit/sealer.ts) records, per organisation, where each record sits
-- in an RFC 6962 Merkle tree, the tree's perfect-subtree hashes, and signed C2SP checkpoints.
-- Only palisade_system (the sealer) writes these tables, and only by INSERT, except the one-row
-- state it advances (audit_trees, audit_seal_cursor). palisade_app reads them through RLS for the
-- proof routes. Retention deletes records, never hashes or checkpoints, so verification still
-- passes after it (docs/audit.md).

-- Sealing walks audit_events in transaction order: (tx_id, seq), keyset-paginated.
CREATE INDEX audit_events_tx_seq ON audit_events (tx_id, seq);

-- One row per organisation tree. origin is fixed when the tree starts (the checkpoint origin line);
-- pruned_below: leaves below this index may have lost their record to retention.
CREATE TABLE audit_trees (
  org_id text PRIMARY KEY,
  origin text NOT NULL UNIQUE CHECK (origin ~ '^[^\s+]+$'),
  size bigint NOT NULL DEFAULT 0 CHECK (size >= 0),
  root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
  pruned_below bigint NOT NULL DEFAULT 0 CHECK (pruned_below >= 0 AND pruned_below <= size),
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE audit_trees ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_trees FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_trees
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT ON audit_trees TO palisade_app;
GRANT SELECT, INSERT, UPDATE ON audit_trees TO palisade_system;
GRANT SELECT ON audit_trees TO palisade_retention;
GRANT UPDATE (pruned_below) ON audit_trees TO palisade_retention;

-- Leaf positions: the record's place in its organisation's tree and its leaf hash
-- (SHA-256(0x00 || canonical record bytes)). occurred_at is copied so retention and verify can
-- reason about a leaf whose record retention has removed.
CREATE TABLE audit_leaves (
  org_id text NOT NULL,
  leaf_index bigint NOT NULL CHECK (leaf_index >= 0),
  event_id text NOT NULL UNIQUE,
  leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32),
  occurred_at timestamptz NOT NULL,
  sealed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, leaf_index)
);
ALTER TABLE audit_leaves ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_leaves FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_leaves
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT ON audit_leaves TO palisade_app, palisade_retention;
GRANT SELECT, INSERT ON audit_leaves TO palisade_system;

-- Perfect subtree hashes above the leaves: node (level, idx) covers leaves
-- [idx * 2^level, (idx + 1) * 2^level). Level 0 is audit_leaves.leaf_hash.
CREATE TABLE audit_tree_nodes (
  org_id text NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 62),
  idx bigint NOT NULL CHECK (idx >= 0),
  hash bytea NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (org_id, level, idx)
);
ALTER TABLE audit_tree_nodes ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_tree_nodes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_tree_nodes
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT ON audit_tree_nodes TO palisade_app;
GRANT SELECT, INSERT ON audit_tree_nodes TO palisade_system;

-- Every signed checkpoint, kept forever: the C2SP signed note exactly as published.
CREATE TABLE audit_checkpoints (
  org_id text NOT NULL,
  tree_size bigint NOT NULL CHECK (tree_size >= 0),
  root_hash bytea NOT NULL CHECK (length(root_hash) = 32),
  note text NOT NULL,
  key_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, tree_size)
);
ALTER TABLE audit_checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_checkpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_checkpoints
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT ON audit_checkpoints TO palisade_app;
GRANT SELECT, INSERT ON audit_checkpoints TO palisade_system;

-- Where sealing has reached in (tx_id, seq) order. One row; global (platform path only).
CREATE TABLE audit_seal_cursor (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  last_tx_id xid8 NOT NULL DEFAULT '0'::xid8,
  last_seq bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO audit_seal_cursor DEFAULT VALUES;
GRANT SELECT, UPDATE ON audit_seal_cursor TO palisade_system;

-- The checkpoint signing keys (Ed25519). The 32-byte private seed is stored only wrapped by the
-- keyring's key-encryption key (kek_id names it); the KEK never enters the database. Old keys stay
-- (retired_at set) so checkpoints they signed still verify. Global: platform path only.
CREATE TABLE audit_signing_keys (
  id text PRIMARY KEY,
  key_name text NOT NULL CHECK (key_name ~ '^[^\s+]+$'),
  public_key bytea NOT NULL CHECK (length(public_key) = 32),
  verifier_key text NOT NULL UNIQUE,
  wrapped_seed bytea NOT NULL,
  kek_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
CREATE UNIQUE INDEX audit_signing_keys_one_active ON audit_signing_keys ((true)) WHERE retired_at IS NULL;
GRANT SELECT, INSERT, UPDATE (retired_at) ON audit_signing_keys TO palisade_system;

-- Anomaly alerts raised by the detectors (src/audit/anomalies.ts), shown at GET /v1/org/alerts.
CREATE TABLE audit_alerts (
  id text PRIMARY KEY,
  org_id text NOT NULL,
  detector text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
  subject text NOT NULL,
  summary text NOT NULL CHECK (length(summary) <= 500),
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  event_ids text[] NOT NULL DEFAULT '{}',
  raised_at timestamptz NOT NULL DEFAULT now(),
  notified_at timestamptz,
  notify_attempts integer NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
  status_changed_by text,
  status_changed_at timestamptz
);
CREATE INDEX audit_alerts_org_time ON audit_alerts (org_id, raised_at DESC, id);
CREATE INDEX audit_alerts_unnotified ON audit_alerts (raised_at) WHERE notified_at IS NULL;
ALTER TABLE audit_alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_alerts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_alerts
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, UPDATE (status, status_changed_by, status_changed_at) ON audit_alerts TO palisade_app;
GRANT SELECT, INSERT, UPDATE (notified_at, notify_attempts) ON audit_alerts TO palisade_system;

-- Retention may delete only records that are sealed and below their tree's retention horizon
-- (pruned_below, which the retention job raises in the same transaction): a deleted record's leaf
-- hash therefore always stays in its tree, and verification keeps passing (AUD-3, AUD-4).
-- Everyone else is refused as before (0001).
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_user = 'palisade_retention' THEN
    IF EXISTS (
      SELECT 1 FROM audit_leaves l JOIN audit_trees t ON t.org_id = l.org_id
      WHERE l.event_id = OLD.id AND l.org_id = OLD.org_id AND l.leaf_index < t.pruned_below
    ) THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit record % is not sealed below the retention horizon', OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

-- The canonical encoding (src/audit/canonical.ts) writes occurred_at as YYYY-MM-DDTHH:MM:SS.ffffffZ;
-- keep every stored time inside what that format can express, so no record can stall the sealer.
ALTER TABLE audit_events ADD CONSTRAINT audit_events_occurred_at_encodable
  CHECK (isfinite(occurred_at) AND occurred_at >= '1970-01-01T00:00:00Z' AND occurred_at < '9999-01-01T00:00:00Z');
