-- Up Migration
-- Authorization facts are cached per node (src/authz/facts-cache.ts). So that no code path can
-- change them without every node hearing of it, each table they are read from NOTIFYs the
-- organisation's id on any row change. PostgreSQL delivers the notification when the changing
-- transaction commits (never for one that rolls back) and sends one per organisation per
-- transaction however many rows changed. Cascaded deletes (an account or an organisation
-- deleted) fire these triggers too.
CREATE FUNCTION palisade_authz_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('palisade_authz_changed', 'org:' || OLD.org_id);
  ELSE
    PERFORM pg_notify('palisade_authz_changed', 'org:' || NEW.org_id);
    IF TG_OP = 'UPDATE' AND OLD.org_id IS DISTINCT FROM NEW.org_id THEN
      PERFORM pg_notify('palisade_authz_changed', 'org:' || OLD.org_id);
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER memberships_authz_changed AFTER INSERT OR UPDATE OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION palisade_authz_changed();
CREATE TRIGGER org_roles_authz_changed AFTER INSERT OR UPDATE OR DELETE ON org_roles
  FOR EACH ROW EXECUTE FUNCTION palisade_authz_changed();
CREATE TRIGGER policy_toggles_authz_changed AFTER INSERT OR UPDATE OR DELETE ON policy_toggles
  FOR EACH ROW EXECUTE FUNCTION palisade_authz_changed();

-- orgs has no org_id column: its id is the organisation. Only the plan is a fact.
CREATE FUNCTION palisade_org_plan_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('palisade_authz_changed', 'org:' || OLD.id);
  ELSIF TG_OP = 'INSERT' OR OLD.plan IS DISTINCT FROM NEW.plan THEN
    PERFORM pg_notify('palisade_authz_changed', 'org:' || NEW.id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER orgs_authz_changed AFTER INSERT OR UPDATE OF plan OR DELETE ON orgs
  FOR EACH ROW EXECUTE FUNCTION palisade_org_plan_changed();
