-- Incidents, the operator's and the affected organisation's side (claim IR-1, docs/incidents.md).
-- An incident may be declared before it is confirmed (suspected: no clock yet), its facts updated,
-- and closed once notified. An affected organisation's admins read, on the request path, the
-- confirmed incidents that touched it: the columns granted below (never the window, the actions
-- or subjects searched, the operator, or the other organisations touched).
ALTER TABLE incidents ALTER COLUMN confirmed_at DROP NOT NULL;
ALTER TABLE incidents ALTER COLUMN deadline_at DROP NOT NULL;
ALTER TABLE incidents ADD CONSTRAINT incidents_deadline_follows_confirmation CHECK ((confirmed_at IS NULL) = (deadline_at IS NULL));
ALTER TABLE incidents ADD COLUMN updated_at timestamptz;
ALTER TABLE incidents ADD COLUMN closed_at timestamptz;
ALTER TABLE incidents ADD COLUMN closure text CHECK (length(closure) BETWEEN 1 AND 2000);

-- palisade_system bypasses RLS (the operator's path); palisade_app sees an incident only when it
-- is confirmed and its organisation is among those affected.
ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;
ALTER TABLE incidents FORCE ROW LEVEL SECURITY;
CREATE POLICY affected_org_reads ON incidents FOR SELECT TO palisade_app
  USING (confirmed_at IS NOT NULL AND EXISTS (
    SELECT 1 FROM incident_orgs o WHERE o.incident_id = incidents.id AND o.org_id = current_setting('palisade.org_id', true)));
GRANT SELECT (id, nature, data_categories, cause, remediation, discovered_at, confirmed_at, deadline_at, updated_at, closed_at) ON incidents TO palisade_app;
GRANT SELECT ON incident_orgs TO palisade_app;
