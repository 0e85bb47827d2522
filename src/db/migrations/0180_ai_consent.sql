-- Up Migration
-- Consent and the AI egress guard (issue 17; claims PRIV-4, PRIV-5, PRIV-6, PRIV-10).
--
-- ai_consent_ledger: every grant and withdrawal of a consent, append-only (a trigger refuses
-- UPDATE, DELETE and TRUNCATE; palisade_app may only INSERT and SELECT). The current state of a
-- flow is its newest row: no row, or a newest 'withdrawn', means off (PRIV-4: off by default).
-- Flows: 'ai' (the organisation lets its members use AI features), 'ai_minor_data' (a minor's
-- data may reach the AI provider; subject_id names the minor). subject_id has no foreign key:
-- the ledger outlives the person it is about and names them only by opaque id after erasure.
CREATE TABLE ai_consent_ledger (
  id text PRIMARY KEY CHECK (id ~ '^aic_[a-z2-7]{26}$'),
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  flow text NOT NULL CHECK (flow IN ('ai', 'ai_minor_data')),
  subject_id text CHECK (length(subject_id) BETWEEN 1 AND 100),
  action text NOT NULL CHECK (action IN ('granted', 'withdrawn')),
  policy_version text CHECK (length(policy_version) BETWEEN 1 AND 100),
  actor_type text NOT NULL CHECK (length(actor_type) BETWEEN 1 AND 20),
  actor_id text CHECK (length(actor_id) BETWEEN 1 AND 100),
  recorded_at timestamptz NOT NULL,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  CHECK ((flow = 'ai_minor_data') = (subject_id IS NOT NULL)),
  CHECK (action = 'withdrawn' OR policy_version IS NOT NULL)
);
CREATE INDEX ai_consent_ledger_current ON ai_consent_ledger (org_id, flow, subject_id, seq DESC);
ALTER TABLE ai_consent_ledger ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_consent_ledger FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ai_consent_ledger
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT ON ai_consent_ledger TO palisade_app;

CREATE FUNCTION ai_consent_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- An organisation's deletion cascades here: let the cascade through, nothing else.
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM orgs WHERE id = OLD.org_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'ai_consent_ledger is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER ai_consent_ledger_no_update_delete BEFORE UPDATE OR DELETE ON ai_consent_ledger
  FOR EACH ROW EXECUTE FUNCTION ai_consent_ledger_append_only();
CREATE TRIGGER ai_consent_ledger_no_truncate BEFORE TRUNCATE ON ai_consent_ledger
  FOR EACH STATEMENT EXECUTE FUNCTION ai_consent_ledger_append_only();

-- The organisation's AI policy (PRIV-10's toggle): whether data about minors may flow to the AI
-- provider at all (off by default). A minor's data flows only where this is on AND the minor's
-- own consent for the flow is the newest row of the ledger.
CREATE TABLE ai_policies (
  org_id text PRIMARY KEY REFERENCES orgs (id) ON DELETE CASCADE,
  minor_data boolean NOT NULL,
  updated_by text CHECK (length(updated_by) BETWEEN 1 AND 200),
  updated_at timestamptz NOT NULL
);
ALTER TABLE ai_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ai_policies
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, UPDATE ON ai_policies TO palisade_app;

-- Members an organisation has marked as minors (PRIV-10).
CREATE TABLE org_minors (
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  marked_by text CHECK (length(marked_by) BETWEEN 1 AND 200),
  marked_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, user_id)
);
ALTER TABLE org_minors ENABLE ROW LEVEL SECURITY;
ALTER TABLE org_minors FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON org_minors
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, DELETE ON org_minors TO palisade_app;
-- Erasure and the person's own export read and delete on the platform path.
GRANT SELECT, DELETE ON org_minors TO palisade_system;
