/* Data loss prevention at the door: payment card and bank data are refused before a handler
   runs, and scrubbed from log lines. Claims DLP-1, DLP-2, DLP-3, AUD-6.

   Invariants
   - No finding, error message or scrubbed line ever contains the detected value. A JSON path
     names where it was; an object key that itself holds such a number is shown as [redacted].
   - Card numbers (PAN): any run of 13–19 digits, optionally separated by single spaces or dashes,
     that passes the Luhn check and whose issuer identification number (IIN) and length belong to
     a card network (CARD_NETWORKS: every network's assigned prefixes, each with the lengths it
     issues). A tenth of all digit runs pass Luhn; the IIN check is what keeps timestamps
     (1733…, 20241207…), order numbers and zero-filled ids from being refused as cards, while a
     real card number, which always carries its network's IIN, still is (issue 20). Windows of
     whole digit groups are checked, so "ref 12 4111 1111 1111 1111" is found; a single
     unseparated run longer than 19 digits is an identifier, not a card. JSON integers above
     2^53 cannot be checked exactly: one with a card network's IIN and length is refused.
   - Fields that are never stored (passwords, one-time codes, tokens: a route lists them in
     `dlpSkipPaths`) are not inspected: refusing a password because it looks like a card number
     protects nothing (it is hashed, never kept) and locks the user out. Logs redact them by name
     (src/http/logger.ts), so they reach neither storage nor a log line.
   - CVV/CVC: only by field name (or "cvv"/"cvc"/"security code" right before 3–4 digits in
     text) — three digits alone are everywhere.
   - IBAN: a known country code, that country's exact length, and ISO 13616 mod-97 = 1.
   - ABA routing numbers: 9 digits with a valid Federal Reserve prefix and the ABA checksum, and
     only where context marks them (a field name, or words like routing/ABA/account nearby);
     bank account numbers (no checksum exists) only by field name or an "account number"
     phrase. This keeps false positives low on ordinary 9-digit ids.
   - A detector, not an adversary-proof filter: a client that spells a number out in words
     can get past it. It keeps honest mistakes (a pasted card) out of storage and logs. */
import { SensitiveDataRefused, type SensitiveKind } from './errors.js';

export type { SensitiveKind };

/** Where sensitive data was found. Never carries the value. */
export interface SensitiveFinding {
  /** JSON path, e.g. `$.payment.card` or `$.items[2].note`. */
  path: string;
  kind: SensitiveKind;
  /** True when the path is in `allowMaskPaths` and the value is text that can be masked to last 4. */
  maskable: boolean;
}

export interface FindOptions {
  /** JSON paths of free-text fields (evidence text) where findings are masked to the last 4
      characters instead of refused. `[*]` matches any array index: `$.notes[*].text`. */
  allowMaskPaths?: readonly string[];
  /** JSON paths of fields that are never stored (a password, a one-time code, a token): not
      inspected at all. Same syntax as allowMaskPaths. */
  skipPaths?: readonly string[];
}

// ---- checksums

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const ABA_PREFIX = /^(0[0-9]|1[0-2]|2[1-9]|3[0-2]|6[1-9]|7[0-2]|80)/;

/** ABA routing number: Federal Reserve prefix and 3-7-1 weighted checksum. */
export function abaValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || !ABA_PREFIX.test(digits)) return false;
  const d = [...digits].map(Number) as [number, number, number, number, number, number, number, number, number];
  const sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
  return sum % 10 === 0 && digits !== '000000000';
}

