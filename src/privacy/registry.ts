/* The person-data registry (PRIV-1, PRIV-2): every table holding a column that names or describes
   a person, with the module that owns it, what it holds, whether and how it is exported, and
   what erasure does to it. registry.test.ts reads the live schema (information_schema) and fails
   when a table gains a person column that no entry names — so a module cannot add personal data
   the export and erasure silently forget. The export readers (repo.ts) are keyed by the same
   section names; the test checks both lists agree.

   A module adding a table with a person column adds its entry here (and a reader in repo.ts when
   the rows are exported). Erasure outcomes:
   - deleted:      the rows go (cascade from users, or erasure deletes them).
   - shredded:     the rows hold ciphertext under the person's subject key, which erasure destroys.
   - pseudonymous: the rows stay, naming the person only by their opaque id (usr_…), which nothing
                   maps back to a person once the account row is gone.
   - kept:         the rows stay as they are, for the reason given. */

export type ErasureOutcome = 'deleted' | 'shredded' | 'pseudonymous' | 'kept';

export interface PersonDataEntry {
  /** The owning module (src/<module>). */
  module: string;
  table: string;
  /** The columns naming or describing the person. */
  columns: readonly string[];
  /** What the rows hold about the person. */
  holds: string;
  /** The archive section the rows are exported in, or why they are not. */
  export: { section: string; orgScoped: boolean } | { excluded: string };
  erasure: ErasureOutcome;
  /** Why erasure leaves what it leaves. */
  why: string;
}

