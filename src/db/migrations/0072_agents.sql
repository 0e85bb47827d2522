-- Up Migration
-- Signed agents (issue 16; claim WH-3): an organisation registers agents (a plugin on a
-- customer's site, a worker) with their Ed25519 public key; agent requests carry RFC 9421 HTTP
-- Message Signatures with keyid = the agent id. A revoked agent is refused from the next request
-- (the row is read on every request). agent_nonces is the replay store: a nonce is accepted once
-- per agent; rows older than the 5-minute freshness window are pruned (an older request is
-- refused as stale anyway).
CREATE TABLE agents (
  id text PRIMARY KEY CHECK (id ~ '^agt_[a-z2-7]{26}$'),
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  public_key bytea NOT NULL CHECK (length(public_key) = 32),
  status text NOT NULL CHECK (status IN ('active', 'revoked')),
  created_by text,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz,
  last_seen_at timestamptz,
  UNIQUE (org_id, id)
);

CREATE TABLE agent_nonces (
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  agent_id text NOT NULL,
  nonce text NOT NULL CHECK (length(nonce) BETWEEN 16 AND 128),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (agent_id, nonce),
  FOREIGN KEY (org_id, agent_id) REFERENCES agents (org_id, id) ON DELETE CASCADE
);
CREATE INDEX agent_nonces_age ON agent_nonces (agent_id, created_at);

ALTER TABLE agents ENABLE ROW LEVEL SECURITY;
ALTER TABLE agents FORCE ROW LEVEL SECURITY;
ALTER TABLE agent_nonces ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent_nonces FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON agents
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
CREATE POLICY tenant_isolation ON agent_nonces
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, UPDATE ON agents TO palisade_app;
GRANT SELECT, INSERT, DELETE ON agent_nonces TO palisade_app;
-- The agent named by a request's keyid is looked up before its organisation is known.
GRANT SELECT ON agents TO palisade_system;

-- Requests of an agent are audited with the agent as the actor.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_actor_type_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_actor_type_check
  CHECK (actor_type IN ('user', 'api_key', 'system', 'super_admin', 'anonymous', 'agent'));