/** IBAN lengths by country (SWIFT IBAN registry, plus the partial-IBAN countries). */
const IBAN_LENGTH: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AO: 25, AT: 20, AZ: 28, BA: 20, BE: 16, BF: 28, BG: 22, BH: 22, BI: 27,
  BJ: 28, BR: 29, BY: 28, CF: 27, CG: 27, CH: 21, CI: 28, CM: 27, CR: 22, CV: 25, CY: 28, CZ: 24,
  DE: 22, DJ: 27, DK: 18, DO: 28, DZ: 26, EE: 20, EG: 29, ES: 24, FI: 18, FK: 18, FO: 18, FR: 27,
  GA: 27, GB: 22, GE: 22, GI: 23, GL: 18, GQ: 27, GR: 27, GT: 28, GW: 25, HN: 28, HR: 21, HU: 28,
  IE: 22, IL: 23, IQ: 23, IR: 26, IS: 26, IT: 27, JO: 30, KM: 27, KW: 30, KZ: 20, LB: 28, LC: 32,
  LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MA: 28, MC: 27, MD: 24, ME: 22, MG: 27, MK: 19, ML: 28,
  MN: 20, MR: 27, MT: 31, MU: 30, MZ: 25, NE: 28, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28,
  PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24,
  SM: 27, SN: 28, SO: 23, ST: 25, SV: 28, TD: 27, TG: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22,
  VG: 24, XK: 20, YE: 30,
};

/** ISO 13616: known country, exact length, mod-97 of the rearranged number is 1. */
export function ibanValid(input: string): boolean {
  const s = input.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(s)) return false;
  if (IBAN_LENGTH[s.slice(0, 2)] !== s.length) return false;
  const r = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of r) {
    const c = ch.charCodeAt(0);
    const v = c <= 57 ? c - 48 : c - 55; // A=10 … Z=35
    rem = v < 10 ? (rem * 10 + v) % 97 : (rem * 100 + v) % 97;
  }
  return rem === 1;
}

/** Each network's IIN ranges (inclusive, compared on the number's leading digits, as many as
    the bounds have) and the card lengths it issues. Where sources disagree on lengths, the
    wider set is kept (fail closed). Sources: ISO/IEC 7812 registrations as published by the
    networks (Visa, Mastercard, Amex, Discover/Diners, JCB, UnionPay, Mir, RuPay, Verve, Troy,
    UATP, Maestro). */
export const CARD_NETWORKS: ReadonlyArray<{ name: string; ranges: ReadonlyArray<readonly [string, string]>; lengths: readonly number[] }> = [
  { name: 'visa', ranges: [['4', '4']], lengths: [13, 14, 15, 16, 17, 18, 19] },
  { name: 'mastercard', ranges: [['51', '55'], ['2221', '2720']], lengths: [16] },
  { name: 'amex', ranges: [['34', '34'], ['37', '37']], lengths: [15] },
  { name: 'discover', ranges: [['6011', '6011'], ['644', '649'], ['65', '65'], ['622126', '622925']], lengths: [16, 17, 18, 19] },
  { name: 'jcb', ranges: [['3528', '3589']], lengths: [16, 17, 18, 19] },
  { name: 'diners', ranges: [['300', '305'], ['3095', '3095'], ['36', '36'], ['38', '39']], lengths: [14, 15, 16, 17, 18, 19] },
  { name: 'mir', ranges: [['2200', '2204']], lengths: [16, 17, 18, 19] },
  { name: 'unionpay', ranges: [['62', '62'], ['81', '81']], lengths: [14, 15, 16, 17, 18, 19] },
  { name: 'rupay', ranges: [['60', '60'], ['652', '653'], ['82', '82'], ['508', '508'], ['353', '353'], ['356', '356']], lengths: [16] },
  { name: 'verve', ranges: [['506099', '506198'], ['507865', '507964'], ['650002', '650027']], lengths: [16, 18, 19] },
  { name: 'troy', ranges: [['9792', '9792']], lengths: [16] },
  { name: 'maestro', ranges: [['50', '50'], ['56', '69']], lengths: [13, 14, 15, 16, 17, 18, 19] },
  { name: 'uatp', ranges: [['1', '1']], lengths: [15] },
];

function inRange(digits: string, [lo, hi]: readonly [string, string]): boolean {
  const head = digits.slice(0, lo.length);
  return head.length === lo.length && head >= lo && head <= hi;
}

/** The card network whose IIN ranges and lengths fit these digits, or null: then it is no card. */
export function cardNetwork(digits: string): string | null {
  for (const n of CARD_NETWORKS) {
    if (n.lengths.includes(digits.length) && n.ranges.some((r) => inRange(digits, r))) return n.name;
  }
  return null;
}

// ---- text scanning

