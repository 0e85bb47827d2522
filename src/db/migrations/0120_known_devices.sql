-- Up Migration
-- Lockout that an attacker cannot turn against the owner (issue 11.2; claims AUTH-6, AUTH-11).
-- A browser that signed in to an account successfully gets a signed device cookie naming a row
-- here; sign-ins from that browser count their failures on the row, not on the account, so
-- failures from unknown browsers lock unknown browsers only. users.failed_sign_ins/locked_until
-- stay the lock of every unknown browser. A platform table (no organisation): reached only
-- through withSystem (palisade_system); RLS is on with no policy, so the request role sees
-- nothing. Rows go with the account (cascade), when a password is set, and once expired.
CREATE TABLE known_devices (
  id text PRIMARY KEY CHECK (id ~ '^dev_[a-z2-7]{26}$'),
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- This device's consecutive failures since its last success or lock.
  failed_sign_ins integer NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
  locked_until timestamptz,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX known_devices_user ON known_devices (user_id);
CREATE INDEX known_devices_expiry ON known_devices (expires_at);
ALTER TABLE known_devices ENABLE ROW LEVEL SECURITY;
ALTER TABLE known_devices FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT, UPDATE, DELETE ON known_devices TO palisade_system;

-- The lockout mail's single-use unlock link (purpose account_unlock): like a reset token, it
-- names its user.
ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_check;
ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_check CHECK (purpose IN ('verify_email', 'password_reset', 'account_unlock'));
ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_check;
ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_check CHECK ((purpose IN ('password_reset', 'account_unlock')) = (user_id IS NOT NULL));
