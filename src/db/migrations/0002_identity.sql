-- Up Migration
-- Identity and organisations: users, sessions, one-time email tokens, memberships, invitations,
-- the session-token signing keys, rate-limit counters and the development mail outbox.
-- Global tables (users, sessions, email_tokens, identity_keys, auth_rate_limits, mail_outbox)
-- are reached only through withSystem (palisade_system); palisade_app gets no grant on them,
-- except a column-limited, RLS-filtered read of users (members' names and addresses of the
-- current organisation only). Tenant tables (memberships, invitations) follow the RLS rules of
-- 0001. Claims AUTH-1, AUTH-3, AUTH-4, AUTH-6, AUTH-11, AUTH-14, TEN-1, TEN-2.

-- Accounts. A row exists only once its address is verified: a pending sign-up lives in
-- email_tokens with its password hash, so an unverified address is indistinguishable from an
-- unknown one and an attacker's pending sign-up can never claim the address (pre-hijacking).
CREATE TABLE users (
  id text PRIMARY KEY,
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  -- Lower-cased address: the unique key (addresses are compared case-insensitively).
  email_key text NOT NULL UNIQUE CHECK (email_key = lower(email_key)),
  name text CHECK (length(name) <= 200),
  -- Self-describing hash (PHC argon2id or $bcrypt-sha256$); never the password.
  password_hash text CHECK (password_hash ~ '^\$'),
  password_changed_at timestamptz,
  email_verified_at timestamptz NOT NULL,
  -- Lockout (AUTH-6): consecutive failures since the last success or lock.
  failed_sign_ins integer NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON users TO palisade_system;

-- Sessions (AUTH-3, AUTH-4). The signed cookie token names a row; the row holds the rolling
-- window (expires_at), the inactivity clock (last_seen_at, moved only when a token is refreshed)
-- and the revocation. pending_step is the slot for a second factor: a session whose
-- pending_step is not null authenticates nothing but the step it waits for.
CREATE TABLE sessions (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  active_org_id text REFERENCES orgs (id) ON DELETE SET NULL,
  pending_step text CHECK (pending_step IN ('mfa')),
  amr text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text CHECK (length(user_agent) <= 512),
  revoked_at timestamptz,
  revoked_reason text CHECK (length(revoked_reason) <= 100)
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_revoked ON sessions (revoked_at) WHERE revoked_at IS NOT NULL;
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON sessions TO palisade_system;

-- One-time tokens sent by email (AUTH-14): only SHA-256(token) is stored; a token is consumed by
-- deleting its row. A verify_email row carries the pending sign-up (address, name, password hash).
CREATE TABLE email_tokens (
  token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
  purpose text NOT NULL CHECK (purpose IN ('verify_email', 'password_reset')),
  user_id text REFERENCES users (id) ON DELETE CASCADE,
  email_key text NOT NULL,
  pending_email text,
  pending_name text,
  pending_password_hash text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  CHECK ((purpose = 'password_reset') = (user_id IS NOT NULL))
);
CREATE INDEX email_tokens_email ON email_tokens (email_key, purpose);
CREATE INDEX email_tokens_expiry ON email_tokens (expires_at);
ALTER TABLE email_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE email_tokens FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, DELETE ON email_tokens TO palisade_system;

-- Signing keys shared by every node: 'session_jwt' signs session tokens (HS256), 'csrf' derives
-- the per-session CSRF token. With a key-encryption key configured the secret is stored wrapped
-- (kek_id names the KEK); see docs/authentication.md.
CREATE TABLE identity_keys (
  id text PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('session_jwt', 'csrf')),
  kek_id text,
  secret bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz
);
ALTER TABLE identity_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE identity_keys FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE ON identity_keys TO palisade_system;

-- Rate-limit counters shared by every node (AUTH-11): fixed windows, one row per key.
CREATE TABLE auth_rate_limits (
  key text PRIMARY KEY CHECK (length(key) <= 300),
  points integer NOT NULL,
  window_ends_at timestamptz NOT NULL
);
CREATE INDEX auth_rate_limits_expiry ON auth_rate_limits (window_ends_at);
ALTER TABLE auth_rate_limits ENABLE ROW LEVEL SECURITY;
ALTER TABLE auth_rate_limits FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_rate_limits TO palisade_system;

-- Development outbox: mail kept here when no SMTP_URL is configured. Rows hold live links, so
-- only palisade_system can read them and they are deleted once older than the longest token
-- lifetime; the dev-only endpoint that reads them exists only with PALISADE_DEV_MODE=1.
CREATE TABLE mail_outbox (
  id text PRIMARY KEY,
  recipient text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX mail_outbox_recipient ON mail_outbox (lower(recipient), created_at DESC);
ALTER TABLE mail_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE mail_outbox FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, DELETE ON mail_outbox TO palisade_system;

-- Memberships: who belongs to which organisation, with which roles (built-in role names until
-- the authz module's role table exists).
CREATE TABLE memberships (
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  roles text[] NOT NULL CHECK (cardinality(roles) BETWEEN 1 AND 50),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON memberships
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO palisade_app, palisade_system;

-- Invitations: single-use (deleted on acceptance), expiring, bound to one address. Only the
-- token's SHA-256 is stored.
CREATE TABLE invitations (
  id text PRIMARY KEY,
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  email_key text NOT NULL CHECK (email_key = lower(email_key)),
  roles text[] NOT NULL CHECK (cardinality(roles) BETWEEN 1 AND 50),
  token_hash bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
  invited_by text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX invitations_org ON invitations (org_id, created_at DESC);
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON invitations TO palisade_app, palisade_system;

-- palisade_system bypasses RLS. palisade_app sees only the members of the current organisation,
-- and only three columns (never the hash or the lockout state).
CREATE POLICY members_of_current_org ON users FOR SELECT TO palisade_app
  USING (EXISTS (SELECT 1 FROM memberships m
                 WHERE m.user_id = users.id AND m.org_id = current_setting('palisade.org_id', true)));
GRANT SELECT (id, email, name) ON users TO palisade_app;
