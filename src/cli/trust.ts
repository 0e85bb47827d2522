/* `palisade trust claims [--json]`: the registry with each claim's status against the evidence
   recorded for this install's own source. `palisade trust evidence [--save]`: which evidence
   counts and why; --save copies the last whole-suite run's evidence to evidence/ for a release
   commit (docs/trust.md). `palisade trust declare|declarations|withdraw`: the operator's
   declarations, shown on the trust page as declared with their dates (never as verified). */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '../db/index.js';
import { withSystem } from '../db/index.js';
import { cliDatabase } from './database.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { newId } from '../lib/ids.js';
import { CLAIMS, claimStatuses } from '../trust/claims.js';
import { DECLARATION_CATEGORIES, insertDeclaration, listDeclarations, withdrawDeclaration, type DeclarationCategory } from '../trust/repo.js';
import { checkEvidenceFile, COMMITTED_EVIDENCE, describeEvidence, evidenceForThisInstall, passedTests, RUN_EVIDENCE } from '../trust/evidence.js';
import { PROJECT_ROOT } from '../trust/source.js';

const USAGE = `usage: palisade trust claims [--json]
       palisade trust evidence [--save]
       palisade trust declare <category> --title <text> --date <YYYY-MM-DD> [--until <YYYY-MM-DD>] [--url <https://…>] [--detail <text>] [--claim <ID>] [--by <name>]
       palisade trust declarations [--all] [--json]
       palisade trust withdraw <declaration id>

  categories: ${DECLARATION_CATEGORIES.join(', ')} (claim: a declared claim of the registry, with --claim)
`;