/** A detected span in a string: [start, end) in UTF-16 code units. */
export interface SensitiveSpan {
  start: number;
  end: number;
  kind: SensitiveKind;
}

export interface ScanOptions {
  /** The surrounding field marks bank data (its name says routing/ABA/account/bank). */
  bankContext?: boolean;
  /** The surrounding field is a card security code field. */
  cvvField?: boolean;
}

const DIGIT_RUN = /\d+(?:[ -]\d+)*/g;
const BANK_WORDS = /routing|\baba\b|\brtn\b|account|\bacct\b|\bbank|\bach\b|\btransit\b|\bwire\b/i;
const CVV_TEXT = /\b(?:cvv2?|cvc2?|csc|cvn|security\s+code|card\s+code|verification\s+code)\b\W{0,3}(\d{3,4})(?!\d)/gi;
const ACCOUNT_TEXT = /\b(?:bank\s+)?(?:account|acct|a\/c)\.?\s*(?:number|num|no\.?|nr|#)\s*[:#]?\s*(\d(?:[ -]?\d){5,16})(?!\d)/gi;
const IBAN_START = /[A-Za-z]{2}\d{2}/g;
const NINE_DIGITS = /(?<!\d)\d{9}(?!\d)/g;
const BANK_NEAR = 40;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function scanIbans(s: string, out: SensitiveSpan[]): void {
  IBAN_START.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IBAN_START.exec(s)) !== null) {
    const start = m.index;
    if (start > 0 && isAlnum(s.charCodeAt(start - 1))) continue;
    const want = IBAN_LENGTH[s.slice(start, start + 2).toUpperCase()];
    if (want === undefined) continue;
    let count = 0;
    let i = start;
    const chars: string[] = [];
    while (i < s.length && count < want) {
      const c = s.charCodeAt(i);
      if (isAlnum(c)) {
        chars.push(s[i] as string);
        count++;
        i++;
      } else if (c === 32 && count > 0 && i + 1 < s.length && isAlnum(s.charCodeAt(i + 1))) {
        i++;
      } else break;
    }
    if (count !== want || (i < s.length && isAlnum(s.charCodeAt(i)))) {
      IBAN_START.lastIndex = start + 1;
      continue;
    }
    if (ibanValid(chars.join(''))) {
      out.push({ start, end: i, kind: 'iban' });
      IBAN_START.lastIndex = i;
    } else {
      IBAN_START.lastIndex = start + 1;
    }
  }
}

/** Sorted, merged intervals with a binary-search overlap test: keeps scanning O(n log n) even
    for hostile input with many candidates. */
function coverage(spans: readonly SensitiveSpan[]): (start: number, end: number) => boolean {
  const merged = mergeSpans(spans);
  return (start, end) => {
    let lo = 0;
    let hi = merged.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((merged[mid] as SensitiveSpan).end <= start) lo = mid + 1;
      else hi = mid;
    }
    const m = merged[lo];
    return m !== undefined && m.start < end;
  };
}

const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

