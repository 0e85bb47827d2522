/* VAL-2: all SQL goes through postgres.js tagged templates, which send values as bind
   parameters. The only raw statements are a reviewed handful of fixed-identifier DDL; any new
   raw call site fails this test until it is reviewed and listed here with its reason.
   Two checks: a text scan for raw calls, and one on the type-checked program (the TypeScript
   compiler API), which finds every reference to the driver's string-taking members (`unsafe`,
   `file`) whatever its spelling — an alias (`const run = sql.unsafe`), a destructuring
   (`const { unsafe } = sql`), a bracket access (`sql['unsafe']`), a `.call`/`.bind` — because it
   resolves each name to its declaration in the postgres.js types (issue 21: a query built as a
   string through an alias of sql.unsafe passed the text scan). */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [p] : [];
  });
}

/** file → the exact raw-SQL lines allowed there, and why. */
const REVIEWED_RAW_SQL: Record<string, Array<{ line: string; why: string }>> = {
  'src/db/roles.ts': [{ line: 'await tx.unsafe(q.stmt);', why: 'ALTER ROLE takes no bind parameters; the statement comes from format(%I, %L) run by the server on a fixed role name and a generated password' }],
  'src/db/connect.ts': [{ line: 'if (!row) await sql.unsafe(`create database ${name}`); // fixed identifier, not input', why: 'CREATE DATABASE for the embedded server; name is the constant "palisade"' }],
};

/* The type-checked analysis loads the whole program: tens of seconds, more on a busy machine. It
   runs once here, bounded only by this hook's generous limit (a hang guard, not a speed
   expectation, as in src/trust/typescript.test.ts). */
let references: Array<{ file: string; line: string; how: string }> = [];
beforeAll(() => {
  references = rawSqlReferences();
}, 20 * 60_000);

describe('SQL safety', () => {
  it('VAL-2: no string-built SQL: raw statements appear only at reviewed call sites', () => {
    const found: string[] = [];
    for (const file of sources(join(ROOT, 'src'))) {
      const rel = relative(ROOT, file);
      readFileSync(file, 'utf8').split('\n').forEach((text, i) => {
        if (!/\.unsafe\s*\(|\.query\s*\(\s*[`'"]|\bsql\.file\s*\(/.test(text)) return;
        const ok = REVIEWED_RAW_SQL[rel]?.some((r) => text.trim() === r.line);
        if (!ok) found.push(`${rel}:${i + 1}: ${text.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('VAL-2: application code uses only the postgres.js driver (no second, string-query client)', () => {
    const offenders = sources(join(ROOT, 'src'))
      .filter((f) => /from ['"]pg['"]|require\(['"]pg['"]\)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    // One reviewed exception: graphile-worker runs on node-postgres, so the job queue hands it a
    // pg.Pool — and never sends a statement through it itself.
    const JOB_RUNNER = 'src/jobs/queue.ts';
    expect(readFileSync(join(ROOT, JOB_RUNNER), 'utf8')).not.toMatch(/\.query\(/);
    expect(offenders.filter((f) => f !== JOB_RUNNER)).toEqual([]);
  });

  it('VAL-2: every reviewed raw call site still exists (the list cannot rot)', () => {
    for (const [file, lines] of Object.entries(REVIEWED_RAW_SQL)) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const l of lines) expect(text, `${file}: ${l.why}`).toContain(l.line);
    }
  });

  it('VAL-2: no reference to the driver\'s raw members (unsafe, file) outside the reviewed call sites, however it is spelled (type-checked)', () => {
    const found = references;
    const unreviewed = found.filter((f) => !REVIEWED_RAW_SQL[f.file]?.some((r) => f.line === r.line)).map((f) => `${f.file}: ${f.line} (${f.how})`);
    expect(unreviewed).toEqual([]);
    // Not vacuous: the reviewed sites themselves are found by the same analysis.
    for (const [file, lines] of Object.entries(REVIEWED_RAW_SQL)) {
      for (const l of lines) expect(found.some((f) => f.file === file && f.line === l.line), `${file}: ${l.line}`).toBe(true);
    }
  });
});

const RAW_MEMBERS = new Set(['unsafe', 'file']);

/** Is this symbol the postgres.js driver's `unsafe` or `file` member? */
function isDriverRawMember(symbol: ts.Symbol | undefined): boolean {
  if (!symbol || !RAW_MEMBERS.has(symbol.getName())) return false;
  return (symbol.declarations ?? []).some((d) => /[\\/]node_modules[\\/]postgres[\\/]/.test(d.getSourceFile().fileName));
}

/** Every place in application code (src/, not tests) that names the driver's raw members. */
function rawSqlReferences(): Array<{ file: string; line: string; how: string }> {
  const configPath = join(ROOT, 'tsconfig.json');
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, (f) => ts.sys.readFile(f)).config, ts.sys, ROOT);
  const program = ts.createProgram({ rootNames: sources(join(ROOT, 'src')), options: { ...parsed.options, noEmit: true } });
  const checker = program.getTypeChecker();
  const out: Array<{ file: string; line: string; how: string }> = [];
  for (const sf of program.getSourceFiles()) {
    const rel = relative(ROOT, sf.fileName);
    if (!rel.startsWith('src/') || rel.endsWith('.test.ts')) continue;
    const lines = sf.text.split('\n');
    const report = (node: ts.Node, how: string): void => {
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      out.push({ file: rel, line: (lines[line] ?? '').trim(), how });
    };
    const visit = (node: ts.Node): void => {
      // Names are filtered by text first (cheap); only candidates are resolved by the checker.
      if (ts.isPropertyAccessExpression(node)) {
        if (RAW_MEMBERS.has(node.name.text) && isDriverRawMember(checker.getSymbolAtLocation(node.name))) report(node, `.${node.name.text}`);
      }
      else if (ts.isElementAccessExpression(node)) {
        const arg = node.argumentExpression;
        // A computed member of a driver object: a raw member by name, or a name only known at run
        // time (array indexing and other literal keys cannot reach a raw member).
        const candidate = !ts.isNumericLiteral(arg) && !(ts.isStringLiteralLike(arg) && !RAW_MEMBERS.has(arg.text));
        if (candidate && checker.getTypeAtLocation(node.expression).getProperties().some((p) => isDriverRawMember(p))) report(node, 'computed member');
      } else if (ts.isBindingElement(node) && ts.isObjectBindingPattern(node.parent)) {
        const nameNode = node.propertyName ?? node.name;
        const key = ts.isIdentifier(nameNode) || ts.isStringLiteralLike(nameNode) ? nameNode.text : null;
        if (key === null || RAW_MEMBERS.has(key)) {
          const type = checker.getTypeAtLocation(node.parent);
          const hit = key === null ? type.getProperties().some((p) => isDriverRawMember(p)) : isDriverRawMember(type.getProperty(key));
          if (hit) report(node, 'destructured');
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}
