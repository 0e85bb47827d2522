/* Reading the audit log: filtered listing, inclusion and consistency proofs, checkpoints, and the
   JSON Lines export with proofs. Claims AUD-1, AUD-2, AUD-3.

   Invariants:
   - Every read runs in the caller's organisation (withOrg: RLS plus an org_id filter) and appends
     its own audit record in the same transaction: reading the audit log is itself audited.
   - Proofs are built only from stored perfect-subtree hashes and are always against a stored,
     signed checkpoint, so a client can check them with any RFC 9162 verifier and the published
     verifier key; nothing here asks the client to trust this server.
   - `leaf` in a proof is the exact canonical bytes that were hashed (canonical.ts). */
import { appendAudit } from './append.js';
import { withOrg, type Db, type OrgTx } from '../db/index.js';
import type { Acting } from '../lib/caller.js';
import { NotFound } from '../lib/errors.js';
import { cursorCodec, cursorId, instantText } from '../lib/cursor.js';
import { z } from 'zod';
import { canonicalBytes } from './canonical.js';
import type { AuditRecord } from './canonical.js';
import { AuditNotSealed, AuditTreeSizeInvalid } from './errors.js';
import type { CheckpointKeys } from './keys.js';
import { consistencyProof, consistencyProofNodes, inclusionProof, inclusionProofNodes, mapReader } from './merkle.js';
import type { NodeRef } from './merkle.js';
import { toBase64 } from './note.js';
import * as repo from './repo.js';

/** Who is reading, from where, and why (for the audit record of the read). */
export type ReadContext = Acting;

export interface AuditEventView extends AuditRecord {
  /** Position in the organisation's tree, or null while not yet sealed. */
  readonly leafIndex: number | null;
}

export interface ProofView {
  leafIndex: number;
  treeSize: number;
  /** base64 of the canonical record bytes (the leaf data). */
  leaf: string;
  /** base64 hashes, RFC 9162 §2.1.3 order. */
  auditPath: string[];
  /** The signed checkpoint (C2SP signed note) the proof is against. */
  checkpoint: string;
  record: AuditRecord;
}