function scanPans(s: string, out: SensitiveSpan[], inIban: (start: number, end: number) => boolean): void {
  DIGIT_RUN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DIGIT_RUN.exec(s)) !== null) {
    const run = m[0];
    const base = m.index;
    // The run's digits, and prefix sums of plain and doubled values by index parity, so the Luhn
    // sum of any window is O(1): the rightmost digit is plain, then they alternate.
    const compact = run.replace(/[ -]/g, '');
    const n = compact.length;
    if (n < 13 || (n > 19 && n === run.length)) continue; // too short, or one identifier-length run
    const plain = [new Int32Array(n + 1), new Int32Array(n + 1)];
    const dbl = [new Int32Array(n + 1), new Int32Array(n + 1)];
    const groups: Array<{ start: number; end: number; from: number; to: number }> = [];
    let k = 0;
    let gStart = -1;
    for (let i = 0; i <= run.length; i++) {
      const c = i < run.length ? run.charCodeAt(i) : 32;
      if (c >= 48 && c <= 57) {
        if (gStart < 0) gStart = i;
        const d = c - 48;
        for (const par of [0, 1] as const) {
          (plain[par] as Int32Array)[k + 1] = (plain[par] as Int32Array)[k] as number + (k % 2 === par ? d : 0);
          (dbl[par] as Int32Array)[k + 1] = (dbl[par] as Int32Array)[k] as number + (k % 2 === par ? (DOUBLED[d] as number) : 0);
        }
        k++;
      } else if (gStart >= 0) {
        const len = i - gStart;
        groups.push({ start: base + gStart, end: base + i, from: k - len, to: k });
        gStart = -1;
      }
    }
    const sum = (arr: Int32Array[], par: number, from: number, to: number) => ((arr[par] as Int32Array)[to] as number) - ((arr[par] as Int32Array)[from] as number);
    for (let i = 0; i < groups.length; i++) {
      const gi = groups[i] as (typeof groups)[number];
      for (let j = i; j < groups.length; j++) {
        const gj = groups[j] as (typeof groups)[number];
        const len = gj.to - gi.from;
        if (len > 19) break;
        if (len < 13) continue;
        const rightPar = (gj.to - 1) % 2; // parity of the rightmost digit: plain; the other parity doubled
        const total = sum(plain, rightPar, gi.from, gj.to) + sum(dbl, 1 - rightPar, gi.from, gj.to);
        if (total % 10 === 0 && cardNetwork(compact.slice(gi.from, gj.to)) !== null && !inIban(gi.start, gj.end)) {
          out.push({ start: gi.start, end: gj.end, kind: 'pan' });
        }
      }
    }
  }
}

/** Joins overlapping spans (card windows can overlap) so each character is replaced once. */
function mergeSpans(spans: readonly SensitiveSpan[]): SensitiveSpan[] {
  const out: SensitiveSpan[] = [];
  for (const sp of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && sp.start < last.end) last.end = Math.max(last.end, sp.end);
    else out.push({ ...sp });
  }
  return out;
}

const HAS_DIGIT = /\d/;

/** Finds card numbers, IBANs, and context-marked routing/account numbers and security codes in
    free text. Spans are sorted by start; card spans may overlap one another (each is one
    Luhn-valid window of 13–19 digits). */
export function scanText(s: string, opts: ScanOptions = {}): SensitiveSpan[] {
  if (!HAS_DIGIT.test(s)) return []; // every detector needs a digit
  const ibans: SensitiveSpan[] = [];
  scanIbans(s, ibans);
  const spans: SensitiveSpan[] = [...ibans];
  scanPans(s, spans, coverage(ibans));

  let covered = coverage(spans);
  const found: SensitiveSpan[] = [];
  NINE_DIGITS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NINE_DIGITS.exec(s)) !== null) {
    const start = m.index;
    const end = start + 9;
    if (!abaValid(m[0]) || covered(start, end)) continue;
    const near = s.slice(Math.max(0, start - BANK_NEAR), Math.min(s.length, end + BANK_NEAR));
    if (opts.bankContext || BANK_WORDS.test(near)) found.push({ start, end, kind: 'aba_routing' });
  }
  spans.push(...found);
  covered = coverage(spans);
  found.length = 0;
  ACCOUNT_TEXT.lastIndex = 0;
  while ((m = ACCOUNT_TEXT.exec(s)) !== null) {
    const digits = m[1] as string;
    const start = m.index + m[0].length - digits.length;
    const end = m.index + m[0].length;
    if (!covered(start, end)) found.push({ start, end, kind: 'bank_account' });
  }
  spans.push(...found);
  covered = coverage(spans);
  found.length = 0;
  CVV_TEXT.lastIndex = 0;
  while ((m = CVV_TEXT.exec(s)) !== null) {
    const code = m[1] as string;
    const end = m.index + m[0].length;
    const start = end - code.length;
    if (!covered(start, end)) found.push({ start, end, kind: 'cvv' });
  }
  spans.push(...found);
  if (opts.cvvField && /^\s*\d{3,4}\s*$/.test(s) && spans.length === 0) {
    const start = s.search(/\d/);
    spans.push({ start, end: start + s.trim().length, kind: 'cvv' });
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Replaces every detected number with `[redacted:<kind>]`. For the log redactor (AUD-6). */
export function scrubText(s: string): string {
  const spans = mergeSpans(scanText(s));
  if (spans.length === 0) return s;
  let out = '';
  let at = 0;
  for (const sp of spans) {
    out += `${s.slice(at, sp.start)}[redacted:${sp.kind}]`;
    at = sp.end;
  }
  return out + s.slice(at);
}

/** Masks every letter and digit except the last four, keeping separators:
    "4111 1111 1111 1111" → "**** **** **** 1111". */
export function maskToLast4(s: string): string {
  let keep = 4;
  const chars = [...s];
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i] as string;
    if (/[A-Za-z0-9]/.test(c)) {
      if (keep > 0) keep--;
      else chars[i] = '*';
    }
  }
  return chars.join('');
}

