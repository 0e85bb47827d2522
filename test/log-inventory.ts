/* What the code can write to its two logs, found statically in src/ (tests excluded), for the
   inventory in docs/logging.md (ASVS V16.1.1, V16.2.3). Parsing only (no type checker): fast,
   and strict — a site this reader cannot name is reported, never skipped.

   Audit actions. Every record goes through appendAudit (src/audit/append.ts; audit/repo.ts holds
   the only INSERT). An action is named where it is written:
   - as the value of an `action` property (`{ action: 'member.invite', … }`), or
   - as the argument of a function or method whose parameter is called `action` (local audit
     helpers such as `audit(actor, 'backup.created', …)`), matched by callee name across src/.
   A value is resolved when it is a string literal, a conditional or `??`/`||` of resolvable values,
   or a const declared in the same file with such a value. A value that only passes an action on
   (`r.action`, a parameter named `action`) adds none. Anything else is unresolved: the test fails
   on it, so a computed action cannot slip past the inventory.

   Application log events. Every pino call (`<…log|logger>.<level>(…)`) names its event by a
   literal `code` field (PAL_…) when it has one, else by its literal message. Codes handed to a
   forwarding function (`warn('PAL_WARN_…', …)`) are found as PAL_… string literals anywhere. A call
   whose message is not a literal and carries no literal code is a forwarder: it is listed by file
   and must be in the inventory's forwarders table. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface Site {
  file: string;
  line: number;
  text: string;
  /** What the writing site says about the record, where it says it literally. */
  targetTypes?: string[];
  metadataKeys?: string[];
}

export interface LogEvent {
  /** The PAL_… code, or the literal message when there is none. */
  name: string;
  level: string;
  file: string;
  /** Keys of the call's object argument (besides the code). */
  fields: string[];
}

export interface Inventory {
  actions: Map<string, Site[]>;
  unresolvedActions: Site[];
  events: Map<string, LogEvent[]>;
  /** Files holding a log call whose message is not a literal and carries no literal code. */
  forwarders: Map<string, Site[]>;
}

const ACTION_RE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;
const CODE_RE = /^PAL_[A-Z0-9_]+$/;
const LEVELS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
const LOGGER_RE = /(^|\.)(log|logger)$/i;

function walkFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walkFiles(p, out);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts') && e.name !== 'testing.ts') out.push(p);
  }
  return out;
}

function stringOf(n: ts.Node): string | null {
  return ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : null;
}

/** Callees (function, const arrow, method) with a parameter called `action`: name → file → index. */
function actionParams(sources: ts.SourceFile[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const sf of sources) {
    const note = (name: string | undefined, params: ts.NodeArray<ts.ParameterDeclaration>): void => {
      const i = params.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === 'action');
      if (!name || i < 0) return;
      const byFile = out.get(name) ?? new Map<string, number>();
      byFile.set(sf.fileName, i);
      out.set(name, byFile);
    };
    const visit = (n: ts.Node): void => {
      if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isMethodSignature(n)) && n.name && (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name))) note(n.name.text, n.parameters);
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))) note(n.name.text, n.initializer.parameters);
      if (ts.isPropertyAssignment(n) && ts.isIdentifier(n.name) && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))) note(n.name.text, n.initializer.parameters);
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

/** The file a relative import names (`./x.js` → x.ts, a directory → its index.ts). */
function importedFile(from: string, spec: string): string[] {
  const base = join(from, '..', spec.replace(/\.js$/, ''));
  return [`${base}.ts`, join(base, 'index.ts')];
}

