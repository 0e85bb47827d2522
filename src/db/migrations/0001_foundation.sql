-- Up Migration
-- Foundation: the roles Palisade connects as, organisations, and the append-only audit log.
-- Conventions for every tenant table (checked by src/db/migrations.test.ts):
--   org_id text NOT NULL, ENABLE + FORCE ROW LEVEL SECURITY, a policy on
--   current_setting('palisade.org_id', true), and grants to palisade_app / palisade_system.

-- Roles are cluster-wide; create them once, without LOGIN. src/db/roles.ts gives them LOGIN and
-- a password at start-up (as the owner), unless the operator supplies DATABASE_APP_URL.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'palisade_app') THEN
    -- The request path: subject to RLS (NOBYPASSRLS), owns nothing.
    CREATE ROLE palisade_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'palisade_system') THEN
    -- The platform path (jobs, cross-organisation lookups such as sign-in by email). It bypasses
    -- RLS by design but owns nothing, so it cannot alter schema or disable the audit trigger.
    CREATE ROLE palisade_system NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'palisade_retention') THEN
    -- The only role the audit trigger lets delete, and only rows past retention (issue: audit).
    CREATE ROLE palisade_retention NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS NOINHERIT;
  END IF;
END
$$;

-- Role passwords live where only the owner can read them, so every node that starts with the
-- owner URL gives the roles the same password (no node rotates another's credentials away).
CREATE SCHEMA palisade_internal;
REVOKE ALL ON SCHEMA palisade_internal FROM PUBLIC;
CREATE TABLE palisade_internal.role_secrets (
  role_name text PRIMARY KEY,
  password text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

GRANT USAGE ON SCHEMA public TO palisade_app, palisade_system, palisade_retention;
-- /readyz compares applied migrations with the shipped files, on the platform path.
GRANT USAGE ON SCHEMA palisade_migrations TO palisade_system;
GRANT SELECT ON palisade_migrations.pgmigrations TO palisade_system;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Organisations. The row's own id is its org id; RLS lets a transaction see only its own org.
CREATE TABLE orgs (
  id text PRIMARY KEY,
  org_id text GENERATED ALWAYS AS (id) STORED NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  plan text NOT NULL DEFAULT 'free',
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE orgs ENABLE ROW LEVEL SECURITY;
ALTER TABLE orgs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON orgs
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, UPDATE ON orgs TO palisade_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON orgs TO palisade_system;

-- The audit log. Rows are never updated or deleted (trigger below); the sealer (audit issue)
-- records leaf positions and checkpoints in tables of its own, so adding tamper evidence never
-- rewrites a row here. tx_id lets the sealer fold rows in commit order (only transactions older
-- than the oldest running one are sealed).
-- org_id 'platform' holds events tied to no organisation.
CREATE TABLE audit_events (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  id text PRIMARY KEY,
  org_id text NOT NULL,
  occurred_at timestamptz NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system', 'super_admin', 'anonymous')),
  actor_id text,
  action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_.:-]{0,99}$'),
  target_type text,
  target_id text,
  outcome text NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
  deny_layer text,
  source_ip text,
  user_agent text CHECK (length(user_agent) <= 512),
  request_id text,
  reason text CHECK (length(reason) <= 500),
  metadata jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (pg_column_size(metadata) <= 8192),
  tx_id xid8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX audit_events_org_time ON audit_events (org_id, occurred_at DESC, id);
CREATE INDEX audit_events_org_seq ON audit_events (org_id, seq);
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT ON audit_events TO palisade_app, palisade_system;
GRANT SELECT, DELETE ON audit_events TO palisade_retention;

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_user = 'palisade_retention' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_events_no_update_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
