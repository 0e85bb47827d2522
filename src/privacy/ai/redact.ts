/* The AI egress redactor (PRIV-5): what leaves for an AI provider is the prompt with every
   credential, secret, card and bank number, and the personal data of the organisation's people
   replaced by `[redacted:<category>]`. It reports what it removed as categories and counts,
   never the values.

   Invariants
   - Credentials and secrets: private keys (PEM, also a block cut off before its END line: its
     base64 lines),
     Palisade API keys (pal_live_…), other providers' key formats (sk-…, sk_live_…, AKIA…, ghp_…,
     xox…-, AIza…), Standard Webhooks / Stripe signing secrets (whsec_…), bearer and basic
     authorization values, JSON Web Tokens, and the value of any `password=`/`secret:`/`token=`
     style assignment.
   - Card numbers (Luhn and a card network's IIN), IBANs (mod 97), context-marked routing and
     account numbers and security codes: the DLP scanner's own detectors (src/crypto/dlp.ts),
     so the door and the egress agree on what a card number is.
   - People: every e-mail address (an address the organisation knows — a member's, an invitee's
     — is counted as person_email, any other as email), and the display names of the
     organisation's members (whole names, matched case-insensitively on word boundaries; names
     under 3 characters are not matched, they would strip ordinary words).
   - People the operation is about (`keep`) keep their name and address: the operation needs
     them (PRIV-5: only what an operation needs). Whether a minor may be among them is decided
     before (PRIV-10, service.ts).
   - A detector, not an adversary-proof filter: a secret spelled out in words gets through. It
     keeps honest mistakes and pasted records from reaching a third party. */
import { scanText, type SensitiveKind } from '../../crypto/index.js';

export type RedactionCategory =
  | 'private_key' | 'api_key' | 'webhook_secret' | 'bearer_token' | 'jwt' | 'secret'
  | 'card_number' | 'card_security_code' | 'iban' | 'bank_routing' | 'bank_account'
  | 'person_email' | 'email' | 'person_name';

export interface KnownPerson {
  /** Display name, if any. */
  name: string | null;
  email: string | null;
}

export interface Redaction {
  text: string;
  /** Category → how many values were removed. Never the values. */
  removed: Partial<Record<RedactionCategory, number>>;
}

const DLP_CATEGORY: Record<SensitiveKind, RedactionCategory> = {
  pan: 'card_number', cvv: 'card_security_code', iban: 'iban', aba_routing: 'bank_routing', bank_account: 'bank_account',
};

/** Secret shapes, in order (the first ones swallow what later ones would also match). */
const SECRET_PATTERNS: ReadonlyArray<{ category: RedactionCategory; re: RegExp; group?: number }> = [
  { category: 'private_key', re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g },
  // A block cut off before its END line: the BEGIN line and every following line of base64 (or a
  // legacy "Proc-Type:"/"DEK-Info:" header), up to the first line that is neither.
  { category: 'private_key', re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:\r?\n(?:[A-Za-z0-9+/=]+|[A-Za-z-]+: [^\r\n]*)(?=\r?\n|$))*/g },
  { category: 'webhook_secret', re: /\bwhsec_[A-Za-z0-9+/=_-]{8,}/g },
  { category: 'api_key', re: /\bpal_(?:live|test)_[A-Za-z0-9]{8,}/g },
  { category: 'api_key', re: /\b(?:sk-ant-[A-Za-z0-9_-]{8,}|sk-(?:proj-)?[A-Za-z0-9_-]{16,}|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AIza[0-9A-Za-z_-]{30,})/g },
  { category: 'jwt', re: /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g },
  { category: 'bearer_token', re: /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi },
  // `password: hunter2`, `api_key="…"`, `client_secret=…`: the value after the sign.
  { category: 'secret', re: /\b(?:password|passwd|pwd|passphrase|secret|client_secret|api[_-]?key|access[_-]?token|refresh[_-]?token|auth[_-]?token|token)\b(\s*[:=]\s*["']?)([^\s"',;]{4,})/gi, group: 2 },
];

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const MIN_NAME = 3;
const MAX_NAME_WORDS = 6;

const tag = (c: RedactionCategory) => `[redacted:${c}]`;

function normaliseName(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Replaces name n-grams that are a known person's whole name. */
function redactNames(text: string, names: ReadonlySet<string>, count: () => void): string {
  if (names.size === 0) return text;
  const words: Array<{ start: number; end: number }> = [];
  for (const m of text.matchAll(/\S+/g)) words.push({ start: m.index, end: m.index + m[0].length });
  const spans: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(MAX_NAME_WORDS, words.length - i); n >= 1; n--) {
      const first = words[i] as { start: number };
      const last = words[i + n - 1] as { end: number };
      const raw = text.slice(first.start, last.end);
      // Punctuation around a name ("(Ada Lovelace)," or "Ada:") is not part of it.
      const lead = /^[^\p{L}\p{N}]*/u.exec(raw)?.[0].length ?? 0;
      const trail = /[^\p{L}\p{N}]*$/u.exec(raw.slice(lead))?.[0].length ?? 0;
      const core = raw.slice(lead, raw.length - trail);
      if (core.length >= MIN_NAME && names.has(normaliseName(core))) {
        spans.push({ start: first.start + lead, end: last.end - trail });
        i += n - 1;
        break;
      }
    }
  }
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + tag('person_name');
    at = s.end;
    count();
  }
  return out + text.slice(at);
}

