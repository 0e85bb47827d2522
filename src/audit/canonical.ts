/* The canonical encoding of an audit record: the exact bytes that become a Merkle leaf
   (leaf hash = SHA-256(0x00 || these bytes), RFC 9162 §2.1.1). Claims AUD-2, AUD-3.

   Encoding: RFC 8785 JSON Canonicalization Scheme (JCS) of this object, UTF-8:

     { "v": 1,
       "id": "aud_…",
       "orgId": "org_…" | "platform",
       "occurredAt": "YYYY-MM-DDTHH:MM:SS.ffffffZ",      RFC 3339, UTC, always 6 fraction digits
       "action": "auth.sign_in",
       "actor":  { "type": "user"|"api_key"|"system"|"super_admin"|"anonymous", "id": string|null },
       "target": { "type": string|null, "id": string|null } | null,   null when both are null
       "outcome": "allowed"|"denied"|"failed",
       "denyLayer": string|null,
       "source": { "ip": string|null, "userAgent": string|null, "requestId": string|null },
       "reason": string|null,
       "metadata": { … } }

   Every key is always present (absent values are JSON null), so two records differ in bytes only
   if they differ in content. Microseconds because PostgreSQL's timestamptz keeps microseconds:
   the encoding must carry everything the row holds, or an edit below the millisecond would go
   unnoticed. Metadata is the jsonb value as JSON; a number that parses to ±Infinity in IEEE
   doubles (jsonb accepts 1e400) is encoded as the string "Infinity"/"-Infinity" so that encoding
   never fails (a record that cannot be encoded would stall the sealer). `v` versions the shape:
   a future change adds a new version, old leaves keep theirs. */
import canonicalize from 'canonicalize';

export const CANONICAL_VERSION = 1;

export type ActorType = 'user' | 'api_key' | 'system' | 'super_admin' | 'anonymous' | 'agent';
export type Outcome = 'allowed' | 'denied' | 'failed';

/** An audit record as it is hashed, exported and shown by the API. */
export interface AuditRecord {
  readonly id: string;
  readonly orgId: string;
  /** RFC 3339 UTC with exactly six fraction digits, e.g. 2025-01-02T03:04:05.123456Z. */
  readonly occurredAt: string;
  readonly action: string;
  readonly actor: { readonly type: ActorType; readonly id: string | null };
  readonly target: { readonly type: string | null; readonly id: string | null } | null;
  readonly outcome: Outcome;
  readonly denyLayer: string | null;
  readonly source: { readonly ip: string | null; readonly userAgent: string | null; readonly requestId: string | null };
  readonly reason: string | null;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Formats a Date as the canonical timestamp (a Date has milliseconds: the last three digits are 0). */
export function formatTimestamp(d: Date): string {
  const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ, always UTC
  if (!/^\d{4}-/.test(iso)) throw new TypeError('timestamp out of range');
  return `${iso.slice(0, 23)}000Z`;
}

/** The SQL expression that yields this format from a timestamptz lives in the repo; this is its
    pattern, exported so tests can check both agree. */
export const PG_TIMESTAMP_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';

function finiteJson(v: unknown): unknown {
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return v;
    if (Number.isNaN(v)) return 'NaN';
    return v > 0 ? 'Infinity' : '-Infinity';
  }
  if (Array.isArray(v)) return v.map(finiteJson);
  if (v !== null && typeof v === 'object') {
    // Null prototype: a metadata key named "__proto__" stays an ordinary key.
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, x] of Object.entries(v)) out[k] = finiteJson(x);
    return out;
  }
  return v;
}

/** The JCS object for a record (exposed for tests and docs; use canonicalBytes to hash). */
export function canonicalObject(r: AuditRecord): Record<string, unknown> {
  if (!TIMESTAMP_RE.test(r.occurredAt)) throw new TypeError(`occurredAt is not canonical: ${r.occurredAt}`);
  const target = r.target && (r.target.type !== null || r.target.id !== null) ? { type: r.target.type, id: r.target.id } : null;
  return {
    v: CANONICAL_VERSION,
    id: r.id,
    orgId: r.orgId,
    occurredAt: r.occurredAt,
    action: r.action,
    actor: { type: r.actor.type, id: r.actor.id },
    target,
    outcome: r.outcome,
    denyLayer: r.denyLayer,
    source: { ip: r.source.ip, userAgent: r.source.userAgent, requestId: r.source.requestId },
    reason: r.reason,
    metadata: finiteJson(r.metadata ?? {}),
  };
}

/** The canonical record bytes (UTF-8 of the RFC 8785 serialization). */
export function canonicalBytes(r: AuditRecord): Uint8Array {
  const text = canonicalize(canonicalObject(r));
  if (text === undefined) throw new TypeError('record has no JSON form');
  return new Uint8Array(Buffer.from(text, 'utf8'));
}