function maskSpans(s: string, spans: readonly SensitiveSpan[]): string {
  let out = '';
  let at = 0;
  for (const sp of mergeSpans(spans)) {
    const text = s.slice(sp.start, sp.end);
    out += s.slice(at, sp.start) + (sp.kind === 'cvv' ? text.replace(/\d/g, '*') : maskToLast4(text));
    at = sp.end;
  }
  return out + s.slice(at);
}

// ---- field names

function norm(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}
/** "bankAccount_no" → ["bank", "account", "no"]. */
function words(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}
const CVV_FIELD = /(cvv2?|cvc2?|csc|cvn|cvd|cav2|securitycode|verificationcode|verificationvalue)$|^cardcode$/;
const ROUTING_FIELD = /^(aba|abanumber|abaroutingnumber|rtn|routing|routingnumber|routingno|routingtransitnumber|bankrouting|bankroutingnumber|transitnumber)$/;
const ACCOUNT_FIELD = /^(bank)?(account|acct|ac)(number|num|no|nr)$|^bankaccount$|^bankacct$/;
const BANK_WORD_SET = new Set(['routing', 'aba', 'rtn', 'account', 'acct', 'bank', 'iban', 'ach', 'transit', 'wire']);

function fieldFlags(key: string | null): { cvv: boolean; routing: boolean; account: boolean; bank: boolean } {
  if (key === null) return { cvv: false, routing: false, account: false, bank: false };
  const n = norm(key);
  return {
    cvv: CVV_FIELD.test(n),
    routing: ROUTING_FIELD.test(n),
    account: ACCOUNT_FIELD.test(n),
    bank: words(key).some((w) => BANK_WORD_SET.has(w)),
  };
}

/** Findings for one scalar. `key` is the property name holding it (null in arrays/root). */
function scalarFindings(value: string | number, key: string | null): { spans: SensitiveSpan[]; whole: SensitiveKind[] } {
  const f = fieldFlags(key);
  const whole: SensitiveKind[] = [];
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || !Number.isInteger(value)) return { spans: [], whole };
    const abs = Math.abs(value);
    if (!Number.isSafeInteger(abs)) {
      // Precision is already lost (the Luhn digit is gone), but the leading digits and the length
      // are exact: one that a card network issues might have been a card.
      if (abs < 1e19 && cardNetwork(BigInt(abs).toString()) !== null) whole.push('pan');
      return { spans: [], whole };
    }
    const digits = String(abs);
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && cardNetwork(digits) !== null) whole.push('pan');
    if (f.cvv && abs <= 9999) whole.push('cvv');
    if (f.routing && abaValid(digits.padStart(9, '0'))) whole.push('aba_routing');
    if (f.account && digits.length >= 4 && digits.length <= 17) whole.push('bank_account');
    return { spans: [], whole };
  }
  const spans = scanText(value, { bankContext: f.bank, cvvField: f.cvv });
  const compact = value.replace(/[ -]/g, '').trim();
  if (f.routing && abaValid(compact) && !spans.some((s) => s.kind === 'aba_routing')) {
    const start = value.search(/\d/);
    spans.push({ start, end: value.trimEnd().length, kind: 'aba_routing' });
  }
  if (f.account && /^\d{4,17}$/.test(compact) && spans.length === 0) {
    const start = value.search(/\d/);
    spans.push({ start, end: value.trimEnd().length, kind: 'bank_account' });
  }
  return { spans: spans.sort((a, b) => a.start - b.start), whole };
}

