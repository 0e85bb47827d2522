-- Up Migration
-- Authorization: custom roles, per-resource roles, organisation policy toggles, restricted API
-- keys, and the database-side guard rails of roles and plans. What each permission, role, plan
-- and toggle means is in src/authz/catalog.ts; these tables hold only each organisation's
-- choices. Claims RBAC-1..4, TEN-1, TEN-2.

-- Plans are the entitlement layer (RBAC-3): only the names src/authz/catalog.ts knows, and only
-- the platform path (a super-admin's request, or an operator's job) may change one. The request
-- role may create an organisation on the default plan and never change its plan.
ALTER TABLE orgs ADD CONSTRAINT orgs_plan_known CHECK (plan IN ('free', 'team', 'enterprise'));
CREATE FUNCTION orgs_plan_platform_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- In an organisation's transaction (withOrg sets palisade.org_id) or as the request role,
  -- whatever its name, the plan is read-only.
  IF (current_user = 'palisade_app' OR coalesce(current_setting('palisade.org_id', true), '') <> '') AND (
       (TG_OP = 'INSERT' AND NEW.plan <> 'free') OR
       (TG_OP = 'UPDATE' AND NEW.plan IS DISTINCT FROM OLD.plan)) THEN
    RAISE EXCEPTION 'an organisation''s plan is set by a platform super-admin only'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER orgs_plan_platform_only BEFORE INSERT OR UPDATE ON orgs
  FOR EACH ROW EXECUTE FUNCTION orgs_plan_platform_only();

-- Custom roles (RBAC-2): a named set of catalog permissions. Built-in roles (admin, operator,
-- viewer) are defined in code and are never rows, so they cannot be edited.
CREATE TABLE org_roles (
  id text PRIMARY KEY CHECK (id ~ '^role_[a-z2-7]{26}$'),
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  name_key text NOT NULL CHECK (name_key = lower(name_key) AND name_key NOT IN ('admin', 'operator', 'viewer')),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  permissions text[] NOT NULL CHECK (cardinality(permissions) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (org_id, name_key)
);
ALTER TABLE org_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE org_roles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON org_roles
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON org_roles TO palisade_app;
GRANT SELECT ON org_roles TO palisade_system;
-- Only so the role-reference check below can lock the row (FOR SHARE needs an UPDATE grant).
GRANT UPDATE (updated_at) ON org_roles TO palisade_system;

-- A membership or invitation names roles by reference: a built-in name or the id of a custom
-- role of the same organisation. The row lock (FOR SHARE) makes a concurrent role deletion wait
-- for this transaction, and makes this one fail if the deletion won.
CREATE FUNCTION authz_check_role_refs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ref text;
BEGIN
  FOREACH ref IN ARRAY NEW.roles LOOP
    IF ref IN ('admin', 'operator', 'viewer') THEN
      CONTINUE;
    END IF;
    PERFORM 1 FROM org_roles r WHERE r.id = ref AND r.org_id = NEW.org_id FOR SHARE;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'unknown role %', left(ref, 100)
        USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'role_ref_known';
    END IF;
  END LOOP;
  RETURN NEW;
END
$$;
CREATE TRIGGER memberships_role_refs BEFORE INSERT OR UPDATE OF roles ON memberships
  FOR EACH ROW EXECUTE FUNCTION authz_check_role_refs();
CREATE TRIGGER invitations_role_refs BEFORE INSERT OR UPDATE OF roles ON invitations
  FOR EACH ROW EXECUTE FUNCTION authz_check_role_refs();

-- A custom role still held by a member or offered by an invitation cannot be deleted.
CREATE FUNCTION org_roles_refuse_delete_in_use() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = OLD.org_id AND OLD.id = ANY (m.roles))
     OR EXISTS (SELECT 1 FROM invitations i WHERE i.org_id = OLD.org_id AND OLD.id = ANY (i.roles)) THEN
    RAISE EXCEPTION 'role % is in use', OLD.id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'role_in_use';
  END IF;
  RETURN OLD;
END
$$;
CREATE TRIGGER org_roles_refuse_delete_in_use BEFORE DELETE ON org_roles
  FOR EACH ROW EXECUTE FUNCTION org_roles_refuse_delete_in_use();

