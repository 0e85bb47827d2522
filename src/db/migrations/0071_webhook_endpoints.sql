-- Up Migration
-- Outbound webhooks (issue 16; claim WH-4), Standard Webhooks format. Endpoints per
-- organisation with a whsec_ secret stored only as a keyring envelope (AAD binds it to this
-- table, column and row); during a rotation the previous secret is kept until previous_until and
-- both signatures are sent. A delivery (its id is the webhook-id header, the same on every
-- retry) is attempted by the job queue with exponential backoff and jitter; every attempt is
-- logged. failure_streak counts consecutive failed deliveries: at the limit the endpoint is
-- disabled and the organisation's admins are alerted.
CREATE TABLE webhook_endpoints (
  id text PRIMARY KEY CHECK (id ~ '^whe_[a-z2-7]{26}$'),
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  url text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  event_types text[] NOT NULL CHECK (cardinality(event_types) BETWEEN 1 AND 50),
  secret bytea NOT NULL,
  previous_secret bytea,
  previous_until timestamptz,
  status text NOT NULL CHECK (status IN ('active', 'disabled')),
  disabled_reason text CHECK (length(disabled_reason) <= 200),
  failure_streak integer NOT NULL DEFAULT 0,
  created_by text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (org_id, id)
);

CREATE TABLE webhook_deliveries (
  id text PRIMARY KEY CHECK (id ~ '^msg_[a-z2-7]{26}$'),
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  endpoint_id text NOT NULL,
  event_type text NOT NULL CHECK (length(event_type) BETWEEN 1 AND 200),
  payload jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  last_status integer,
  last_error text CHECK (length(last_error) <= 300),
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  FOREIGN KEY (org_id, endpoint_id) REFERENCES webhook_endpoints (org_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (org_id, endpoint_id, created_at DESC);

CREATE TABLE webhook_attempts (
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  delivery_id text NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
  attempt integer NOT NULL,
  at timestamptz NOT NULL,
  status_code integer,
  error text CHECK (length(error) <= 300),
  duration_ms integer NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
);

ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
ALTER TABLE webhook_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_endpoints
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
CREATE POLICY tenant_isolation ON webhook_deliveries
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
CREATE POLICY tenant_isolation ON webhook_attempts
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));

GRANT SELECT, INSERT, UPDATE, DELETE ON webhook_endpoints, webhook_deliveries TO palisade_app;
GRANT SELECT, INSERT ON webhook_attempts TO palisade_app;
