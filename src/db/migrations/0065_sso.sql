-- Up Migration
-- Single sign-on with OpenID Connect per organisation (issue 14; claims AUTH-9, AUTH-12).
-- Tenant tables (the connection, the organisation's email domains) under RLS; the login flows
-- in progress and the links between IdP accounts and users are global (platform path only).

-- One OpenID Connect connection per organisation. client_secret is a keyring envelope (AAD:
-- org_sso_connections.client_secret, row = org id), write-only through the API.
CREATE TABLE org_sso_connections (
  org_id text PRIMARY KEY REFERENCES orgs (id) ON DELETE CASCADE,
  provider text NOT NULL CHECK (provider IN ('google', 'microsoft', 'generic')),
  issuer text NOT NULL CHECK (length(issuer) BETWEEN 8 AND 500),
  client_id text NOT NULL CHECK (length(client_id) BETWEEN 1 AND 500),
  client_secret bytea NOT NULL CHECK (length(client_secret) BETWEEN 16 AND 4096),
  default_role text NOT NULL CHECK (length(default_role) BETWEEN 1 AND 100),
  sso_required boolean NOT NULL DEFAULT false,
  enabled boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL
);
ALTER TABLE org_sso_connections ENABLE ROW LEVEL SECURITY;
ALTER TABLE org_sso_connections FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON org_sso_connections
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON org_sso_connections TO palisade_app, palisade_system;

-- Email domains an organisation claims; verified_at is set once a DNS TXT record proved control.
-- A verified domain belongs to one organisation only.
CREATE TABLE org_domains (
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  domain text NOT NULL CHECK (domain = lower(domain) AND length(domain) BETWEEN 3 AND 253),
  token text NOT NULL CHECK (length(token) BETWEEN 16 AND 100),
  created_at timestamptz NOT NULL,
  verified_at timestamptz,
  PRIMARY KEY (org_id, domain)
);
CREATE UNIQUE INDEX org_domains_verified ON org_domains (domain) WHERE verified_at IS NOT NULL;
ALTER TABLE org_domains ENABLE ROW LEVEL SECURITY;
ALTER TABLE org_domains FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON org_domains
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, UPDATE, DELETE ON org_domains TO palisade_app, palisade_system;

-- A login in progress: found by SHA-256 of its state, deleted by the callback that uses it
-- (single use), valid ten minutes. The browser that started it holds the state in a cookie.
CREATE TABLE sso_logins (
  state_hash bytea PRIMARY KEY CHECK (length(state_hash) = 32),
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sso_logins_expiry ON sso_logins (expires_at);
ALTER TABLE sso_logins ENABLE ROW LEVEL SECURITY;
ALTER TABLE sso_logins FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sso_logins
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, DELETE ON sso_logins TO palisade_system;

-- Which user an IdP account (issuer, subject) signs in as.
CREATE TABLE sso_identities (
  issuer text NOT NULL,
  subject text NOT NULL,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  org_id text NOT NULL REFERENCES orgs (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX sso_identities_user ON sso_identities (user_id);
ALTER TABLE sso_identities ENABLE ROW LEVEL SECURITY;
ALTER TABLE sso_identities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sso_identities
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, DELETE ON sso_identities TO palisade_system;
