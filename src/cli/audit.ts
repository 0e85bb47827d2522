/* `palisade audit verify [--org <id>] [--vkey <name+hash+key>]... [--json]`
   Recomputes the audit Merkle trees from the records and checks every stored checkpoint
   (signature, root, consistency with the previous one). Exit 0 when clean, 1 when anything is
   wrong (the first problem is printed first, with organisation, leaf index and event id), 2 on
   usage errors. Progress goes to stderr. Claim AUD-3. */
import { parseArgs } from 'node:util';
import type { Sql } from 'postgres';
import { loadConfig } from '../config/load.js';
import { connectDatabase } from '../db/index.js';
import { parseVerifierKey, storedVerifiers, verifyAuditLog, type NoteVerifier, type VerifyReport } from '../audit/index.js';

export interface AuditCliContext {
  /** A platform-path (palisade_system) connection. Without it the command connects from the configuration. */
  sql?: Sql;
  retentionDays?: number;
  now?: Date;
  out?: { write(s: string): unknown };
  err?: { write(s: string): unknown; isTTY?: boolean };
}

const USAGE = `Usage: palisade audit verify [--org <id>] [--vkey <name+hash+key>]... [--json]

  --org <id>     verify one organisation's tree only ('platform' for platform events)
  --vkey <key>   trust only this checkpoint verifier key (repeatable; as published at
                 GET /v1/audit/verifier-key). Without it the keys stored in the database are used.
  --json         print the full report as JSON
`;

export async function runAuditCommand(argv: string[], ctx: AuditCliContext = {}): Promise<number> {
  const out = ctx.out ?? process.stdout;
  const err = ctx.err ?? process.stderr;
  const [sub, ...rest] = argv;
  if (sub !== 'verify') {
    err.write(sub ? `palisade audit: unknown subcommand '${sub}'\n\n${USAGE}` : USAGE);
    return 2;
  }
  let values: { org?: string | undefined; vkey?: string[] | undefined; json?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { org: { type: 'string' }, vkey: { type: 'string', multiple: true }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    err.write(`palisade audit verify: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  let pinned: NoteVerifier[] = [];
  try {
    pinned = (values.vkey ?? []).map(parseVerifierKey);
  } catch (e) {
    err.write(`palisade audit verify: bad --vkey: ${(e as Error).message}\n`);
    return 2;
  }

  let sql = ctx.sql;
  let close = async (): Promise<void> => {};
  let retentionDays = ctx.retentionDays;
  if (!sql) {
    const config = loadConfig();
    const database = await connectDatabase({
      databaseUrl: config.DATABASE_URL,
      appUrl: config.DATABASE_APP_URL,
      systemUrl: config.DATABASE_SYSTEM_URL,
      dataDir: config.PALISADE_DATA_DIR,
      poolMax: 1,
      // Beside a running deployment on the embedded database: read its cluster, do not start one.
      attach: true,
    });
    sql = database.db.system;
    close = () => database.close();
    retentionDays ??= config.AUDIT_RETENTION_DAYS;
  }
  try {
    const verifiers = pinned.length ? pinned : await storedVerifiers(sql);
    let lastProgress = 0;
    const report = await verifyAuditLog({
      sql,
      verifiers,
      keySource: pinned.length ? 'pinned' : 'database',
      retentionDays: retentionDays ?? 1095,
      now: ctx.now ?? new Date(),
      orgId: values.org,
      onProgress: (p) => {
        const t = Date.now();
        if (t - lastProgress < 500 && p.leavesDone < p.leavesTotal) return;
        lastProgress = t;
        const pct = p.leavesTotal ? Math.floor((100 * p.leavesDone) / p.leavesTotal) : 100;
        err.write(`${err.isTTY ? '\r' : ''}verifying ${p.orgId}: ${p.leavesDone}/${p.leavesTotal} leaves (${pct}%)${err.isTTY ? '' : '\n'}`);
      },
    });
    if (err.isTTY) err.write('\n');
    out.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.ok ? 0 : 1;
  } finally {
    await close();
  }
}

export function formatReport(r: VerifyReport): string {
  const lines: string[] = [];
  const where = (p: VerifyReport['problems'][number]): string =>
    [`org ${p.orgId}`, p.leafIndex !== null ? `leaf ${p.leafIndex}` : null, p.eventId ? `event ${p.eventId}` : null, p.treeSize !== null ? `tree size ${p.treeSize}` : null]
      .filter(Boolean)
      .join(', ');
  const first = r.problems[0];
  if (r.ok) lines.push(`audit verify: OK — ${r.orgs.length} organisation tree(s) verified`);
  else {
    lines.push(`audit verify: FAILED — ${r.problems.length} problem(s)`);
    if (first) lines.push(`first problem: ${where(first)}: ${first.kind}: ${first.message}`);
    for (const p of r.problems) lines.push(`  - ${where(p)}: ${p.kind}: ${p.message}`);
  }
  for (const o of r.orgs) {
    lines.push(`${o.orgId} (${o.origin}): ${o.leavesChecked}/${o.treeSize} leaves, ${o.checkpointsChecked} checkpoint(s), ${o.recordsPruned} record(s) past retention, ${o.problems.length} problem(s)`);
  }
  if (r.keySource === 'database') lines.push('note: checkpoint keys were read from the database; pass --vkey with the published key to pin it');
  return `${lines.join('\n')}\n`;
}
