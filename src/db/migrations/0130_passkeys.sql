-- Up Migration
-- Passkeys (WebAuthn Level 3; issue 14, claims AUTH-8, AUTH-12): a user's credentials and the
-- challenges of their ceremonies. Global tables, reached only through withSystem
-- (palisade_system), like mfa_totp.

-- One row per registered credential. credential_id is the authenticator's id (raw bytes),
-- unique across users: a credential belongs to exactly one account. public_key is the COSE key
-- the attestation carried (public: stored as is). sign_count is the highest signature counter
-- seen: an assertion with a counter not above it (when either is non-zero) is a cloned
-- authenticator and is refused (WebAuthn §6.1.1).
CREATE TABLE webauthn_credentials (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  credential_id bytea NOT NULL UNIQUE CHECK (length(credential_id) BETWEEN 16 AND 1023),
  public_key bytea NOT NULL CHECK (length(public_key) BETWEEN 16 AND 2048),
  sign_count bigint NOT NULL DEFAULT 0 CHECK (sign_count >= 0),
  transports text[] NOT NULL DEFAULT '{}',
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  aaguid text NOT NULL,
  device_type text NOT NULL CHECK (device_type IN ('singleDevice', 'multiDevice')),
  backed_up boolean NOT NULL,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz
);
CREATE INDEX webauthn_credentials_user ON webauthn_credentials (user_id);
ALTER TABLE webauthn_credentials ENABLE ROW LEVEL SECURITY;
ALTER TABLE webauthn_credentials FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON webauthn_credentials TO palisade_system;

-- A ceremony's challenge: 32 random bytes, single use (taken by one DELETE … RETURNING), a few
-- minutes long, and bound to whoever asked for it: binding is SHA-256 of the session id
-- (registration, second step, step-up) or of a random value held in the asking browser's
-- HttpOnly cookie (passwordless sign-in). A challenge presented by another session or browser is
-- not found. user_id is set when the ceremony is for a known user.
CREATE TABLE webauthn_challenges (
  challenge bytea PRIMARY KEY CHECK (length(challenge) = 32),
  purpose text NOT NULL CHECK (purpose IN ('register', 'sign_in', 'second_factor', 'step_up')),
  binding bytea NOT NULL CHECK (length(binding) = 32),
  user_id text REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);
CREATE INDEX webauthn_challenges_expiry ON webauthn_challenges (expires_at);
ALTER TABLE webauthn_challenges ENABLE ROW LEVEL SECURITY;
ALTER TABLE webauthn_challenges FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON webauthn_challenges TO palisade_system;