export interface TrustCliContext {
  db?: Db;
  clock?: Clock;
  out?: { write(s: string): unknown };
  err?: { write(s: string): unknown };
  root?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function runTrust(argv: string[], ctx: TrustCliContext = {}): Promise<number> {
  const out = ctx.out ?? process.stdout;
  const err = ctx.err ?? process.stderr;
  const root = ctx.root ?? PROJECT_ROOT;
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean' }, save: { type: 'boolean' }, all: { type: 'boolean' },
        title: { type: 'string' }, date: { type: 'string' }, until: { type: 'string' }, url: { type: 'string' }, detail: { type: 'string' }, claim: { type: 'string' }, by: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    err.write(`palisade trust: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals[0] === 'declare' || positionals[0] === 'declarations' || positionals[0] === 'withdraw') {
    return declarations(positionals, values, { ...ctx, out, err });
  }
  const { source, state } = evidenceForThisInstall(root);
  if (positionals[0] === 'claims') {
    const report = claimStatuses({ passed: passedTests(state) });
    if (values.json) {
      out.write(`${JSON.stringify(report.map(({ id, kind, status, tests }) => ({ id, kind, status, tests })), null, 2)}\n`);
    } else {
      err.write(`${describeEvidence(state, source.hash)}\n`);
      for (const r of report) out.write(`${r.id.padEnd(8)} ${r.status.padEnd(10)} ${r.summary}\n`);
    }
    return 0;
  }
  if (positionals[0] === 'evidence') {
    if (values.save) {
      const run = checkEvidenceFile(join(root, RUN_EVIDENCE));
      if (!run?.ok) {
        err.write(`palisade trust evidence --save: ${RUN_EVIDENCE} ${run ? `is not valid (${run.reason})` : 'does not exist: run npm test first'}\n`);
        return 1;
      }
      if (run.evidence.sourceHash !== source.hash) {
        err.write(`palisade trust evidence --save: ${RUN_EVIDENCE} was recorded for ${run.evidence.sourceHash}, the source is now ${source.hash}: run npm test again\n`);
        return 1;
      }
      mkdirSync(dirname(join(root, COMMITTED_EVIDENCE)), { recursive: true });
      copyFileSync(join(root, RUN_EVIDENCE), join(root, COMMITTED_EVIDENCE));
      out.write(`saved ${COMMITTED_EVIDENCE} (${run.evidence.passed.length} passed tests, source ${source.hash}); commit it with the source\n`);
      return 0;
    }
    out.write(`${JSON.stringify({ sourceHash: source.hash, sourceFiles: source.files, evidence: state.state, file: 'file' in state ? state.file : null, summary: describeEvidence(state, source.hash) }, null, 2)}\n`);
    return state.state === 'bound' ? 0 : 1;
  }
  err.write(USAGE);
  return 2;
}

type Values = { json?: boolean | undefined; all?: boolean | undefined; title?: string | undefined; date?: string | undefined; until?: string | undefined; url?: string | undefined; detail?: string | undefined; claim?: string | undefined; by?: string | undefined };

async function declarations(positionals: string[], v: Values, ctx: TrustCliContext & { out: { write(s: string): unknown }; err: { write(s: string): unknown } }): Promise<number> {
  const { out, err } = ctx;
  const usage = (m: string) => {
    err.write(`palisade trust ${positionals[0] ?? ''}: ${m}\n${USAGE}`);
    return 2;
  };
  let input: Parameters<typeof insertDeclaration>[1] | null = null;
  if (positionals[0] === 'declare') {
    const category = positionals[1] as DeclarationCategory | undefined;
    if (!category || !DECLARATION_CATEGORIES.includes(category)) return usage(`a category is needed: ${DECLARATION_CATEGORIES.join(', ')}`);
    const title = v.title?.trim() ?? '';
    if (!title || title.length > 200 || /[\u0000-\u001f\u007f]/.test(title)) return usage('--title is required (1 to 200 characters, no control characters)');
    if (!v.date || !DATE.test(v.date) || Number.isNaN(Date.parse(v.date))) return usage('--date YYYY-MM-DD is required (when the fact holds from)');
    if (v.until !== undefined && (!DATE.test(v.until) || Number.isNaN(Date.parse(v.until)) || v.until < v.date)) return usage('--until must be a date YYYY-MM-DD not before --date');
    if (v.url !== undefined && !/^https:\/\/[^\s]+$/.test(v.url)) return usage('--url must be an https:// URL');
    if ((v.detail?.length ?? 0) > 2000) return usage('--detail is at most 2000 characters');
    if (category === 'claim') {
      const claim = CLAIMS.find((c) => c.id === v.claim);
      if (!claim || claim.kind !== 'declared') return usage(`--claim must name a declared claim of the registry: ${CLAIMS.filter((c) => c.kind === 'declared').map((c) => c.id).join(', ')}`);
    } else if (v.claim !== undefined) {
      return usage('--claim goes only with the category claim');
    }
    const by = v.by?.trim() || process.env.USER || 'operator';
    input = {
      id: newId('dcl'), category, claimId: category === 'claim' ? v.claim ?? null : null, title, detail: v.detail ?? '', url: v.url ?? null,
      dated: v.date, validUntil: v.until ?? null, declaredBy: by.slice(0, 200), declaredAt: (ctx.clock ?? systemClock).now().toISOString(),
    };
  } else if (positionals[0] === 'withdraw' && !positionals[1]) {
    return usage('the id of the declaration to withdraw is needed');
  }
  const { db, close } = await cliDatabase(ctx.db);
  try {
    if (input) {
      const row = input;
      await withSystem(db, (tx) => insertDeclaration(tx, row));
      out.write(`declared ${row.id}: ${row.category}${row.claimId ? ` ${row.claimId}` : ''} "${row.title}" from ${row.dated}${row.validUntil ? ` until ${row.validUntil}` : ''}\n`);
      return 0;
    }
    if (positionals[0] === 'withdraw') {
      const id = positionals[1] ?? '';
      const done = await withSystem(db, (tx) => withdrawDeclaration(tx, id, (ctx.clock ?? systemClock).now()));
      if (!done) {
        err.write(`palisade trust withdraw: no standing declaration ${id}\n`);
        return 1;
      }
      out.write(`withdrew ${id}\n`);
      return 0;
    }
    const list = await withSystem(db, (tx) => listDeclarations(tx, { includeWithdrawn: v.all ?? false }));
    if (v.json) out.write(`${JSON.stringify(list, null, 2)}\n`);
    else for (const d of list) out.write(`${d.id}  ${d.category.padEnd(13)} ${(d.claimId ?? '').padEnd(8)} ${d.dated}${d.validUntil ? `..${d.validUntil}` : ''}  ${d.title}${d.withdrawnAt ? `  (withdrawn ${d.withdrawnAt})` : ''}\n`);
    return 0;
  } finally {
    await close();
  }
}
