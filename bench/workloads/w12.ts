/* W12 privacy (issue 17, "Performance"), in-process against a clone of the bench template
   seeded directly by SQL as the owner (as W7 and W8 seed):
   - export: a person with 10,000 audit records. Palisade's export as its job builds it —
     buildArchive (every registry section, in one system transaction, JSON) and the archive sealed
     under the person's subject key (keyring.encryptField) — against a bare SELECT * of the same
     audit rows on the same pool (repo.bareAuditRows, postgres.js, same system transaction).
     Target ≤ 3×. Storing the sealed archive (object storage) is not part of either side.
   - erasure: erasePerson (what the privacy.erase job calls) for a person with 10 audit records
     against one with 100,000; each has a membership and a subject key (destroyed by the erasure).
     Target: ratio ≤ 2 (erasure time independent of the person's history).
   `--smoke`: 1,000 records; 10 vs 5,000. Rounds interleave the two sides; medians reported. */
import postgres from 'postgres';
import { appendAudit } from '../../src/audit/index.js';
import { createKeyring } from '../../src/crypto/keyring.js';
import { localKekProvider, staticKekSet } from '../../src/crypto/index.js';
import { createDb, withOrg, withSystem, type Actor, type Db } from '../../src/db/index.js';
import { systemClock } from '../../src/lib/clock.js';
import { newId, type OrgId } from '../../src/lib/ids.js';
import { erasePerson } from '../../src/privacy/erasure.js';
import { buildArchive } from '../../src/privacy/export.js';
import { bareAuditRows } from '../../src/privacy/repo.js';
import type { Ctx } from '../lib/context.js';
import { median } from '../lib/measure.js';
import { BENCH_KEK } from '../lib/palisade.js';
import { createDatabase } from '../lib/pg.js';
import { makeRow, skippedRow, type Goal, type Row } from '../lib/report.js';
import { systemUrl } from './w6.js';

const EXPORT_GOAL: Goal = { on: 'ratio', max: 3, text: '≤ 3× bare SELECT' };
const ERASURE_GOAL: Goal = { on: 'ratio', max: 2, text: '≤ 2 (large / small)' };
const ACTOR: Actor = { type: 'system', id: 'bench' };
const PLATFORM = 'platform' as OrgId;

const ms = (t0: number) => performance.now() - t0;

/** A person (viewer of the bench org, so erasure is not refused) with `records` audit records naming them. */
async function seedPerson(owner: postgres.Sql, orgId: string, tag: string, records: number): Promise<string> {
  const id = newId('usr');
  const email = `${id}@w12.bench.example`;
  await owner.begin(async (tx) => {
    await tx`insert into users (id, email, email_key, name, password_hash, password_changed_at, email_verified_at)
             values (${id}, ${email}, ${email}, ${`W12 ${tag}`}, null, now(), now())`;
    await tx`insert into memberships (org_id, user_id, roles) values (${orgId}, ${id}, ${['viewer']})`;
    // Spread over a month, a mix of actions and outcomes, as the W7 seed.
    await tx`
      insert into audit_events (id, org_id, occurred_at, actor_type, actor_id, action, target_type, target_id, outcome, source_ip, user_agent, request_id, metadata)
      select ${id.replace('usr_', 'aud_w12')} || lpad(to_hex(g), 8, '0'), ${orgId},
             now() - interval '30 days' + (g * (interval '30 days' / ${records}::int)),
             'user', ${id}, (array['member.listed', 'org.updated', 'auth.signed_in', 'vault.file.read'])[1 + g % 4],
             'member', ${id}, (array['allowed', 'allowed', 'denied', 'failed'])[1 + g % 4],
             '127.0.0.1', 'bench-w12/1', 'req_w12' || g, '{}'::jsonb
      from generate_series(1, ${records}::int) g`;
  });
  return id;
}

/** A subject key for the person in the platform chain, as their TOTP secret or an export makes one. */
async function giveSubjectKey(db: Db, keyring: ReturnType<typeof createKeyring>, userId: string): Promise<void> {
  await withOrg(db, PLATFORM, ACTOR, (tx) => keyring.encryptField(tx, { table: 'mfa_totp', column: 'secret', rowId: userId }, 'w12', { subjectId: userId }));
}