export const PERSON_DATA: readonly PersonDataEntry[] = [
  // ---- identity
  { module: 'identity', table: 'users', columns: ['id', 'email', 'email_key', 'name'],
    holds: 'The account: address, display name, verification, password change and lockout times (never the password hash)',
    export: { section: 'identity.account', orgScoped: true }, erasure: 'deleted',
    why: 'The row is the only link from the opaque user id to the person; deleting it leaves the id a pseudonym' },
  { module: 'identity', table: 'sessions', columns: ['user_id', 'ip', 'user_agent'],
    holds: 'Sessions: when, from which address and browser, which organisation was active, when revoked',
    export: { section: 'identity.sessions', orgScoped: false }, erasure: 'deleted', why: 'Cascade from the account' },
  { module: 'identity', table: 'email_tokens', columns: ['user_id', 'email_key', 'pending_email', 'pending_name'],
    holds: 'Pending sign-up and password-reset tokens (only their hash; the kind and times are exported)',
    export: { section: 'identity.pending_tokens', orgScoped: false }, erasure: 'deleted', why: 'Erasure deletes them by account and by address' },
  { module: 'identity', table: 'known_devices', columns: ['user_id'],
    holds: 'Browsers that signed in to the account (lockout, issue 11.2): when first and last used, until when known, their own lock (the device id is half of a cookie and is not exported)',
    export: { section: 'identity.known_devices', orgScoped: false }, erasure: 'deleted', why: 'Cascade from the account' },
  { module: 'identity', table: 'mfa_totp', columns: ['user_id'],
    holds: 'The authenticator app enrolment; the secret is sealed under the person\'s subject key and never exported',
    export: { section: 'identity.mfa_factors', orgScoped: false }, erasure: 'shredded', why: 'The subject key is destroyed, then the row goes with the account' },
  { module: 'identity', table: 'mfa_recovery_codes', columns: ['user_id'],
    holds: 'Recovery codes (hashes only; their count and use times are exported)',
    export: { section: 'identity.recovery_codes', orgScoped: false }, erasure: 'deleted', why: 'Cascade from the account' },
  { module: 'identity', table: 'webauthn_credentials', columns: ['user_id', 'name'],
    holds: 'Passkeys: the name the person gave each, its authenticator model (AAGUID), when made and last used (the public key is not exported)',
    export: { section: 'identity.passkeys', orgScoped: false }, erasure: 'deleted', why: 'Cascade from the account' },
  { module: 'identity', table: 'webauthn_challenges', columns: ['user_id'],
    holds: 'Passkey ceremony challenges waiting for an answer (random bytes, five minutes at most)',
    export: { excluded: 'Short-lived random values with nothing about the person; spent or expired within minutes' },
    erasure: 'deleted', why: 'Cascade from the account' },
  { module: 'mail', table: 'mail_outbox', columns: ['recipient', 'subject'],
    holds: 'Development outbox: mail addressed to the person (kept only without SMTP, pruned after the longest token lifetime)',
    export: { section: 'mail.outbox', orgScoped: false }, erasure: 'deleted', why: 'Erasure deletes mail addressed to the person' },
  { module: 'identity', table: 'sso_identities', columns: ['user_id', 'subject'],
    holds: 'Single sign-on links: which identity provider account (issuer and subject) signs in as the person, for which organisation (no token or client secret is stored here or exported)',
    export: { section: 'identity.sso_links', orgScoped: true }, erasure: 'deleted', why: 'Cascade from the account' },
  // ---- organisations
  { module: 'orgs', table: 'memberships', columns: ['user_id'],
    holds: 'Organisations the person belongs to, with roles',
    export: { section: 'orgs.memberships', orgScoped: true }, erasure: 'deleted', why: 'Cascade from the account; the last-admin guard refuses an erasure that would leave an organisation without an admin' },
  { module: 'orgs', table: 'invitations', columns: ['email', 'email_key', 'invited_by'],
    holds: 'Invitations addressed to the person, and invitations they sent (the invitee\'s address is a third party\'s and is not exported)',
    export: { section: 'orgs.invitations', orgScoped: true }, erasure: 'deleted',
    why: 'Invitations to the person\'s address are deleted; invitations they sent keep their opaque id as sender' },
  // ---- authorization
  { module: 'authz', table: 'resource_roles', columns: ['user_id', 'granted_by'],
    holds: 'Roles on single resources (collections) the person holds or granted',
    export: { section: 'authz.resource_roles', orgScoped: true }, erasure: 'deleted', why: 'Roles held cascade from the account; grants made by them keep the opaque id' },
  { module: 'authz', table: 'policy_toggles', columns: ['updated_by'],
    holds: 'Organisation policy switches the person changed',
    export: { section: 'authz.policy_changes', orgScoped: true }, erasure: 'pseudonymous', why: 'The organisation\'s policy outlives its author' },
  { module: 'authz', table: 'api_keys', columns: ['created_by', 'revoked_by', 'last_used_ip'],
    holds: 'API keys the person created or revoked (never the key or its hash)',
    export: { section: 'authz.api_keys', orgScoped: true }, erasure: 'pseudonymous', why: 'Keys belong to the organisation; their creator stays an opaque id' },
  // ---- crypto
  { module: 'crypto', table: 'crypto_keys', columns: ['subject_id'],
    holds: 'The person\'s subject keys (ids and state; key material is never exported)',
    export: { section: 'crypto.subject_keys', orgScoped: true }, erasure: 'shredded', why: 'Erasure destroys them; the tombstone proves it' },
  { module: 'integrations', table: 'integration_credentials', columns: ['created_by'],
    holds: 'Integrations the person connected (never the credential)',
    export: { section: 'integrations.connected', orgScoped: true }, erasure: 'pseudonymous', why: 'Credentials belong to the organisation' },
  // ---- audit
  { module: 'audit', table: 'audit_events', columns: ['actor_id', 'target_id', 'source_ip', 'user_agent'],
    holds: 'Audit records where the person is the actor or the subject, in every organisation\'s log and the platform log',
    export: { section: 'audit.events', orgScoped: true }, erasure: 'pseudonymous',
    why: 'Append-only and sealed into signed Merkle trees: changing a record would break verification. Records name the person only by opaque id; address and browser stay until audit retention deletes them (security of processing, GDPR art. 17(3)(b), (e))' },
  { module: 'audit', table: 'audit_alerts', columns: ['subject', 'status_changed_by'],
    holds: 'Anomaly alerts (their subject is an account id, a digest or an address) and who handled them',
    export: { excluded: 'Security alerts are the organisation\'s records of attacks; they name accounts only by opaque id or digest' },
    erasure: 'pseudonymous', why: 'Security records kept for the organisation\'s protection; opaque ids only' },
  // ---- vault
  { module: 'vault', table: 'vault_collections', columns: ['created_by'],
    holds: 'Collections the person created', export: { section: 'vault.collections', orgScoped: true }, erasure: 'pseudonymous', why: 'Records belong to the organisation' },
  { module: 'vault', table: 'vault_files', columns: ['created_by'],
    holds: 'Files the person uploaded (metadata; the bytes are downloadable through the vault)', export: { section: 'vault.files', orgScoped: true }, erasure: 'pseudonymous', why: 'Records belong to the organisation' },
  { module: 'vault', table: 'vault_upload_log', columns: ['actor'],
    holds: 'Upload-rate counters (pruned after an hour)', export: { excluded: 'A rate-limit counter kept for one hour, holding only the opaque id and a time' },
    erasure: 'pseudonymous', why: 'Pruned within the hour' },
  // ---- webhooks
  { module: 'webhooks', table: 'webhook_endpoints', columns: ['created_by'],
    holds: 'Webhook endpoints the person created (by opaque id)',
    export: { excluded: 'Endpoints belong to the organisation; their creation by the person is exported in audit.events' },
    erasure: 'pseudonymous', why: 'Organisation configuration; the creator stays an opaque id' },
  { module: 'webhooks', table: 'agents', columns: ['created_by'],
    holds: 'Signed agents the person registered (by opaque id)',
    export: { excluded: 'Agents belong to the organisation; their registration by the person is exported in audit.events' },
    erasure: 'pseudonymous', why: 'Organisation configuration; the creator stays an opaque id' },
  // ---- incidents
  { module: 'incidents', table: 'incidents', columns: ['created_by'],
    holds: 'Breach incidents a platform operator declared (by actor type and opaque id)',
    export: { excluded: 'Incidents are platform records; their declaration is exported in audit.events' },
    erasure: 'pseudonymous', why: 'A breach record must outlive its author (IR-1); the declarer stays an opaque id' },
  // ---- backup
  { module: 'backup', table: 'backup_requests', columns: ['requested_by'],
    holds: 'Backups a platform operator asked for through POST /v1/platform/backups (by opaque id)',
    export: { excluded: 'Backup requests are platform records; the request is exported in audit.events (backup.requested)' },
    erasure: 'pseudonymous', why: 'An operations record of when a backup was taken and why; the requester stays an opaque id' },
  // ---- trust
  { module: 'trust', table: 'trust_declarations', columns: ['declared_by'],
    holds: 'Trust-page declarations an operator entered at the command line, with the name they gave',
    export: { excluded: 'Operator statements published on the trust page; declared_by is the text the operator typed, not an account' },
    erasure: 'kept', why: 'A published attestation and its history; it names no account (erasure of an operator\'s name there is a manual correction)' },
  // ---- privacy
  { module: 'privacy', table: 'privacy_requests', columns: ['user_id', 'filed_by', 'details'],
    holds: 'Rights requests the person filed or that concern them', export: { section: 'privacy.requests', orgScoped: false }, erasure: 'pseudonymous',
    why: 'The erasure request is the proof the erasure was done; free-text details are cleared' },
  { module: 'privacy', table: 'privacy_exports', columns: ['user_id', 'requested_by'],
    holds: 'Exports of the person\'s data (the archive is sealed under their subject key)', export: { section: 'privacy.exports', orgScoped: true }, erasure: 'deleted',
    why: 'Cascade from the account; the archive was already unreadable once the subject key is destroyed' },
  // ---- consent, minors and the AI egress guard (src/privacy/ai)
  { module: 'privacy', table: 'ai_consent_ledger', columns: ['subject_id', 'actor_id'],
    holds: 'Consents the person recorded or withdrew for the organisation (AI features), and consents recorded for their own data as a minor',
    export: { section: 'privacy.consents', orgScoped: true },
    erasure: 'pseudonymous', why: 'Append-only proof of consent (GDPR art. 7(1)): rows name the person only by opaque id' },
  { module: 'privacy', table: 'ai_policies', columns: ['updated_by'],
    holds: 'The organisation\'s AI policy switch the person last changed',
    export: { excluded: 'Organisation configuration; the change is exported in audit.events (ai.policy.updated)' },
    erasure: 'pseudonymous', why: 'The organisation\'s policy outlives its author' },
  { module: 'privacy', table: 'org_minors', columns: ['user_id', 'marked_by'],
    holds: 'That the person is marked as a minor in an organisation, when and by whom (marks the person set on others are theirs, not exported; the act is in audit.events)',
    export: { section: 'privacy.minor_status', orgScoped: true },
    erasure: 'deleted', why: 'Cascade from the account' },
];

/** Column names that name or describe a person, wherever they appear (registry.test.ts). */
export const PERSON_COLUMN = /^(user_id|.+_user_id|.+_by|actor|actor_id|target_id|subject|subject_id|email|email_key|pending_email|pending_name|recipient|ip|.+_ip|user_agent)$/;

export function entryFor(table: string): PersonDataEntry | undefined {
  return PERSON_DATA.find((e) => e.table === table);
}
