/* Signed agents (claim WH-3). An organisation registers agents with their Ed25519 public key;
   an agent's request to POST /v1/agent/events is accepted only when:
   - it carries one RFC 9421 signature whose keyid names an active agent (the row is read on
     every request, so a revocation bites on the next one), with alg absent or "ed25519";
   - the covered components include "@method", "@path" and "content-digest", and the parameters
     include created and nonce;
   - created is within 5 minutes of our clock (either way) and expires, if given, is not past;
   - Content-Digest matches the raw body, and the Ed25519 signature verifies over the base;
   - the (agent, nonce) pair was never seen: the nonce is stored in the transaction that records
     the event, so a replay — concurrent or later — is refused.
   The organisation is the agent's: nothing in the request can name another. Every accepted
   request is audited with the agent as the actor. */
import { createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { appendAudit } from '../audit/index.js';
import { enforceNoSensitiveData } from '../crypto/index.js';
import { withOrg, withSystem, type Db, type OrgTx } from '../db/index.js';
import type { Actor, Caller, RequestSource } from '../lib/caller.js';
import type { Clock } from '../lib/clock.js';
import { NotFound } from '../lib/errors.js';
import { newId, type OrgId } from '../lib/ids.js';
import { text } from '../lib/text.js';
import { AgentEventInvalid, AgentNonceReplayed, AgentPublicKeyInvalid, AgentSignatureExpired, AgentSignatureInvalid } from './errors.js';
import * as repo from './agents-repo.js';
import { contentDigestMatches, ed25519Key, parseSignatureHeaders, signatureBase, verifyEd25519, SignatureFormatError, type SignatureRequest } from './http-signatures.js';

export const FRESHNESS_SECONDS = 300;
const REQUIRED = ['@method', '@path', 'content-digest'];

export const agentEventBody = z.strictObject({
  type: text().regex(/^[a-z][a-z0-9_.]{0,99}$/, 'a lower-case event name, e.g. login_failed_burst'),
  severity: z.enum(['info', 'low', 'medium', 'high', 'critical']),
  message: text().max(1000).optional(),
  occurredAt: text().datetime().optional(),
  details: z.record(text().max(100), z.union([text().max(1000), z.number(), z.boolean(), z.null()])).optional(),
});

export interface AgentView { id: string; name: string; status: 'active' | 'revoked'; publicKey: string; createdAt: string; revokedAt: string | null; lastSeenAt: string | null }

type AgentRow = repo.AgentRow;

export interface Agents {
  register(c: Caller, input: { name: string; publicKey: string }): Promise<AgentView>;
  list(c: Caller): Promise<AgentView[]>;
  revoke(c: Caller, id: string): Promise<AgentView>;
  /** Verifies a signed agent request and records its event; returns the agent and the audit record id. */
  receiveEvent(req: SignatureRequest, body: Uint8Array, source: RequestSource): Promise<{ agentId: string; eventId: string }>;
}

/** An Ed25519 public key given as base64/base64url of its 32 raw bytes, or as an SPKI PEM. */
export function parsePublicKey(input: string): Buffer {
  const s = input.trim();
  if (s.startsWith('-----BEGIN PUBLIC KEY-----')) {
    try {
      const key = createPublicKey(s);
      if (key.asymmetricKeyType !== 'ed25519') throw new AgentPublicKeyInvalid();
      return Buffer.from(key.export({ format: 'der', type: 'spki' }).subarray(-32));
    } catch {
      throw new AgentPublicKeyInvalid();
    }
  }
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) throw new AgentPublicKeyInvalid();
  const raw = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (raw.length !== 32) throw new AgentPublicKeyInvalid();
  try {
    ed25519Key(raw);
  } catch {
    throw new AgentPublicKeyInvalid();
  }
  return raw;
}

const view = (r: AgentRow): AgentView => ({
  id: r.id, name: r.name, status: r.status, publicKey: r.public_key.toString('base64url'), createdAt: r.created_at.toISOString(),
  revokedAt: r.revoked_at?.toISOString() ?? null, lastSeenAt: r.last_seen_at?.toISOString() ?? null,
});

