/* W7 seeding: loads 10,000 organisations, 100,000 users (10 members each) and 1,000,000 audit
   records into a migrated Palisade database with COPY (one transaction per table), then ANALYZE.
   Run by `npm run bench` on its own throwaway database; also usable alone:
     node bin/run-ts.js bench/seed.ts <owner-database-url> [--orgs N] [--users N] [--audit N]
   Choices (see bench/README.md):
   - Every seeded user shares one real argon2id hash (made with Palisade's hasher): sign-in is not
     what W7 measures, and 100,000 hashes would take ~15 minutes on two cores.
   - Audit records are spread evenly over the organisations (100 each), with a mix of actions,
     outcomes and one month of timestamps.
   - The seeded records are placed behind the sealer's cursor, i.e. treated as already sealed:
     they are in no Merkle tree (computing 1,000,000 leaves is the sealer's job, measured by W5),
     so `palisade audit verify` on this database would list them. W7 measures the request path
     on a large database, nothing else. The database is thrown away after the run. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { createPasswordHasher, OWASP_DEFAULTS } from '../src/identity/passwords.js';

export interface SeedOptions {
  orgs: number;
  users: number;
  audit: number;
  log?: (m: string) => void;
}

export const FULL_SEED: SeedOptions = { orgs: 10_000, users: 100_000, audit: 1_000_000 };

export interface SeedTimings {
  orgsMs: number;
  usersMs: number;
  membershipsMs: number;
  auditMs: number;
  analyzeMs: number;
  totalMs: number;
}

const ACTIONS = ['member.list', 'auth.sign_in', 'org.update', 'api_key.create', 'member.update', 'integration.read'];
const OUTCOMES = ['allowed', 'allowed', 'allowed', 'allowed', 'denied', 'failed'];

function idOf(prefix: string, n: number, salt: string): string {
  // Deterministic, unique and id-shaped (lowercase base32-ish): prefix_salt + zero-padded n.
  return `${prefix}_${salt}${n.toString(32).padStart(12, '0')}`;
}

async function copyRows(sql: postgres.Sql, table: string, columns: string[], rows: Iterable<string>, rebuildIndexes = false): Promise<number> {
  const start = performance.now();
  await sql.begin(async (tx) => {
    // A bulk load into an indexed table is faster with the secondary indexes built once at
    // the end than maintained row by row (about 2x for audit_events). Their definitions come
    // from the catalog and are re-run verbatim inside the same transaction.
    const defs = rebuildIndexes
      ? await tx<{ name: string; def: string }[]>`
          select i.indexname as name, i.indexdef as def from pg_indexes i
            join pg_class c on c.relname = i.indexname
            join pg_index x on x.indexrelid = c.oid
           where i.schemaname = 'public' and i.tablename = ${table} and not x.indisprimary and not x.indisunique`
      : [];
    for (const d of defs) await tx`drop index ${tx(d.name)}`;
    await tx`set local maintenance_work_mem = '256MB'`;
    // Table and column names are fixed strings of this file, passed as escaped identifiers.
    const stream = await tx`copy ${tx(table)} (${tx(columns)}) from stdin`.writable();
    await pipeline(Readable.from(batched(rows), { objectMode: false }), stream);
    for (const d of defs) await tx.unsafe(d.def);
  });
  return performance.now() - start;
}

function* batched(rows: Iterable<string>): Generator<string> {
  let buf = '';
  for (const r of rows) {
    buf += r;
    if (buf.length > 1 << 16) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

export async function seedScale(ownerUrl: string, o: SeedOptions): Promise<SeedTimings> {
  const log = o.log ?? (() => {});
  const sql = postgres(ownerUrl, { max: 1, onnotice: () => {} });
  const salt = randomBytes(3).toString('hex').replace(/[0-9]/g, (d) => 'abcdefghij'[Number(d)] ?? 'a');
  const t0 = performance.now();
  try {
    const hasher = await createPasswordHasher(OWASP_DEFAULTS);
    const hash = await hasher.hash(randomBytes(16).toString('base64url'));
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const perOrg = Math.max(1, Math.floor(o.users / o.orgs));

    const orgsMs = await copyRows(sql, 'orgs', ['id', 'name', 'plan', 'created_at'], (function* () {
      for (let i = 0; i < o.orgs; i++) yield `${idOf('org', i, salt)}\tSeed Org ${i}\tfree\t${iso(now - 86_400_000 * 30)}\n`;
    })());
    log(`seed: ${o.orgs} orgs in ${(orgsMs / 1000).toFixed(1)} s`);

    const usersMs = await copyRows(sql, 'users', ['id', 'email', 'email_key', 'name', 'password_hash', 'email_verified_at', 'created_at', 'updated_at'], (function* () {
      const t = iso(now - 86_400_000 * 30);
      for (let i = 0; i < o.users; i++) {
        const email = `seed${i}.${salt}@seed.example`;
        yield `${idOf('usr', i, salt)}\t${email}\t${email}\tSeed User ${i}\t${hash}\t${t}\t${t}\t${t}\n`;
      }
    })());
    log(`seed: ${o.users} users in ${(usersMs / 1000).toFixed(1)} s`);

    const membershipsMs = await copyRows(sql, 'memberships', ['org_id', 'user_id', 'roles', 'created_at'], (function* () {
      const t = iso(now - 86_400_000 * 30);
      for (let i = 0; i < o.users; i++) {
        const org = Math.min(o.orgs - 1, Math.floor(i / perOrg));
        yield `${idOf('org', org, salt)}\t${idOf('usr', i, salt)}\t{${i % perOrg === 0 ? 'admin' : 'viewer'}}\t${t}\n`;
      }
    })());
    log(`seed: ${o.users} memberships in ${(membershipsMs / 1000).toFixed(1)} s`);

    const monthMs = 86_400_000 * 30;
    const auditMs = await copyRows(sql, 'audit_events', ['id', 'org_id', 'occurred_at', 'actor_type', 'actor_id', 'action', 'target_type', 'target_id', 'outcome', 'source_ip', 'user_agent', 'request_id', 'metadata'], (function* () {
      for (let i = 0; i < o.audit; i++) {
        const org = i % o.orgs;
        const user = org * perOrg + (i % perOrg);
        const at = iso(now - monthMs + Math.floor((i / o.audit) * monthMs));
        yield `${idOf('aud', i, salt)}\t${idOf('org', org, salt)}\t${at}\tuser\t${idOf('usr', user, salt)}\t${ACTIONS[i % ACTIONS.length]}\tmember\t${idOf('usr', user, salt)}\t${OUTCOMES[i % OUTCOMES.length]}\t127.0.0.1\tbench-seed/1\treq_seed${i}\t{}\n`;
      }
    })(), true);
    log(`seed: ${o.audit} audit records in ${(auditMs / 1000).toFixed(1)} s`);

    // Behind the sealer's cursor (see the header comment). Only when the audit module's
    // migration is present.
    const [cursorTable] = await sql`select to_regclass('public.audit_seal_cursor') is not null as present`;
    if (cursorTable?.present) {
      await sql`
        update audit_seal_cursor c set last_tx_id = m.tx_id, last_seq = m.seq, updated_at = now()
          from (select tx_id, seq from audit_events order by tx_id desc, seq desc limit 1) m`;
    }

    const a0 = performance.now();
    await sql`analyze`;
    const analyzeMs = performance.now() - a0;
    log(`seed: analyze in ${(analyzeMs / 1000).toFixed(1)} s`);
    return { orgsMs, usersMs, membershipsMs, auditMs, analyzeMs, totalMs: performance.now() - t0 };
  } finally {
    await sql.end();
  }
}

// CLI use.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const url = process.argv[2];
  if (!url) {
    process.stderr.write('usage: node bin/run-ts.js bench/seed.ts <owner-database-url> [--orgs N] [--users N] [--audit N]\n');
    process.exit(2);
  }
  const arg = (name: string, d: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : d;
  };
  const t = await seedScale(url, { orgs: arg('orgs', FULL_SEED.orgs), users: arg('users', FULL_SEED.users), audit: arg('audit', FULL_SEED.audit), log: (m) => process.stdout.write(`${m}\n`) });
  process.stdout.write(`${JSON.stringify(t)}\n`);
}