export function collectInventory(root: string): Inventory {
  const files = walkFiles(join(root, 'src'));
  const sources = files.map((f) => ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS));
  const params = actionParams(sources);
  const byPath = new Map(sources.map((x) => [x.fileName, x]));
  const inv: Inventory = { actions: new Map(), unresolvedActions: [], events: new Map(), forwarders: new Map() };
  for (const sf of sources) {
    const file = relative(root, sf.fileName);
    const site = (n: ts.Node): Site => ({ file, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1, text: n.getText(sf).slice(0, 120) });
    const consts = new Map<string, ts.Expression>();
    const collectConsts = (n: ts.Node): void => {
      if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && ts.isVariableDeclarationList(n.parent) && (n.parent.flags & ts.NodeFlags.Const)) consts.set(n.name.text, n.initializer);
      ts.forEachChild(n, collectConsts);
    };
    collectConsts(sf);
    /** Imported names → the files they may come from (re-exports through an index are followed once). */
    const imports = new Map<string, string[]>();
    for (const st of sf.statements) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.moduleSpecifier.text.startsWith('.')) continue;
      const named = st.importClause?.namedBindings;
      if (!named || !ts.isNamedImports(named)) continue;
      const targets = importedFile(sf.fileName, st.moduleSpecifier.text);
      const reexports = targets.flatMap((t) => {
        const idx = byPath.get(t);
        return idx ? idx.statements.flatMap((x) => ts.isExportDeclaration(x) && x.moduleSpecifier && ts.isStringLiteral(x.moduleSpecifier) ? importedFile(t, x.moduleSpecifier.text) : []) : [];
      });
      for (const el of named.elements) imports.set(el.name.text, [...targets, ...reexports]);
    }
    /** Which argument of a call to `name` is its action: the local declaration, else the imported one, else one all declarations agree on. */
    const actionIndex = (name: string): number | undefined => {
      const byFile = params.get(name);
      if (!byFile) return undefined;
      const local = byFile.get(sf.fileName);
      if (local !== undefined) return local;
      for (const f of imports.get(name) ?? []) {
        const i = byFile.get(f);
        if (i !== undefined) return i;
      }
      const all = new Set(byFile.values());
      return all.size === 1 ? [...all][0] : undefined;
    };

    /** The actions an expression can take; null when it cannot be resolved; [] for a pass-through. */
    const resolve = (e: ts.Expression, depth = 0): string[] | null => {
      if (depth > 5) return null;
      const s = stringOf(e);
      if (s !== null) return [s];
      if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) return resolve(e.expression, depth + 1);
      if (ts.isConditionalExpression(e)) {
        const a = resolve(e.whenTrue, depth + 1);
        const b = resolve(e.whenFalse, depth + 1);
        return a && b ? [...a, ...b] : null;
      }
      if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
        const a = resolve(e.left, depth + 1);
        const b = resolve(e.right, depth + 1);
        return a && b ? [...a, ...b] : null;
      }
      // Pass-throughs: the action was named where it was first written.
      if (ts.isPropertyAccessExpression(e) && e.name.text === 'action') return [];
      if (ts.isIdentifier(e)) {
        if (e.text === 'action') return [];
        const init = consts.get(e.text);
        return init ? resolve(init, depth + 1) : null;
      }
      return null;
    };
    const keysOf = (o: ts.ObjectLiteralExpression): string[] => o.properties.flatMap((p) => p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : []);
    /** Target type and metadata keys from the object the action is written in, or the helper call's other arguments. */
    const details = (e: ts.Expression): Pick<Site, 'targetTypes' | 'metadataKeys'> => {
      const targetTypes: string[] = [];
      const metadataKeys: string[] = [];
      const fromTarget = (t: ts.Expression): void => {
        if (!ts.isObjectLiteralExpression(t)) return;
        for (const p of t.properties) if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'type') { const v = stringOf(p.initializer); if (v) targetTypes.push(v); }
      };
      const owner = e.parent;
      if (ts.isPropertyAssignment(owner) && ts.isObjectLiteralExpression(owner.parent)) {
        for (const p of owner.parent.properties) {
          if (!ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name)) continue;
          if (p.name.text === 'target') fromTarget(p.initializer);
          if (p.name.text === 'metadata' && ts.isObjectLiteralExpression(p.initializer)) metadataKeys.push(...keysOf(p.initializer));
        }
      } else if (ts.isCallExpression(owner)) {
        for (const a of owner.arguments) {
          if (!ts.isObjectLiteralExpression(a)) continue;
          const k = keysOf(a);
          if (k.includes('type') && k.includes('id') && k.length === 2) fromTarget(a);
          else metadataKeys.push(...k);
        }
      }
      return { ...(targetTypes.length ? { targetTypes } : {}), ...(metadataKeys.length ? { metadataKeys } : {}) };
    };
    const addAction = (e: ts.Expression): void => {
      const r = resolve(e);
      if (r === null) { inv.unresolvedActions.push(site(e)); return; }
      for (const a of r) {
        if (!ACTION_RE.test(a)) { inv.unresolvedActions.push({ ...site(e), text: `not an action name: ${a}` }); continue; }
        const list = inv.actions.get(a) ?? [];
        list.push({ ...site(e), ...details(e) });
        inv.actions.set(a, list);
      }
    };
    const addEvent = (name: string, level: string, fields: string[] = []): void => {
      const list = inv.events.get(name) ?? [];
      list.push({ name, level, file, fields });
      inv.events.set(name, list);
    };

    const visit = (n: ts.Node): void => {
      // Audit: `action: …` in an object literal (types, schemas and destructuring are not object literals).
      if (ts.isPropertyAssignment(n) && ts.isObjectLiteralExpression(n.parent) && (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name)) && n.name.text === 'action') {
        // A schema (`text()`), a boolean flag or a function are not actions.
        if (!ts.isCallExpression(n.initializer) && n.initializer.kind !== ts.SyntaxKind.TrueKeyword && n.initializer.kind !== ts.SyntaxKind.FalseKeyword) addAction(n.initializer);
      }
      if (ts.isShorthandPropertyAssignment(n) && n.name.text === 'action' && ts.isObjectLiteralExpression(n.parent)) {
        const init = consts.get('action');
        if (init) addAction(init);
      }
      if (ts.isCallExpression(n)) {
        const callee = n.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
        // Audit: the `action` argument of a helper.
        const i = name ? actionIndex(name) : undefined;
        if (i !== undefined && n.arguments[i] && !ts.isSpreadElement(n.arguments[i]!) && !ts.isObjectLiteralExpression(n.arguments[i]!)) {
          const arg = n.arguments[i]!;
          if (!(LEVELS.has(name ?? '') && ts.isPropertyAccessExpression(callee))) addAction(arg);
        }
        // Logs: <…log|logger>.<level>(obj?, msg?)
        if (ts.isPropertyAccessExpression(callee) && LEVELS.has(callee.name.text) && LOGGER_RE.test(callee.expression.getText(sf).replace(/\?/g, ''))) {
          const level = callee.name.text;
          const [first, second] = n.arguments;
          let code: string | null = null;
          if (first && ts.isObjectLiteralExpression(first)) {
            for (const p of first.properties) {
              if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'code') {
                const s = stringOf(p.initializer);
                if (s !== null && CODE_RE.test(s)) code = s;
              }
            }
          }
          const msg = second ? stringOf(second) : first ? stringOf(first) : null;
          const fields = first && ts.isObjectLiteralExpression(first) ? keysOf(first).filter((k) => !(k === 'code' && code)) : [];
          if (code) addEvent(code, level, fields);
          else if (msg !== null) addEvent(msg, level, fields);
          else {
            const list = inv.forwarders.get(file) ?? [];
            list.push(site(n));
            inv.forwarders.set(file, list);
          }
        }
      }
      // Messages handed to forwarders: `onError('…', e)` (logged at error by the composition root)
      // and a bare `log('…')` / `deps.log('…')` (the database launcher's and webhooks' callbacks).
      if (ts.isCallExpression(n) && n.arguments[0]) {
        const callee = n.expression;
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : null;
        const msg = stringOf(n.arguments[0]);
        if (msg !== null && name === 'onError') addEvent(msg, 'error');
        if (msg !== null && name === 'log') addEvent(msg, 'forwarded');
      }
      // Codes handed to forwarders (`warn('PAL_WARN_…', …)`), wherever they are written.
      if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && CODE_RE.test(n.text)) {
        const already = inv.events.get(n.text)?.some((e) => e.file === file);
        if (!already) addEvent(n.text, 'forwarded');
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return inv;
}

const modulesOf = (files: string[]): string => [...new Set(files.map((f) => f.replace(/^src\//, '').replace(/\.ts$/, '')))].sort().map((f) => `\`${f}\``).join(', ');
const uniq = (xs: string[]): string[] => [...new Set(xs)].sort();

/** The inventory row of an audit action, as docs/logging.md writes it. */
export function actionRow(action: string, sites: Site[]): string {
  const targets = uniq(sites.flatMap((s) => s.targetTypes ?? []));
  const meta = uniq(sites.flatMap((s) => s.metadataKeys ?? []));
  return `| \`${action}\` | ${targets.length ? targets.join(', ') : '—'} | ${meta.length ? meta.join(', ') : '—'} | ${modulesOf(sites.map((s) => s.file))} |`;
}

/** The inventory row of a log event. */
export function eventRow(name: string, events: LogEvent[]): string {
  const levels = uniq(events.map((e) => e.level));
  const fields = uniq(events.flatMap((e) => e.fields));
  return `| \`${name}\` | ${levels.join(', ')} | ${fields.length ? fields.join(', ') : '—'} | ${modulesOf(events.map((e) => e.file))} |`;
}
