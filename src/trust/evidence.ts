/* Test evidence bound to the source it tested (TRUST-1). A whole-suite run (`npm test`) writes
   test-results/claims-evidence.json: the passed tests, the source hash taken when the run
   started (source.ts), and a digest over both. A release commits a copy as
   evidence/claims-evidence.json (`palisade trust evidence --save`), so a clone or an install of
   that commit carries the evidence for its own source.
   Invariants:
   - Evidence counts only when its source hash equals the hash of the code that is running; a
     single changed file anywhere under the hashed roots and nothing is verified.
   - A file whose digest does not match its contents (edited by hand, truncated, a test name
     added) is tampered: then no file counts, not even another valid one — fail closed.
   - The digest is not a signature: it catches edits that do not recompute it, not a forger with
     write access to the install. The defence against that is reproduction (docs/trust.md): run
     `npm test` on the same commit and compare source hash and passed list. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, sourceHash, type SourceHash } from './source.js';

export const EVIDENCE_FORMAT = 'palisade-evidence/1';
/** Written by the whole-suite test run (not tracked by git). */
export const RUN_EVIDENCE = 'test-results/claims-evidence.json';
/** Committed with a release, beside the source it vouches for. */
export const COMMITTED_EVIDENCE = 'evidence/claims-evidence.json';

export interface EvidenceFile {
  format: typeof EVIDENCE_FORMAT;
  sourceHash: string;
  sourceFiles: number;
  finishedAt: string;
  node: string;
  passed: string[];
  digest: string;
}

export type EvidenceBody = Omit<EvidenceFile, 'digest' | 'format'>;

/** The digest over everything but itself (scripts/check-log-audit.mjs computes the same). */
export function evidenceDigest(e: Omit<EvidenceFile, 'digest'>): string {
  const canonical = JSON.stringify([e.format, e.sourceHash, e.sourceFiles, e.finishedAt, e.node, e.passed]);
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

export function sealEvidence(body: EvidenceBody): EvidenceFile {
  const passed = [...new Set(body.passed)].sort();
  const unsealed = { format: EVIDENCE_FORMAT, sourceHash: body.sourceHash, sourceFiles: body.sourceFiles, finishedAt: body.finishedAt, node: body.node, passed } as const;
  return { ...unsealed, digest: evidenceDigest(unsealed) };
}

export type EvidenceState =
  | { state: 'bound'; file: string; evidence: EvidenceFile }
  | { state: 'missing' }
  | { state: 'tampered'; file: string; reason: string }
  | { state: 'source_differs'; file: string; evidenceSource: string; finishedAt: string };

/** Checks one file's shape and digest; null when it does not exist. */
export function checkEvidenceFile(path: string): { ok: true; evidence: EvidenceFile } | { ok: false; reason: string } | null {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  let e: Partial<EvidenceFile>;
  try {
    e = JSON.parse(raw) as Partial<EvidenceFile>;
  } catch {
    return { ok: false, reason: 'not valid JSON' };
  }
  if (e === null || typeof e !== 'object' || e.format !== EVIDENCE_FORMAT) return { ok: false, reason: 'unknown format' };
  if (typeof e.sourceHash !== 'string' || typeof e.sourceFiles !== 'number' || typeof e.finishedAt !== 'string' || typeof e.node !== 'string'
    || !Array.isArray(e.passed) || !e.passed.every((p) => typeof p === 'string') || typeof e.digest !== 'string') {
    return { ok: false, reason: 'missing or mistyped fields' };
  }
  const evidence = e as EvidenceFile;
  const sorted = [...new Set(evidence.passed)].sort();
  if (sorted.length !== evidence.passed.length || sorted.some((p, i) => p !== evidence.passed[i])) return { ok: false, reason: 'passed list not sorted and unique' };
  if (evidenceDigest(evidence) !== evidence.digest) return { ok: false, reason: 'digest does not match the contents' };
  return { ok: true, evidence };
}

/** The evidence that counts for the code running at `root` whose source hash is `currentHash`. */
export function loadEvidence(currentHash: string, root = PROJECT_ROOT, files: readonly string[] = [RUN_EVIDENCE, COMMITTED_EVIDENCE]): EvidenceState {
  let bound: EvidenceState | null = null;
  let differs: EvidenceState | null = null;
  for (const f of files) {
    const checked = checkEvidenceFile(join(root, f));
    if (checked === null) continue;
    if (!checked.ok) return { state: 'tampered', file: f, reason: checked.reason };
    if (checked.evidence.sourceHash === currentHash) bound ??= { state: 'bound', file: f, evidence: checked.evidence };
    else differs ??= { state: 'source_differs', file: f, evidenceSource: checked.evidence.sourceHash, finishedAt: checked.evidence.finishedAt };
  }
  return bound ?? differs ?? { state: 'missing' };
}

/** One sentence for the trust page and the CLI. */
export function describeEvidence(s: EvidenceState, currentHash: string): string {
  switch (s.state) {
    case 'bound':
      return `Test evidence from ${s.evidence.finishedAt} (${s.file}) was recorded for exactly this source (${currentHash}).`;
    case 'missing':
      return 'No test evidence is installed: no claim is shown as verified. Run the test suite (npm test) to produce it.';
    case 'tampered':
      return `The evidence file ${s.file} was altered (${s.reason}): no claim is shown as verified.`;
    case 'source_differs':
      return `The installed evidence (${s.file}, ${s.finishedAt}) was recorded for source ${s.evidenceSource}, but this install runs ${currentHash}: no claim is shown as verified.`;
  }
}

/** This install's source hash and the evidence that counts for it. */
export function evidenceForThisInstall(root = PROJECT_ROOT): { source: SourceHash; state: EvidenceState } {
  const source = sourceHash(root);
  return { source, state: loadEvidence(source.hash, root) };
}

/** The passed tests that count (none unless bound). */
export function passedTests(state: EvidenceState): readonly string[] {
  return state.state === 'bound' ? state.evidence.passed : [];
}
