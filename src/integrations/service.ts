/* The integration vault: organisations store third-party credentials that only server-side code
   can read. Claims INT-1..4, ENC-4.

   Invariants
   - Write-only over the API: connect, rotate, list and disconnect return metadata (name,
     provider, fingerprint, last 4, scopes, times) and never the value. The only path that
     decrypts is useCredential, a function for trusted in-process callers (jobs, senders), and
     every call is audited — success and failure — in the transaction that decrypts.
   - The value is sealed with the organisation's data key; the envelope's AAD binds it to
     (org, integration_credentials, secret, id), so it cannot be replayed onto another row.
   - A Stripe secret key (sk_…) is refused before any storage; the refusal is audited without
     the value. Errors never contain the value.
   - Disconnecting deletes the row with its ciphertext, in one action (INT-3).
   - The fingerprint is an HMAC keyed from the organisation's data key: it identifies a
     credential without letting anyone who reads it test guesses offline. */
import { appendAudit } from '../audit/index.js';
import type { Keyring } from '../crypto/index.js';
import { withOrg, type Db, type OrgTx } from '../db/index.js';
import type { Acting } from '../lib/caller.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { Conflict, NotFound, PalisadeError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { cursorCodec, cursorId, instantDate } from '../lib/cursor.js';
import { z } from 'zod';
import { IntegrationCredentialInvalid, StripeSecretKeyRefused } from './errors.js';
import { PROVIDER_IDS, PROVIDERS, checkCredential, type ProviderId, type ProviderInfo } from './providers.js';
import * as repo from './repo.js';

export const TABLE = 'integration_credentials';
export const SECRET_COLUMN = 'secret';
/** Columns of envelopes this module owns, for the DEK re-encryption job. */
export const ENCRYPTED_COLUMNS = [{ table: TABLE, column: SECRET_COLUMN }] as const;

/** Who is asking, for which organisation (always from the authenticated principal). */
/** Who acts (lib/caller.ts): a route's Caller, or a backend's own Acting with a system actor. */
export type Caller = Acting;

export interface IntegrationView {
  id: string;
  provider: string;
  name: string;
  fingerprint: string;
  last4: string | null;
  scopes: string[];
  createdAt: string;
  rotatedAt: string | null;
}

export interface Integrations {
  providers(): readonly ProviderInfo[];
  connect(c: Caller, input: { provider: ProviderId; name: string; credential: string }): Promise<IntegrationView>;
  list(c: Caller, limit: number, cursor: string | null): Promise<{ items: IntegrationView[]; nextCursor: string | null }>;
  /** Replaces the stored value (same provider); sets rotatedAt. */
  rotate(c: Caller, id: string, credential: string): Promise<IntegrationView>;
  /** Deletes the row and its ciphertext. */
  disconnect(c: Caller, id: string): Promise<void>;
  /** Server-side only, never reachable over HTTP: decrypts the credential (audited, with
      `purpose`), commits, then calls `use` with the value outside the transaction. */
  useCredential<T>(c: Caller, id: string, purpose: string, use: (value: string, meta: IntegrationView) => Promise<T> | T): Promise<T>;
}

export interface IntegrationsDeps {
  db: Db;
  keyring: Keyring;
  clock?: Clock;
}

const view = (r: repo.IntegrationRow): IntegrationView => ({
  id: r.id,
  provider: r.provider,
  name: r.name,
  fingerprint: r.fingerprint,
  last4: r.last4,
  scopes: r.scopes,
  createdAt: r.created_at.toISOString(),
  rotatedAt: r.rotated_at ? r.rotated_at.toISOString() : null,
});

const listCursor = cursorCodec(z.strictObject({ t: instantDate, i: cursorId }));

function last4(secretPart: string | null): string | null {
  return secretPart === null ? null : secretPart.slice(-4);
}