export interface CheckpointView {
  treeSize: number;
  rootHash: string;
  createdAt: string;
  checkpoint: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface AuditService {
  listEvents(ctx: ReadContext, filters: repo.EventFilters, page: { limit: number; cursor?: string | undefined }): Promise<Page<AuditEventView>>;
  proof(ctx: ReadContext, eventId: string, treeSize?: number): Promise<ProofView>;
  latestCheckpoint(ctx: ReadContext): Promise<string>;
  checkpoint(ctx: ReadContext, treeSize: number): Promise<string>;
  listCheckpoints(ctx: ReadContext, page: { limit: number; cursor?: string | undefined }): Promise<Page<CheckpointView>>;
  consistency(ctx: ReadContext, from: number, to: number): Promise<{ from: number; to: number; proof: string[] }>;
  /** JSON Lines: one `checkpoint` line, then one `record` line per sealed record with its proof. */
  exportLines(ctx: ReadContext, filters: repo.EventFilters): AsyncGenerator<string>;
  verifierKey(): Promise<string>;
  verifierKeys(): Promise<{ verifierKey: string; createdAt: string; retiredAt: string | null }[]>;
}

export interface AuditServiceDeps {
  db: Db;
  keys: CheckpointKeys;
}

const EXPORT_PAGE = 500;

/** Events descend by (occurred_at as microsecond text, id); checkpoints by tree size. */
const eventCursor = cursorCodec(z.tuple([instantText, cursorId]));
const checkpointCursor = cursorCodec(z.tuple([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]));

/** The audit record every read leaves behind. */
async function auditRead(tx: OrgTx, ctx: ReadContext, action: string, metadata: Record<string, unknown>, target?: { type: string; id: string }): Promise<void> {
  await appendAudit(tx, {
    action,
    actor: ctx.actor,
    outcome: 'allowed',
    source: ctx.source,
    ...(ctx.reason ? { reason: ctx.reason } : {}),
    ...(target ? { target } : {}),
    metadata,
  });
}

function definedFilters(f: repo.EventFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (typeof v === 'string') out[k] = v;
  return out;
}

async function nodesFor(tx: OrgTx, refs: NodeRef[]) {
  return mapReader(await repo.fetchNodes(tx, tx.orgId, refs));
}

export function createAuditService(deps: AuditServiceDeps): AuditService {
  const { db } = deps;
  const run = <T>(ctx: ReadContext, fn: (tx: OrgTx) => Promise<T>): Promise<T> => withOrg(db, ctx.orgId, ctx.actor, fn);

  async function checkpointFor(tx: OrgTx, treeSize: number | undefined): Promise<repo.CheckpointRow> {
    const cp = treeSize === undefined ? await repo.latestCheckpoint(tx) : await repo.checkpointAt(tx, treeSize);
    if (!cp) {
      if (treeSize === undefined) throw new AuditNotSealed();
      throw new AuditTreeSizeInvalid(`No checkpoint with tree size ${treeSize}`);
    }
    return cp;
  }

  return {
    async listEvents(ctx, filters, page) {
      const after = eventCursor.decode(page.cursor);
      return run(ctx, async (tx) => {
        const rows = await repo.listEvents(tx, filters, after ? { occurredAt: after[0], id: after[1] } : null, page.limit + 1);
        const more = rows.length > page.limit;
        const items = rows.slice(0, page.limit).map((r) => ({ ...repo.toRecord(r), leafIndex: r.leaf_index === null ? null : Number(r.leaf_index) }));
        await auditRead(tx, ctx, 'audit.events.list', { filters: definedFilters(filters), count: items.length });
        const last = items[items.length - 1];
        return { items, nextCursor: more && last ? eventCursor.encode([last.occurredAt, last.id]) : null };
      });
    },

    async proof(ctx, eventId, treeSize) {
      return run(ctx, async (tx) => {
        const ev = await repo.getEvent(tx, eventId);
        if (!ev) throw new NotFound();
        if (ev.leaf_index === null) throw new AuditNotSealed();
        const leafIndex = Number(ev.leaf_index);
        const cp = await checkpointFor(tx, treeSize);
        const size = Number(cp.tree_size);
        if (leafIndex >= size) {
          if (treeSize === undefined) throw new AuditNotSealed();
          throw new AuditTreeSizeInvalid(`The record is not in the tree of size ${size}`);
        }
        const read = await nodesFor(tx, inclusionProofNodes(leafIndex, size));
        const record = repo.toRecord(ev);
        await auditRead(tx, ctx, 'audit.proof.read', { treeSize: size }, { type: 'audit_event', id: eventId });
        return {
          leafIndex,
          treeSize: size,
          leaf: toBase64(canonicalBytes(record)),
          auditPath: inclusionProof(leafIndex, size, read).map(toBase64),
          checkpoint: cp.note,
          record,
        };
      });
    },

    async latestCheckpoint(ctx) {
      return run(ctx, async (tx) => {
        const cp = await repo.latestCheckpoint(tx);
        if (!cp) throw new NotFound('No checkpoint yet: the organisation has no sealed audit records');
        await auditRead(tx, ctx, 'audit.checkpoint.read', { treeSize: Number(cp.tree_size) });
        return cp.note;
      });
    },

    async checkpoint(ctx, treeSize) {
      return run(ctx, async (tx) => {
        const cp = await repo.checkpointAt(tx, treeSize);
        if (!cp) throw new NotFound('No checkpoint with that tree size');
        await auditRead(tx, ctx, 'audit.checkpoint.read', { treeSize });
        return cp.note;
      });
    },

    async listCheckpoints(ctx, page) {
      const before = checkpointCursor.decode(page.cursor)?.[0] ?? null;
      return run(ctx, async (tx) => {
        const rows = await repo.listCheckpoints(tx, before, page.limit + 1);
        const more = rows.length > page.limit;
        const items = rows.slice(0, page.limit).map((r) => ({
          treeSize: Number(r.tree_size),
          rootHash: toBase64(r.root_hash),
          createdAt: r.created_at.toISOString(),
          checkpoint: r.note,
        }));
        await auditRead(tx, ctx, 'audit.checkpoints.list', { count: items.length });
        const last = items[items.length - 1];
        return { items, nextCursor: more && last ? checkpointCursor.encode([last.treeSize]) : null };
      });
    },

    async consistency(ctx, from, to) {
      if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to) {
        throw new AuditTreeSizeInvalid('Need 0 <= from <= to');
      }
      return run(ctx, async (tx) => {
        const size = await repo.treeSize(tx);
        if (to > size) throw new AuditTreeSizeInvalid(`The tree has ${size} leaves`);
        const read = await nodesFor(tx, consistencyProofNodes(from, to));
        const proof = consistencyProof(from, to, read).map(toBase64);
        await auditRead(tx, ctx, 'audit.consistency.read', { from, to });
        return { from, to, proof };
      });
    },

    async *exportLines(ctx, filters) {
      const verifierKey = await deps.keys.activeVerifierKey();
      const cp = await run(ctx, async (tx) => {
        const c = await repo.latestCheckpoint(tx);
        await auditRead(tx, ctx, 'audit.events.export', { filters: definedFilters(filters), treeSize: c ? Number(c.tree_size) : 0 });
        return c;
      });
      if (!cp) {
        yield `${JSON.stringify({ type: 'checkpoint', treeSize: 0, checkpoint: null, verifierKey })}\n`;
        return;
      }
      const size = Number(cp.tree_size);
      yield `${JSON.stringify({ type: 'checkpoint', treeSize: size, checkpoint: cp.note, verifierKey })}\n`;
      let from = 0;
      for (;;) {
        const lines = await run(ctx, async (tx) => {
          const rows = await repo.sealedEventsByLeaf(tx, filters, from, size, EXPORT_PAGE);
          if (rows.length === 0) return null;
          const refs = rows.flatMap((r) => inclusionProofNodes(Number(r.leaf_index), size));
          const read = await nodesFor(tx, refs);
          from = Number(rows[rows.length - 1]!.leaf_index) + 1;
          return rows.map((r) => {
            const leafIndex = Number(r.leaf_index);
            const record = repo.toRecord(r);
            return `${JSON.stringify({
              type: 'record',
              leafIndex,
              treeSize: size,
              record,
              leaf: toBase64(canonicalBytes(record)),
              auditPath: inclusionProof(leafIndex, size, read).map(toBase64),
            })}\n`;
          });
        });
        if (!lines) return;
        for (const l of lines) yield l;
      }
    },

    async verifierKey() {
      const k = await deps.keys.activeVerifierKey();
      if (!k) throw new NotFound('No checkpoint key yet');
      return k;
    },

    verifierKeys: () => deps.keys.listVerifierKeys(),
  };
}
