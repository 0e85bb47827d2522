-- Up Migration
-- Second factors (issue 14; claims AUTH-8, AUTH-12): TOTP secrets (sealed by the keyring),
-- recovery codes (hashes only), the second-factor lockout, sign-in steps and step-up on the
-- session row, and the organisation's "MFA required" policy. Global tables are reached only
-- through withSystem (palisade_system); the policy table is a tenant table under RLS.

-- The keyring keeps every key chain under an organisation row. Secrets that belong to a user
-- rather than to an organisation (a TOTP seed) are sealed under that user's subject key in the
-- 'platform' chain, so erasing the user (destroying the subject key) shreds them. The row is
-- not an organisation anyone can join: it has no members and no API keys.
INSERT INTO orgs (id, name) VALUES ('platform', 'Platform') ON CONFLICT (id) DO NOTHING;

-- One TOTP authenticator per user (RFC 6238). `secret` is a keyring envelope (AAD: table
-- mfa_totp, column secret, row = user id); confirmed_at is null while the enrolment waits for
-- its first code. last_step is the highest time step accepted: a code of that step or an earlier
-- one is refused (replay, RFC 6238 section 5.2).
CREATE TABLE mfa_totp (
  user_id text PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  secret bytea NOT NULL CHECK (length(secret) BETWEEN 16 AND 1024),
  confirmed_at timestamptz,
  last_step bigint,
  created_at timestamptz NOT NULL
);
ALTER TABLE mfa_totp ENABLE ROW LEVEL SECURITY;
ALTER TABLE mfa_totp FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON mfa_totp TO palisade_system;

-- Recovery codes: ten per set, single use, stored only as SHA-256 over (user id, code). A new
-- set deletes the old one. A used code keeps its row (used_at) so reuse is told apart in the
-- audit log from a wrong code.
CREATE TABLE mfa_recovery_codes (
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash bytea NOT NULL CHECK (length(code_hash) = 32),
  created_at timestamptz NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);
ALTER TABLE mfa_recovery_codes ENABLE ROW LEVEL SECURITY;
ALTER TABLE mfa_recovery_codes FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON mfa_recovery_codes TO palisade_system;

-- The second-factor lockout has a counter of its own: a correct password must not reset the
-- count of wrong codes (else whoever holds the password could guess codes forever).
ALTER TABLE users ADD COLUMN failed_mfa integer NOT NULL DEFAULT 0 CHECK (failed_mfa >= 0);
ALTER TABLE users ADD COLUMN mfa_locked_until timestamptz;

-- Sign-in steps: 'mfa' (a second factor is due) and 'mfa_enrol' (an organisation requires MFA
-- and the user has no factor yet: the session can only enrol one). authenticated_at is the last
-- time the user proved who they are in this session (sign-in, second step or step-up): sensitive
-- actions need it recent.
ALTER TABLE sessions DROP CONSTRAINT sessions_pending_step_check;
ALTER TABLE sessions ADD CONSTRAINT sessions_pending_step_check CHECK (pending_step IN ('mfa', 'mfa_enrol'));
ALTER TABLE sessions ADD COLUMN authenticated_at timestamptz;

-- An organisation's authentication policy. require_mfa: every member must pass a second factor
-- at sign-in (enrolling one first if they have none).
CREATE TABLE org_auth_policies (
  org_id text PRIMARY KEY REFERENCES orgs (id) ON DELETE CASCADE,
  require_mfa boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL
);
ALTER TABLE org_auth_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE org_auth_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON org_auth_policies
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON org_auth_policies TO palisade_app, palisade_system;