// ---- JSON walking

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function keySegment(key: string, sensitive = scanText(key).length > 0): string {
  if (sensitive) return "['[redacted]']";
  if (IDENT.test(key)) return `.${key}`;
  return `['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

function compileMaskPaths(paths: readonly string[] | undefined): (path: string) => boolean {
  if (!paths || paths.length === 0) return () => false;
  const res = paths.map((p) => new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\[\\\*\\\]/g, '\\[\\d+\\]')}$`));
  return (path) => res.some((r) => r.test(path));
}

interface Visit {
  value: unknown;
  path: string;
  key: string | null;
}

function walk(body: unknown, onScalar: (v: Visit & { value: string | number }) => void, onKey: (path: string) => void): void {
  const keyHits = new Map<string, boolean>(); // the same keys repeat across array elements
  const keySensitive = (k: string) => {
    let hit = keyHits.get(k);
    if (hit === undefined) keyHits.set(k, (hit = scanText(k).length > 0));
    return hit;
  };
  const stack: Visit[] = [{ value: body, path: '$', key: null }];
  while (stack.length > 0) {
    const v = stack.pop() as Visit;
    const x = v.value;
    if (typeof x === 'string' || typeof x === 'number') onScalar({ ...v, value: x });
    else if (Array.isArray(x)) {
      for (let i = x.length - 1; i >= 0; i--) stack.push({ value: x[i], path: `${v.path}[${i}]`, key: null });
    } else if (x !== null && typeof x === 'object') {
      const entries = Object.entries(x as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, val] = entries[i] as [string, unknown];
        const sensitive = keySensitive(k);
        const p = v.path + keySegment(k, sensitive);
        if (sensitive) onKey(p);
        stack.push({ value: val, path: p, key: k });
      }
    }
  }
}

/** Walks a parsed JSON value and reports every card number, security code, IBAN and marked
    routing/account number, by JSON path and kind — never the value. */
export function findSensitive(body: unknown, opts: FindOptions = {}): SensitiveFinding[] {
  const maskAllowed = compileMaskPaths(opts.allowMaskPaths);
  const skipped = compileMaskPaths(opts.skipPaths);
  const out: SensitiveFinding[] = [];
  const seen = new Set<string>();
  const add = (path: string, kind: SensitiveKind, maskable: boolean) => {
    const k = `${path}\u0000${kind}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push({ path, kind, maskable });
  };
  walk(
    body,
    ({ value, path, key }) => {
      if (skipped(path)) return;
      const { spans, whole } = scalarFindings(value, key);
      const maskable = typeof value === 'string' && maskAllowed(path);
      for (const s of spans) add(path, s.kind, maskable);
      for (const k of whole) add(path, k, false);
    },
    (path) => add(path, 'pan', false),
  );
  return out;
}

/** The door: refuses a body with sensitive data (SensitiveDataRefused, 422), except in
    `allowMaskPaths` text fields, which are masked to the last 4. Returns the body to hand to the
    handler — the same object when nothing was masked, a copy otherwise. */
export function enforceNoSensitiveData(body: unknown, opts: FindOptions = {}): unknown {
  const findings = findSensitive(body, opts);
  if (findings.length === 0) return body;
  const refused = findings.filter((f) => !f.maskable);
  if (refused.length > 0) throw new SensitiveDataRefused(refused.map(({ path, kind }) => ({ path, kind })));
  const maskPaths = new Set(findings.map((f) => f.path));
  const copy = (value: unknown, path: string, key: string | null): unknown => {
    if (typeof value === 'string') {
      return maskPaths.has(path) ? maskSpans(value, scalarFindings(value, key).spans) : value;
    }
    if (Array.isArray(value)) return value.map((v, i) => copy(v, `${path}[${i}]`, null));
    if (value !== null && typeof value === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        // defineProperty, not assignment: a "__proto__" key from JSON.parse must stay a plain key.
        Object.defineProperty(o, k, { value: copy(v, path + keySegment(k), k), enumerable: true, writable: true, configurable: true });
      }
      return o;
    }
    return value;
  };
  return copy(body, '$', null);
}