/** What the redactor knows of the organisation's people, ready to match. */
export interface PeopleIndex {
  emails: ReadonlySet<string>;
  names: ReadonlySet<string>;
  keepEmails: ReadonlySet<string>;
  keepNames: ReadonlySet<string>;
}

export function peopleIndex(people: readonly KnownPerson[], keep: readonly KnownPerson[] = []): PeopleIndex {
  const lowerEmails = (list: readonly KnownPerson[]) => new Set(list.map((p) => p.email?.toLowerCase()).filter((e): e is string => !!e));
  const names = (list: readonly KnownPerson[]) => new Set(list.map((p) => (p.name ? normaliseName(p.name) : '')).filter((n) => n.length >= MIN_NAME));
  const keepEmails = lowerEmails(keep);
  const keepNames = names(keep);
  return {
    emails: lowerEmails(people),
    names: new Set([...names(people)].filter((n) => !keepNames.has(n))),
    keepEmails,
    keepNames,
  };
}

/** Redacts one text (a prompt or a system instruction). Counts add up into `removed`. */
export function redactText(input: string, people: PeopleIndex, removed: Partial<Record<RedactionCategory, number>> = {}): Redaction {
  const add = (c: RedactionCategory) => { removed[c] = (removed[c] ?? 0) + 1; };
  let text = input;
  for (const p of SECRET_PATTERNS) {
    text = text.replace(p.re, (...m: unknown[]) => {
      add(p.category);
      if (p.group === undefined) return tag(p.category);
      const whole = m[0] as string;
      const value = m[p.group] as string;
      return whole.slice(0, whole.length - value.length) + tag(p.category);
    });
  }
  text = text.replace(EMAIL, (address) => {
    const lower = address.toLowerCase();
    if (people.keepEmails.has(lower)) return address;
    const c: RedactionCategory = people.emails.has(lower) ? 'person_email' : 'email';
    add(c);
    return tag(c);
  });
  const spans = mergeSpans(scanText(text));
  if (spans.length > 0) {
    let out = '';
    let at = 0;
    for (const s of spans) {
      const c = DLP_CATEGORY[s.kind];
      out += text.slice(at, s.start) + tag(c);
      at = s.end;
      add(c);
    }
    text = out + text.slice(at);
  }
  text = redactNames(text, people.names, () => add('person_name'));
  return { text, removed };
}

function mergeSpans<T extends { start: number; end: number }>(spans: readonly T[]): T[] {
  const out: T[] = [];
  for (const sp of [...spans].sort((a, b) => a.start - b.start)) {
    const last = out[out.length - 1];
    if (last && sp.start < last.end) last.end = Math.max(last.end, sp.end);
    else out.push({ ...sp });
  }
  return out;
}
