-- Incidents (claim IR-1, docs/incidents.md): a platform operator records a breach; Palisade finds
-- the affected organisations and their record counts in the audit log, runs the 72-hour
-- notification clock (reminder and overdue jobs) and records every notice sent. Platform data:
-- the platform path only (each step is also an audit record in the affected organisation's log).
CREATE TABLE incidents (
  id text PRIMARY KEY CHECK (id ~ '^inc_[a-z2-7]{26}$'),
  nature text NOT NULL CHECK (length(nature) BETWEEN 1 AND 2000),
  data_categories text[] NOT NULL,
  cause text CHECK (length(cause) <= 2000),
  remediation text NOT NULL CHECK (length(remediation) BETWEEN 1 AND 2000),
  discovered_at timestamptz NOT NULL,
  confirmed_at timestamptz NOT NULL,
  deadline_at timestamptz NOT NULL,
  window_from timestamptz NOT NULL,
  window_to timestamptz NOT NULL CHECK (window_to > window_from),
  actions text[] NOT NULL DEFAULT '{}',
  subjects text[] NOT NULL DEFAULT '{}',
  regulator text CHECK (length(regulator) <= 500),
  regulator_notified_at timestamptz,
  notified_at timestamptz,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE TABLE incident_orgs (
  incident_id text NOT NULL REFERENCES incidents (id),
  org_id text NOT NULL REFERENCES orgs (id),
  records integer NOT NULL CHECK (records >= 0),
  notified_at timestamptz,
  recipients integer,
  PRIMARY KEY (incident_id, org_id)
);
-- An organisation's row is its own (the request path would see only its organisation's incidents).
ALTER TABLE incident_orgs ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_orgs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON incident_orgs
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, UPDATE ON incidents, incident_orgs TO palisade_system;