-- Guard rail (RBAC-1): an organisation always keeps at least one admin. Checked at commit
-- (deferred), after locking the organisation row, so two admins demoting each other at the same
-- moment cannot both succeed: the second waits for the first, then counts again. Deleting the
-- organisation itself (the cascade) is allowed.
CREATE FUNCTION memberships_keep_an_admin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM orgs o WHERE o.id = OLD.org_id FOR UPDATE;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = OLD.org_id AND 'admin' = ANY (m.roles)) THEN
    RAISE EXCEPTION 'an organisation must keep at least one admin'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'org_keeps_an_admin';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER memberships_keep_an_admin_update AFTER UPDATE OF roles ON memberships
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ('admin' = ANY (OLD.roles) AND NOT ('admin' = ANY (NEW.roles)))
  EXECUTE FUNCTION memberships_keep_an_admin();
CREATE CONSTRAINT TRIGGER memberships_keep_an_admin_delete AFTER DELETE ON memberships
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ('admin' = ANY (OLD.roles))
  EXECUTE FUNCTION memberships_keep_an_admin();

-- Per-resource roles (RBAC-3, layer 3): a member's role on one object, e.g. owner/editor/reader
-- of one record collection. What each role grants is in src/authz/catalog.ts (RESOURCE_TYPES).
CREATE TABLE resource_roles (
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  resource_type text NOT NULL CHECK (resource_type ~ '^[a-z][a-z_]{0,39}$'),
  resource_id text NOT NULL CHECK (length(resource_id) BETWEEN 1 AND 200),
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'editor', 'reader')),
  granted_by text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, resource_type, resource_id, user_id)
);
CREATE INDEX resource_roles_user ON resource_roles (org_id, user_id);
ALTER TABLE resource_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE resource_roles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON resource_roles
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON resource_roles TO palisade_app, palisade_system;

-- Organisation policy toggles (RBAC-3, layer 5): a row switches one toggle for one role
-- (built-in name or custom role id). No row = on.
CREATE TABLE policy_toggles (
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  toggle text NOT NULL CHECK (toggle ~ '^[a-z][a-z_]{0,39}$'),
  role_ref text NOT NULL CHECK (length(role_ref) BETWEEN 1 AND 100),
  enabled boolean NOT NULL,
  updated_by text,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, toggle, role_ref)
);
ALTER TABLE policy_toggles ENABLE ROW LEVEL SECURITY;
ALTER TABLE policy_toggles FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON policy_toggles
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON policy_toggles TO palisade_app;

-- Restricted API keys (RBAC-4). Only SHA-256(key) is stored (see src/authz/key-format.ts).
-- A key is bound to one organisation and acts as its creator, limited to its scopes. The
-- request path may create and revoke; scopes, hash, organisation and creator never change
-- (no UPDATE grant on them). The platform path finds a key by its hash (the organisation is not
-- known before the key is) and writes the batched last-used columns.
CREATE TABLE api_keys (
  id text PRIMARY KEY CHECK (id ~ '^key_[a-z2-7]{26}$'),
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  key_hash bytea NOT NULL UNIQUE CHECK (length(key_hash) = 32),
  hint text NOT NULL CHECK (length(hint) <= 20),
  scopes text[] NOT NULL CHECK (cardinality(scopes) BETWEEN 1 AND 100),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  allowed_ips inet[] CHECK (allowed_ips IS NULL OR cardinality(allowed_ips) BETWEEN 1 AND 50),
  revoked_at timestamptz,
  revoked_by text,
  last_used_at timestamptz,
  last_used_ip text
);
CREATE INDEX api_keys_org ON api_keys (org_id, created_at DESC);
CREATE INDEX api_keys_creator ON api_keys (org_id, created_by) WHERE revoked_at IS NULL;
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT ON api_keys TO palisade_app;
GRANT UPDATE (revoked_at, revoked_by) ON api_keys TO palisade_app;
GRANT SELECT ON api_keys TO palisade_system;
GRANT UPDATE (last_used_at, last_used_ip, revoked_at, revoked_by) ON api_keys TO palisade_system;

-- A member who leaves takes their reach with them: their roles on resources go, and the keys
-- they created are revoked in the same transaction (a key acts as its creator, RBAC-4).
CREATE FUNCTION memberships_cleanup_on_leave() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM resource_roles r WHERE r.org_id = OLD.org_id AND r.user_id = OLD.user_id;
  UPDATE api_keys k SET revoked_at = now(), revoked_by = 'membership_removed'
    WHERE k.org_id = OLD.org_id AND k.created_by = OLD.user_id AND k.revoked_at IS NULL;
  RETURN OLD;
END
$$;
CREATE TRIGGER memberships_cleanup_on_leave AFTER DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION memberships_cleanup_on_leave();