export function createIntegrations(deps: IntegrationsDeps): Integrations {
  const { db, keyring } = deps;
  const clock = deps.clock ?? systemClock;
  for (const col of ENCRYPTED_COLUMNS) keyring.registerEncryptedColumn(col);
  const providerList = PROVIDER_IDS.map((id) => PROVIDERS[id]);

  const inOrg = <T>(c: Caller, fn: (tx: OrgTx) => Promise<T>) => withOrg(db, c.orgId, c.actor, fn);
  const audit = (tx: OrgTx, c: Caller, e: { action: string; outcome?: 'allowed' | 'denied' | 'failed'; target?: { type: string; id: string }; reason?: string; metadata?: Record<string, unknown> }) =>
    appendAudit(tx, {
      action: e.action,
      actor: c.actor,
      outcome: e.outcome ?? 'allowed',
      ...(c.source ? { source: c.source } : {}),
      ...(e.reason ?? c.reason ? { reason: (e.reason ?? c.reason) as string } : {}),
      ...(e.target ? { target: e.target } : {}),
      ...(e.metadata ? { metadata: e.metadata } : {}),
    });

  /** Validates; a refusal is audited (without the value) and rethrown. */
  async function checked(c: Caller, provider: ProviderId, credential: string, action: string) {
    try {
      return checkCredential(provider, credential);
    } catch (e) {
      if (e instanceof StripeSecretKeyRefused || e instanceof IntegrationCredentialInvalid) {
        await inOrg(c, (tx) => audit(tx, c, { action, outcome: 'denied', reason: e.code, metadata: { provider } }));
      }
      throw e;
    }
  }

  return {
    providers: () => providerList,

    async connect(c, input) {
      const provider = PROVIDERS[input.provider];
      const cred = await checked(c, input.provider, input.credential, 'integration.connect_refused');
      const id = newId('int');
      const row = await inOrg(c, async (tx) => {
        const fingerprint = await keyring.fingerprint(tx, `integration:${provider.id}`, cred.value);
        const secret = await keyring.encryptField(tx, { table: TABLE, column: SECRET_COLUMN, rowId: id }, cred.value);
        const inserted = await repo.insert(tx, {
          id,
          provider: provider.id,
          name: input.name,
          fingerprint,
          last4: last4(cred.secretPart),
          scopes: provider.scopes.map((s) => s.name),
          secret,
          createdBy: c.actor.id,
          createdAt: clock.now(),
        });
        if (!inserted) throw new Conflict('An integration with this name is already connected');
        await audit(tx, c, {
          action: 'integration.connected',
          target: { type: 'integration', id },
          metadata: { provider: provider.id, name: input.name, fingerprint, scopes: inserted.scopes },
        });
        return inserted;
      });
      return view(row);
    },

    async list(c, limit, cursor) {
      const position = listCursor.decode(cursor);
      const after = position ? { createdAt: position.t, id: position.i } : null;
      const rows = await inOrg(c, async (tx) => {
        const r = await repo.list(tx, limit + 1, after);
        await audit(tx, c, { action: 'integration.listed', metadata: { count: Math.min(r.length, limit) } });
        return r;
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return { items: page.map(view), nextCursor: rows.length > limit && last ? listCursor.encode({ t: last.created_at, i: last.id }) : null };
    },

    async rotate(c, id, credential) {
      const existing = await inOrg(c, (tx) => repo.get(tx, id));
      if (!existing) throw new NotFound();
      const provider = existing.provider as ProviderId;
      const cred = await checked(c, provider, credential, 'integration.rotate_refused');
      const row = await inOrg(c, async (tx) => {
        const fingerprint = await keyring.fingerprint(tx, `integration:${provider}`, cred.value);
        const secret = await keyring.encryptField(tx, { table: TABLE, column: SECRET_COLUMN, rowId: id }, cred.value);
        const updated = await repo.replaceSecret(tx, id, { fingerprint, last4: last4(cred.secretPart), secret, rotatedAt: clock.now() });
        if (!updated) throw new NotFound();
        await audit(tx, c, { action: 'integration.rotated', target: { type: 'integration', id }, metadata: { provider, fingerprint } });
        return updated;
      });
      return view(row);
    },

    async disconnect(c, id) {
      await inOrg(c, async (tx) => {
        const removed = await repo.remove(tx, id);
        if (!removed) throw new NotFound();
        await audit(tx, c, {
          action: 'integration.disconnected',
          target: { type: 'integration', id },
          metadata: { provider: removed.provider, name: removed.name, fingerprint: removed.fingerprint },
        });
      });
    },

    async useCredential(c, id, purpose, use) {
      type Outcome = { ok: true; value: string; meta: IntegrationView } | { ok: false; error: unknown };
      const outcome = await inOrg(c, async (tx): Promise<Outcome> => {
        const row = await repo.readSecret(tx, id);
        if (!row) return { ok: false, error: new NotFound() };
        const target = { type: 'integration', id };
        try {
          const plain = await keyring.decryptField(tx, { table: TABLE, column: SECRET_COLUMN, rowId: id }, row.secret);
          const value = plain.toString('utf8');
          plain.fill(0);
          await audit(tx, c, { action: 'integration.credential_decrypted', target, metadata: { provider: row.provider, purpose } });
          return { ok: true, value, meta: view(row) };
        } catch (e) {
          // Recorded in this transaction, which commits: the failure is on the record.
          await audit(tx, c, {
            action: 'integration.credential_decrypted',
            outcome: 'failed',
            target,
            reason: e instanceof PalisadeError ? e.code : 'error',
            metadata: { provider: row.provider, purpose },
          });
          return { ok: false, error: e };
        }
      });
      if (!outcome.ok) throw outcome.error;
      return use(outcome.value, outcome.meta);
    },
  };
}
