-- Up Migration
-- Rights requests: the organisation's side and a person's withdrawal (issue 17 part A; claims
-- PRIV-2, PRIV-3; docs/privacy.md "Rights requests").
--
-- 1. Withdrawal. A person may withdraw their own request while it is not closed: status
--    'withdrawn', which closes it like completed and rejected. An erasure request can be withdrawn
--    only until its erasure has begun: the erasure job claims the request (erasure_started_at) in
--    a statement that skips a closed one, and a withdrawal skips a claimed one, so exactly one of
--    the two wins, whichever commits first. A closed request stays closed: the trigger below
--    refuses any change of its status or closing time, whoever tries.
DO $$
DECLARE c record;
BEGIN
  -- The two CHECKs of 0080 that tie status to its values and to closed_at (names were generated).
  FOR c IN SELECT conname FROM pg_constraint
           WHERE conrelid = 'privacy_requests'::regclass AND contype = 'c'
             AND (pg_get_constraintdef(oid) LIKE '%closed_at%' OR pg_get_constraintdef(oid) LIKE '%in_progress%') LOOP
    EXECUTE format('ALTER TABLE privacy_requests DROP CONSTRAINT %I', c.conname);
  END LOOP;
END
$$;
ALTER TABLE privacy_requests ADD CONSTRAINT privacy_requests_status
  CHECK (status IN ('open', 'in_progress', 'completed', 'rejected', 'withdrawn'));
ALTER TABLE privacy_requests ADD CONSTRAINT privacy_requests_closed
  CHECK ((status IN ('completed', 'rejected', 'withdrawn')) = (closed_at IS NOT NULL));
ALTER TABLE privacy_requests ADD COLUMN erasure_started_at timestamptz;
ALTER TABLE privacy_requests ADD CONSTRAINT privacy_requests_withdrawn_not_erased
  CHECK (status <> 'withdrawn' OR erasure_started_at IS NULL);

CREATE FUNCTION privacy_requests_stay_closed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.closed_at IS NOT NULL AND (NEW.status IS DISTINCT FROM OLD.status OR NEW.closed_at IS DISTINCT FROM OLD.closed_at) THEN
    RAISE EXCEPTION 'a closed rights request stays closed' USING ERRCODE = 'check_violation', CONSTRAINT = 'privacy_request_closed';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER privacy_requests_stay_closed BEFORE UPDATE ON privacy_requests
  FOR EACH ROW EXECUTE FUNCTION privacy_requests_stay_closed();

-- 2. The organisation's side. A request filed through an organisation (an admin files it for a
--    member, e.g. one received by mail; or an admin files an erasure for a member) carries that
--    organisation in org_id. The organisation sees and answers only those: under RLS on the
--    request path (palisade_app), which may read and file them and move their status, nothing
--    else. A person's own requests (org_id null) go to the platform's operators, who see all.
--    When an organisation is deleted, its requests become the platform's (org_id cleared by the
--    trigger below): they are the person's rights, and the operators still answer them.
ALTER TABLE privacy_requests ADD COLUMN org_id text REFERENCES orgs (id) ON DELETE SET NULL;
CREATE INDEX privacy_requests_org ON privacy_requests (org_id, created_at DESC) WHERE org_id IS NOT NULL;
CREATE POLICY tenant_isolation ON privacy_requests
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT ON privacy_requests TO palisade_app;
GRANT UPDATE (status, resolution, updated_at, closed_at) ON privacy_requests TO palisade_app;

CREATE FUNCTION privacy_requests_org_deleted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
BEGIN
  UPDATE privacy_requests SET org_id = NULL WHERE org_id = NEW.id;
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION privacy_requests_org_deleted() FROM public;
CREATE TRIGGER orgs_privacy_requests_deleted AFTER UPDATE OF deleted_at ON orgs
  FOR EACH ROW WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
  EXECUTE FUNCTION privacy_requests_org_deleted();