export function createAgents(deps: { db: Db; clock: Clock }): Agents {
  const { db, clock } = deps;
  const inOrg = <T>(c: Caller, fn: (tx: OrgTx) => Promise<T>) => withOrg(db, c.orgId, c.actor, fn);
  const audit = (tx: OrgTx, c: Caller, action: string, id: string, metadata: Record<string, unknown> = {}) =>
    appendAudit(tx, { action, actor: c.actor, outcome: 'allowed', target: { type: 'agent', id }, source: c.source, ...(c.reason ? { reason: c.reason } : {}), metadata });

  return {
    async register(c, input) {
      const key = parsePublicKey(input.publicKey);
      const now = clock.now();
      return inOrg(c, async (tx) => {
        const id = newId('agt');
        const row = await repo.insertAgent(tx, { id, name: input.name, publicKey: key, by: c.actor.id, at: now });
        await audit(tx, c, 'agent.registered', id, { name: input.name });
        return view(row);
      });
    },

    async list(c) {
      return inOrg(c, async (tx) => {
        const rows = await repo.listAgents(tx);
        await audit(tx, c, 'agent.listed', c.orgId, { count: rows.length }); // reads are audited (AUD-1)
        return rows.map(view);
      });
    },

    async revoke(c, id) {
      const now = clock.now();
      return inOrg(c, async (tx) => {
        const row = await repo.revokeAgent(tx, id, now);
        if (!row) throw new NotFound();
        await audit(tx, c, 'agent.revoked', id);
        return view(row);
      });
    },

    async receiveEvent(req, body, source) {
      let parsed;
      try {
        parsed = parseSignatureHeaders(first(req.headers['signature-input']), first(req.headers['signature']));
      } catch (e) {
        throw new AgentSignatureInvalid({ reason: e instanceof SignatureFormatError ? e.message : 'unparsable' });
      }
      const { params } = parsed;
      if (!params.keyid || !/^agt_[a-z2-7]{26}$/.test(params.keyid)) throw new AgentSignatureInvalid({ reason: 'keyid' });
      if (params.alg !== undefined && params.alg !== 'ed25519') throw new AgentSignatureInvalid({ reason: 'alg' });
      for (const c of REQUIRED) if (!parsed.components.includes(c)) throw new AgentSignatureInvalid({ reason: `${c} not covered` });
      if (params.created === undefined || !params.nonce || params.nonce.length < 16 || params.nonce.length > 128) throw new AgentSignatureInvalid({ reason: 'created and nonce (16-128 chars) required' });
      const nowS = Math.floor(clock.now().getTime() / 1000);
      if (Math.abs(nowS - params.created) > FRESHNESS_SECONDS) throw new AgentSignatureExpired({ created: params.created, now: nowS });
      if (params.expires !== undefined && params.expires <= nowS) throw new AgentSignatureExpired({ expires: params.expires, now: nowS });
      if (!contentDigestMatches(first(req.headers['content-digest']), body)) throw new AgentSignatureInvalid({ reason: 'content-digest' });
      const agentId = params.keyid;
      const agent = await withSystem(db, (tx) => repo.agentKey(tx, agentId));
      if (!agent || agent.status !== 'active') throw new AgentSignatureInvalid({ reason: agent ? 'revoked' : 'unknown agent', agentId });
      let base: string;
      try {
        base = signatureBase(req, parsed);
      } catch (e) {
        throw new AgentSignatureInvalid({ reason: e instanceof SignatureFormatError ? e.message : 'base' });
      }
      if (!verifyEd25519(base, parsed.signature, ed25519Key(agent.public_key))) throw new AgentSignatureInvalid({ reason: 'signature', agentId });

      // Authentic. Only now is the body parsed (strict schema, DLP at the door).
      let event: z.infer<typeof agentEventBody>;
      try {
        const json: unknown = JSON.parse(Buffer.from(body).toString('utf8'));
        event = agentEventBody.parse(enforceNoSensitiveData(json));
      } catch (e) {
        if (e instanceof z.ZodError || e instanceof SyntaxError) throw new AgentEventInvalid();
        throw e;
      }
      const actor: Actor = { type: 'agent', id: agentId };
      const now = clock.now();
      const orgId = agent.org_id as OrgId;
      return withOrg(db, orgId, actor, async (tx) => {
        if (!(await repo.claimNonce(tx, agentId, params.nonce as string, now))) throw new AgentNonceReplayed({ agentId });
        await repo.agentSeen(tx, agentId, new Date(now.getTime() - 2 * FRESHNESS_SECONDS * 1000), now);
        const eventId = await appendAudit(tx, {
          action: 'agent.event_reported', actor, outcome: 'allowed', target: { type: 'agent', id: agentId }, source,
          metadata: { type: event.type, severity: event.severity, ...(event.message ? { message: event.message } : {}), ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}), ...(event.details ? { details: event.details } : {}) },
        });
        return { agentId, eventId };
      });
    },
  };
}

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(', ') : v;
}

