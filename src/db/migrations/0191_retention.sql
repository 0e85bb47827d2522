-- Up Migration
-- Retention (claim PRIV-7, docs/privacy.md "Retention"). A trial organisation is one whose
-- trial_ends_at is set (by the platform path: the billing integration or a super-admin; the
-- request role can never set or clear it). Once it has expired, its admins are told when it will
-- be deleted (trial_notice_at); 30 days (PALISADE_PRIVACY_TRIAL_GRACE_DAYS) after expiry and
-- notice the retention job deletes it: its data keys are destroyed (crypto-shredding) and every
-- row it owns is deleted by palisade_delete_trial_org, in one transaction. The orgs row
-- stays as a tombstone without its name or settings (deleted_at), because the key tombstones
-- and the sealed audit log name it; audit retention deletes its records in their time.
ALTER TABLE orgs ADD COLUMN trial_ends_at timestamptz;
ALTER TABLE orgs ADD COLUMN trial_notice_at timestamptz;
ALTER TABLE orgs ADD COLUMN deleted_at timestamptz;

CREATE FUNCTION orgs_trial_platform_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_user = 'palisade_app' OR coalesce(current_setting('palisade.org_id', true), '') <> '' THEN
    IF (TG_OP = 'INSERT' AND (NEW.trial_ends_at IS NOT NULL OR NEW.trial_notice_at IS NOT NULL OR NEW.deleted_at IS NOT NULL))
       OR (TG_OP = 'UPDATE' AND (NEW.trial_ends_at IS DISTINCT FROM OLD.trial_ends_at
           OR NEW.trial_notice_at IS DISTINCT FROM OLD.trial_notice_at OR NEW.deleted_at IS DISTINCT FROM OLD.deleted_at)) THEN
      RAISE EXCEPTION 'an organisation''s trial and deletion are set by the platform only'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.deleted_at IS NOT NULL THEN
    RAISE EXCEPTION 'a deleted organisation cannot change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER orgs_trial_platform_only BEFORE INSERT OR UPDATE ON orgs
  FOR EACH ROW EXECUTE FUNCTION orgs_trial_platform_only();
CREATE INDEX orgs_trial_ends ON orgs (trial_ends_at) WHERE trial_ends_at IS NOT NULL AND deleted_at IS NULL;

-- The last-admin guard (0003) lets an organisation being deleted lose its admins.
CREATE OR REPLACE FUNCTION memberships_keep_an_admin() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM orgs o WHERE o.id = OLD.org_id AND o.deleted_at IS NULL FOR UPDATE;
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

-- Deletes every row an expired trial organisation owns, children first; only for a trial past
-- `cutoff` (its expiry) whose admins were told, and only once (it marks the row deleted).
-- Returns the rows deleted, or -1 when the organisation is not (or no longer) due.
-- Kept on purpose: crypto_keys and crypto_key_versions (tombstones, destroyed before this runs),
-- audit records, trees and checkpoints (sealed; audit retention deletes records in their time),
-- incident_orgs (breach records), stripe_inbox (billing events; its org_id is set null),
-- ai_consent_ledger (append-only proof of consent, like the audit log; its trigger refuses deletion).
-- src/privacy/retention.test.ts fails when a table with an org_id column is in neither list.
CREATE FUNCTION palisade_delete_trial_org(p_org text, p_cutoff timestamptz, p_at timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
  n bigint := 0;
  c bigint;
BEGIN
  PERFORM 1 FROM orgs WHERE id = p_org AND deleted_at IS NULL AND trial_ends_at IS NOT NULL
    AND trial_ends_at <= p_cutoff AND trial_notice_at IS NOT NULL AND trial_notice_at <= p_cutoff FOR UPDATE;
  IF NOT FOUND THEN
    RETURN -1;
  END IF;
  UPDATE orgs SET deleted_at = p_at, name = 'deleted organisation', settings = '{}'::jsonb WHERE id = p_org;
  UPDATE sessions SET active_org_id = NULL WHERE active_org_id = p_org;
  UPDATE stripe_inbox SET org_id = NULL WHERE org_id = p_org;
  DELETE FROM invitations WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM memberships WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM resource_roles WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM org_roles WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM policy_toggles WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM api_keys WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM integration_credentials WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM org_auth_policies WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM vault_upload_log WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM vault_files WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM vault_collections WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM vault_settings WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM sso_logins WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM sso_identities WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM org_domains WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM org_sso_connections WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM webhook_attempts WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM webhook_deliveries WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM webhook_endpoints WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM agent_nonces WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM agents WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM audit_alerts WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM privacy_exports WHERE scope_org = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM org_minors WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  DELETE FROM ai_policies WHERE org_id = p_org; GET DIAGNOSTICS c = ROW_COUNT; n := n + c;
  RETURN n;
END
$$;
REVOKE ALL ON FUNCTION palisade_delete_trial_org(text, timestamptz, timestamptz) FROM public;
GRANT EXECUTE ON FUNCTION palisade_delete_trial_org(text, timestamptz, timestamptz) TO palisade_system;

-- Notifications pruned after PALISADE_PRIVACY_NOTIFICATION_DAYS: finished webhook deliveries
-- (their attempts cascade), resolved alerts, and development mail. Returns the rows deleted.
CREATE FUNCTION palisade_prune_notifications(p_before timestamptz) RETURNS TABLE (deliveries bigint, alerts bigint, mail bigint)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
BEGIN
  DELETE FROM webhook_deliveries WHERE status IN ('succeeded', 'failed') AND finished_at < p_before;
  GET DIAGNOSTICS deliveries = ROW_COUNT;
  DELETE FROM audit_alerts WHERE status = 'resolved' AND status_changed_at < p_before;
  GET DIAGNOSTICS alerts = ROW_COUNT;
  DELETE FROM mail_outbox WHERE created_at < p_before;
  GET DIAGNOSTICS mail = ROW_COUNT;
  RETURN NEXT;
END
$$;
REVOKE ALL ON FUNCTION palisade_prune_notifications(timestamptz) FROM public;
GRANT EXECUTE ON FUNCTION palisade_prune_notifications(timestamptz) TO palisade_system;
