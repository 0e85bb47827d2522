-- Up Migration
-- Plans are operator configuration (PALISADE_PLANS, src/config/plans.ts; issue 12): the database
-- no longer knows the plan names, only their shape. The request role still never chooses or
-- changes a plan (RBAC-3): a new organisation made on the request path gets the plan the
-- operator configured (PALISADE_DEFAULT_PLAN, written here at start-up on the platform path),
-- and any other plan change goes through the platform path (a super-admin, or the billing
-- handler through src/authz's setPlanInTx).
ALTER TABLE orgs DROP CONSTRAINT orgs_plan_known;
ALTER TABLE orgs ADD CONSTRAINT orgs_plan_name CHECK (plan ~ '^[a-z][a-z0-9_-]{0,49}$');
-- No column default: the trigger below fills the plan in.
ALTER TABLE orgs ALTER COLUMN plan DROP DEFAULT;

CREATE TABLE platform_plan_default (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  plan text NOT NULL CHECK (plan ~ '^[a-z][a-z0-9_-]{0,49}$'),
  updated_at timestamptz NOT NULL
);
GRANT SELECT ON platform_plan_default TO palisade_app;
GRANT SELECT, INSERT, UPDATE ON platform_plan_default TO palisade_system;

CREATE OR REPLACE FUNCTION orgs_plan_platform_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- In an organisation's transaction (withOrg sets palisade.org_id) or as the request role,
  -- whatever its name, the plan is not the caller's to choose: an insert naming one and any
  -- change are refused; an insert naming none gets the configured default.
  IF current_user = 'palisade_app' OR coalesce(current_setting('palisade.org_id', true), '') <> '' THEN
    IF (TG_OP = 'INSERT' AND NEW.plan IS NOT NULL) OR (TG_OP = 'UPDATE' AND NEW.plan IS DISTINCT FROM OLD.plan) THEN
      RAISE EXCEPTION 'an organisation''s plan is set by a platform super-admin only'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  IF TG_OP = 'INSERT' AND NEW.plan IS NULL THEN
    NEW.plan := coalesce((SELECT plan FROM platform_plan_default WHERE singleton), 'free');
  END IF;
  RETURN NEW;
END
$$;
