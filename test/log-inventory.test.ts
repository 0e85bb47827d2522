/* The log inventory of docs/logging.md against the code (ASVS V16.1.1, V16.2.3; claims AUD-1,
   AUD-6): every audit action src/ writes and every application log event it emits is listed,
   nothing listed is gone, levels agree, no action is computed past naming, and the process log
   has one destination. test/log-inventory.ts says how the code side is read. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { actionRow, collectInventory, eventRow, type Inventory } from './log-inventory.js';

const ROOT = join(import.meta.dirname, '..');
const DOC = join(ROOT, 'docs', 'logging.md');

/** `action` values that are not audit actions, by file: helmet's X-Frame-Options setting and the
    AI consent ledger's own entry kinds (written beside their audit records, not as them). */
const NOT_AUDIT: Record<string, readonly string[]> = {
  'src/http/security-headers.ts': ['deny'],
  'src/privacy/ai/service.ts': ['granted', 'withdrawn'],
};

/** Rows of the Markdown table under a `### heading` of the document: first cell (in backticks) → the other cells. */
function tableUnder(doc: string, heading: string): Map<string, string[]> {
  const start = doc.indexOf(`\n### ${heading}\n`);
  if (start < 0) throw new Error(`docs/logging.md has no "### ${heading}" section`);
  const rest = doc.slice(start + heading.length + 6);
  const end = rest.search(/\n#{2,3} /);
  const out = new Map<string, string[]>();
  for (const line of (end < 0 ? rest : rest.slice(0, end)).split('\n')) {
    const m = /^\| `([^`]+)` \|(.*)\|\s*$/.exec(line);
    if (m) out.set(m[1]!, m[2]!.split('|').map((c) => c.trim()));
  }
  return out;
}

let inv: Inventory;
let doc: string;

beforeAll(() => {
  inv = collectInventory(ROOT);
  doc = readFileSync(DOC, 'utf8');
});

describe('log inventory (docs/logging.md)', () => {
  it('AUD-1 V16.1.1: every audit action the code writes is in the inventory, and the inventory names none the code never writes', () => {
    const listed = tableUnder(doc, 'Audit actions');
    const missing = [...inv.actions].filter(([a]) => !listed.has(a)).map(([a, sites]) => actionRow(a, sites));
    const gone = [...listed.keys()].filter((a) => !inv.actions.has(a));
    expect(missing, `audit actions written in src/ but not in docs/logging.md (rows to add):\n${missing.join('\n')}`).toEqual([]);
    expect(gone, 'actions in docs/logging.md that no code writes any more').toEqual([]);
    // The reader found the actions at all (an empty code side would make both lists trivially agree).
    expect(inv.actions.size).toBeGreaterThan(100);
    expect(inv.actions.has('backup.created') && inv.actions.has('auth.sign_in') && inv.actions.has('security.request_refused')).toBe(true);
  });

  it('AUD-1 V16.1.1: every audit action is named where it is written (no computed action escapes the inventory)', () => {
    const unexpected = inv.unresolvedActions.filter((s) => {
      const value = /^not an action name: (.*)$/.exec(s.text)?.[1];
      return !(value !== undefined && NOT_AUDIT[s.file]?.includes(value));
    });
    expect(unexpected.map((s) => `${s.file}:${s.line} ${s.text}`)).toEqual([]);
  });

  it('AUD-6 V16.2.3: every application log event (code or message) is in the inventory at its level, and none listed is gone', () => {
    const listed = tableUnder(doc, 'Application log events');
    const missing = [...inv.events].filter(([e]) => !listed.has(e)).map(([e, evs]) => eventRow(e, evs));
    const gone = [...listed.keys()].filter((e) => !inv.events.has(e));
    expect(missing, `log events in src/ but not in docs/logging.md (rows to add):\n${missing.join('\n')}`).toEqual([]);
    expect(gone, 'log events in docs/logging.md that no code emits any more').toEqual([]);
    const wrongLevel: string[] = [];
    for (const [name, evs] of inv.events) {
      const docLevels = (listed.get(name)?.[0] ?? '').split(',').map((l) => l.trim()).filter(Boolean).sort();
      const codeLevels = [...new Set(evs.map((e) => e.level).filter((l) => l !== 'forwarded'))].sort();
      // A forwarded code or message takes the forwarder's level (the Forwarders table says which).
      if (codeLevels.length && docLevels.join(',') !== codeLevels.join(',')) wrongLevel.push(`${name}: doc ${docLevels.join(',')}, code ${codeLevels.join(',')}`);
    }
    expect(wrongLevel).toEqual([]);
    expect(inv.events.has('request') && inv.events.has('PAL_WARN_DEV_MODE')).toBe(true);
  });

  it('AUD-6 V16.2.3: every forwarding log call is listed, and the listed forwarders exist', () => {
    const listed = tableUnder(doc, 'Forwarders');
    const files = [...inv.forwarders.keys()].sort();
    expect(files).toEqual([...listed.keys()].sort());
  });

  it('AUD-6 V16.2.3: the process log has one destination — only src/http/logger.ts creates a logger, and it writes to standard output', () => {
    const creators: string[] = [];
    for (const file of collectSources(join(ROOT, 'src'))) {
      const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
      for (const st of sf.statements) {
        if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !/^pino(\/|$)|^thread-stream$|^sonic-boom$/.test(st.moduleSpecifier.text)) continue;
        const c = st.importClause;
        // A type-only import (`import type { Logger } from 'pino'`) writes nothing.
        const valueImport = !c || (!c.isTypeOnly && (c.name !== undefined || (c.namedBindings !== undefined && (ts.isNamespaceImport(c.namedBindings) || c.namedBindings.elements.some((e) => !e.isTypeOnly)))));
        if (valueImport) creators.push(file.slice(ROOT.length + 1));
      }
    }
    expect(creators).toEqual(['src/http/logger.ts']);
    const logger = readFileSync(join(ROOT, 'src', 'http', 'logger.ts'), 'utf8');
    expect(logger).toContain('pino.destination(1)');
    expect(logger).not.toMatch(/pino\.transport|destination\((?!1\))/);
  });
});

function collectSources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) collectSources(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}
