/* The files mutation testing covers (issue 21), in groups: each group's `mutate` files are
   mutated and only its `tests` run against them (perTest coverage then picks, per mutant, the
   tests that reach it). A new security-critical module (MFA, files, webhooks, privacy, backups,
   trust guards) adds its group here when it lands. Line ranges (`file:from-to`) confine a large
   file to its security-critical part.
   The RLS migrations are SQL, which Stryker does not mutate: src/db/rls.security.test.ts attacks
   every tenant table generically instead (docs/testing.md). */
export const GROUPS = [
  { name: 'rate-limit', mutate: ['src/identity/rate-limit.ts'], tests: ['src/identity/rate-limit.test.ts', 'src/identity/sign-in.security.test.ts', 'src/identity/auth-events.security.test.ts'] },
  { name: 'decide', mutate: ['src/authz/decide.ts'], tests: ['src/authz/decide.test.ts'] },
  { name: 'aead', mutate: ['src/crypto/aead.ts'], tests: ['src/crypto/aead.test.ts', 'src/crypto/aead.reasons.test.ts'] },
  { name: 'session-token', mutate: ['src/identity/session-token.ts'], tests: ['src/identity/session-token.test.ts', 'src/identity/session-token.csrf.test.ts', 'src/identity/sessions.security.test.ts'] },
  { name: 'passwords', mutate: ['src/identity/passwords.ts'], tests: ['src/identity/passwords.test.ts', 'src/identity/enumeration.security.test.ts'] },
  { name: 'dlp', mutate: ['src/crypto/dlp.ts'], tests: ['src/crypto/dlp.test.ts'] },
  { name: 'sessions', mutate: ['src/identity/sessions.ts'], tests: ['src/identity/sessions.security.test.ts'] },
  { name: 'audit-seal', mutate: ['src/audit/sealer.ts', 'src/audit/verify.ts', 'src/audit/merkle.ts'], tests: ['src/audit/sealer.test.ts', 'src/audit/verify.test.ts', 'src/audit/merkle.test.ts'] },
  { name: 'keyring', mutate: ['src/crypto/keyring.ts'], tests: ['src/crypto/keyring.test.ts', 'src/crypto/keyring.rotation.test.ts'] },
];