export async function w12(ctx: Ctx): Promise<Row[]> {
  const exportN = ctx.smoke ? 1_000 : 10_000;
  const small = 10;
  const large = ctx.smoke ? 5_000 : 100_000;
  const exportRounds = ctx.smoke ? 3 : 7;
  const erasureRounds = ctx.smoke ? 2 : 3;
  const exportWorkload = `W12 export of a person with ${exportN.toLocaleString('en-US')} audit records vs bare SELECT`;
  const erasureWorkload = `W12 erasure, person with ${large.toLocaleString('en-US')} vs ${small} audit records`;
  const exportLabels = { ours: 'buildArchive + seal', baseline: 'bare SELECT * of the audit rows' };
  const erasureLabels = { ours: `erasePerson, ${large.toLocaleString('en-US')} records`, baseline: `erasePerson, ${small} records` };

  const url = await createDatabase(ctx.superUrl, 'palisade_w12', 'palisade_tpl');
  const sys = await systemUrl(url);
  if (!sys) {
    const why = 'no palisade_system secret in the bench template';
    return [skippedRow(exportWorkload, 'ms', why, EXPORT_GOAL, exportLabels), skippedRow(erasureWorkload, 'ms', why, ERASURE_GOAL, erasureLabels)];
  }
  const owner = postgres(url, { max: 1, onnotice: () => {} });
  const db = createDb({ appUrl: ctx.template.appUrl(url), systemUrl: sys, appMax: 4 });
  const keyring = createKeyring({ record: appendAudit, db, keks: staticKekSet(localKekProvider(Buffer.from(BENCH_KEK, 'base64'))), clock: systemClock });
  const orgId = ctx.template.orgId;
  try {
    // ---- seed
    const s0 = performance.now();
    const exporter = await seedPerson(owner, orgId, 'export', exportN);
    await giveSubjectKey(db, keyring, exporter);
    const warm = await seedPerson(owner, orgId, 'warm-up', small);
    await giveSubjectKey(db, keyring, warm);
    const pairs: Array<{ small: string; large: string }> = [];
    for (let r = 0; r < erasureRounds; r++) {
      const p = { small: await seedPerson(owner, orgId, `small ${r}`, small), large: await seedPerson(owner, orgId, `large ${r}`, large) };
      await giveSubjectKey(db, keyring, p.small);
      await giveSubjectKey(db, keyring, p.large);
      pairs.push(p);
    }
    await owner`analyze audit_events`;
    await owner`analyze users`;
    ctx.log(`  seeded ${exportN} + ${erasureRounds} × (${small} + ${large}) audit records in ${(ms(s0) / 1000).toFixed(1)} s`);

    // ---- export
    let archiveBytes = 0;
    let auditInArchive = -1;
    const exportOnce = async (): Promise<number> => {
      const t0 = performance.now();
      const now = new Date();
      const { json } = await withSystem(db, (tx) => buildArchive(tx.sql, { exportId: newId('exp'), userId: exporter, scope: null, now }));
      const bytes = Buffer.from(json);
      await withOrg(db, PLATFORM, ACTOR, (tx) => keyring.encryptField(tx, { table: 'privacy_exports', column: 'archive', rowId: 'w12' }, bytes, { subjectId: exporter }));
      const t = ms(t0);
      archiveBytes = bytes.length;
      auditInArchive = ((JSON.parse(json) as { data: Record<string, unknown[]> }).data['audit.events'] ?? []).length;
      return t;
    };
    let bareRows = -1;
    const bareOnce = async (): Promise<number> => {
      const t0 = performance.now();
      bareRows = await withSystem(db, (tx) => bareAuditRows(tx, exporter));
      return ms(t0);
    };
    await exportOnce(); // warm-up (JIT, pool, plan cache), both sides
    await bareOnce();
    const ours: number[] = [];
    const bare: number[] = [];
    for (let r = 0; r < exportRounds; r++) {
      if (r % 2 === 0) { ours.push(await exportOnce()); bare.push(await bareOnce()); } else { bare.push(await bareOnce()); ours.push(await exportOnce()); }
    }
    if (bareRows !== exportN) throw new Error(`W12: the bare SELECT read ${bareRows} rows, expected ${exportN}`);
    const exportRow = makeRow({
      workload: exportWorkload, unit: 'ms',
      ours: { label: exportLabels.ours, value: median(ours), rounds: ours.length },
      baseline: { label: exportLabels.baseline, value: median(bare), rounds: bare.length },
      goal: EXPORT_GOAL,
    }, !ctx.smoke);
    exportRow.note = `median of ${exportRounds} interleaved runs each; archive ${(archiveBytes / 2 ** 20).toFixed(1)} MiB, ${auditInArchive >= 0 ? auditInArchive : '?'} audit records in it, bare SELECT ${bareRows} rows`;

    // ---- erasure
    const eraseOnce = async (userId: string): Promise<number> => {
      const t0 = performance.now();
      const res = await erasePerson({ db, keyring, clock: systemClock }, userId, { actor: ACTOR });
      if (res.keysDestroyed < 1) throw new Error(`W12: erasure of ${userId} destroyed no key`);
      return ms(t0);
    };
    await eraseOnce(warm); // warm-up: the first erasure of a process pays for JIT and plans
    const eSmall: number[] = [];
    const eLarge: number[] = [];
    for (const [r, p] of pairs.entries()) {
      if (r % 2 === 0) { eSmall.push(await eraseOnce(p.small)); eLarge.push(await eraseOnce(p.large)); } else { eLarge.push(await eraseOnce(p.large)); eSmall.push(await eraseOnce(p.small)); }
    }
    const [left] = await owner<{ n: number }[]>`select count(*)::int as n from users where id = any(${pairs.flatMap((p) => [p.small, p.large])})`;
    if ((left?.n ?? -1) !== 0) throw new Error(`W12: ${left?.n} erased persons still have an account row`);
    const erasureRow = makeRow({
      workload: erasureWorkload, unit: 'ms',
      ours: { label: erasureLabels.ours, value: median(eLarge), rounds: eLarge.length },
      baseline: { label: erasureLabels.baseline, value: median(eSmall), rounds: eSmall.length },
      goal: ERASURE_GOAL,
    }, !ctx.smoke);
    erasureRow.note = `median of ${erasureRounds} erasures each, interleaved after one warm-up erasure (each person: one membership, one subject key destroyed); runs ms: large ${eLarge.map((x) => x.toFixed(0)).join(', ')}; small ${eSmall.map((x) => x.toFixed(0)).join(', ')}`;
    return [exportRow, erasureRow];
  } finally {
    await owner.end();
    await db.close();
  }
}
