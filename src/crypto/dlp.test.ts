import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  abaValid,
  CARD_NETWORKS,
  cardNetwork,
  enforceNoSensitiveData,
  findSensitive,
  ibanValid,
  luhnValid,
  maskToLast4,
  scanText,
  scrubText,
} from './dlp.js';
import { SensitiveDataRefused } from './errors.js';

function luhnCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return String(d);
  throw new Error('unreachable');
}

/** A card number as a network issues it: one of its IIN ranges, one of its lengths, random
    account digits, the Luhn check digit. Every network and range of CARD_NETWORKS is drawn. */
const luhnNumber = fc
  .constantFrom(...CARD_NETWORKS.flatMap((n) => n.ranges.flatMap(([lo, hi]) => n.lengths.map((len) => ({ lo, hi, len })))))
  .chain(({ lo, hi, len }) =>
    fc.tuple(
      fc.integer({ min: Number(lo), max: Number(hi) }).map((p) => String(p).padStart(lo.length, '0')),
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: len - lo.length - 1, maxLength: len - lo.length - 1 }),
    ),
  )
  .map(([prefix, ds]) => {
    const body = prefix + ds.join('');
    return body + luhnCheckDigit(body);
  });

/** A Luhn-valid 13–19 digit number that no card network issues (its IIN or length fits none). */
const nonCardLuhnNumber = fc
  .integer({ min: 13, max: 19 })
  .chain((n) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n - 1, maxLength: n - 1 }))
  .map((ds) => {
    const body = ds.join('');
    return body + luhnCheckDigit(body);
  })
  .filter((d) => cardNetwork(d) === null);

/** A 13–19 digit string that fails Luhn. */
const nonLuhnNumber = fc
  .array(fc.integer({ min: 0, max: 9 }), { minLength: 13, maxLength: 19 })
  .map((ds) => ds.join(''))
  .filter((s) => !luhnValid(s));

/** Random text with no digits (so the embedded number is the only digit run). */
const text = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .,;:!?-_/()[]{}"\'\n\té€漢'.split('')),
  maxLength: 60,
});

/** How a number is written: contiguous, in fours, or with separators at random places. */
function formatted(digits: string): fc.Arbitrary<string> {
  const fours = (sep: string) => digits.replace(/(\d{4})(?=\d)/g, `$1${sep}`);
  return fc.oneof(
    fc.constant(digits),
    fc.constant(fours(' ')),
    fc.constant(fours('-')),
    fc
      .array(fc.constantFrom('', '', '', ' ', '-'), { minLength: digits.length - 1, maxLength: digits.length - 1 })
      .map((seps) => [...digits].map((d, i) => d + (seps[i] ?? '')).join('')),
  );
}

/** Text boundaries that cannot extend the number: no digit, and no separator touching it. */
const before = text.map((t) => (t.length === 0 || /[ -]$/.test(t) ? `${t}x` : t));
const after = text.map((t) => (t.length === 0 || /^[ -]/.test(t) ? `x${t}` : t));

describe('PAN detector', () => {
  it('DLP-1: finds every card number (a network\'s IIN and length, Luhn-valid) embedded in random text (property)', () => {
    fc.assert(
      fc.property(
        luhnNumber.chain((n) => fc.tuple(fc.constant(n), formatted(n))),
        before,
        after,
        ([digits, shown], pre, post) => {
          const s = pre + shown + post;
          const pans = scanText(s).filter((x) => x.kind === 'pan');
          expect(pans.map((p) => s.slice(p.start, p.end).replace(/[ -]/g, ''))).toContain(digits);
          const scrubbed = scrubText(s);
          expect(scrubbed.replace(/[ -]/g, '')).not.toContain(digits);
          expect(scanText(scrubbed).filter((x) => x.kind === 'pan')).toEqual([]);
          expect(findSensitive({ note: s })).toContainEqual({ path: '$.note', kind: 'pan', maskable: false });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('DLP-1: flags no digit string that fails Luhn (property)', () => {
    // A contiguous 13–19 digit string that fails Luhn, in random text: nothing is flagged.
    fc.assert(
      fc.property(nonLuhnNumber, before, after, (digits, pre, post) => {
        // A '.' before the digits: random text ending in two capitals ("…AD") would otherwise
        // make the run an IBAN (seed 2075306468), which the scrubber rightly removes.
        const s = `${pre}.${digits}${post}`;
        expect(scanText(s).filter((x) => x.kind === 'pan')).toEqual([]);
        expect(findSensitive({ note: s }).filter((f) => f.kind === 'pan')).toEqual([]);
        expect(scrubText(s)).toBe(s);
      }),
      { numRuns: 2000 },
    );
    // Any text at all, digits and separators included: every flagged span is 13–19 digits
    // that pass Luhn, so nothing that fails Luhn is ever flagged or scrubbed.
    const noisy = fc.string({ unit: fc.constantFrom(...'0123456789012345678901234567890123456789 -- ab'.split('')), maxLength: 80 });
    fc.assert(
      fc.property(noisy, (s) => {
        for (const span of scanText(s).filter((x) => x.kind === 'pan')) {
          const digits = s.slice(span.start, span.end).replace(/[ -]/g, '');
          expect(digits).toMatch(/^\d{13,19}$/);
          expect(luhnValid(digits)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('DLP-1: real-world test card numbers of every major network are found, with and without separators', () => {
    const cards = [
      '4111111111111111', '4012888888881881', '4222222222222', '5555555555554444', '2223003122003222',
      '378282246310005', '6011111111111117', '3530111333300000', '30569309025904', '6200000000000005',
      '6759649826438453', '4000056655665556', '6011000990139424', '3566002020360505',
    ];
    for (const c of cards) {
      expect(luhnValid(c)).toBe(true);
      for (const s of [c, c.replace(/(\d{4})(?=\d)/g, '$1 '), c.replace(/(\d{4})(?=\d)/g, '$1-')]) {
        expect(findSensitive({ payment: { card: s } })).toEqual([{ path: '$.payment.card', kind: 'pan', maskable: false }]);
      }
    }
    expect(findSensitive({ card: '3782 822463 10005' })).toHaveLength(1); // Amex 4-6-5
    expect(cardNetwork('4111111111111111')).toBe('visa');
    expect(cardNetwork('2223003122003222')).toBe('mastercard');
    expect(cardNetwork('378282246310005')).toBe('amex');
    expect(cardNetwork('6011111111111117')).toBe('discover');
  });

  it('DLP-1: finds a card beside other digit groups, and ignores long identifiers and short numbers', () => {
    expect(scrubText('ref 12 4111 1111 1111 1111 thanks')).toBe('ref 12 [redacted:pan] thanks');
    expect(scanText('order 41111111111111110000')).toEqual([]); // 26-digit id, not a card
    expect(scanText('call 4111 1111 111')).toEqual([]); // 11 digits
    expect(scanText('4111111111111112')).toEqual([]); // fails Luhn
  });

  it('DLP-1: JSON numbers are checked too; integers too large to check exactly are refused', () => {
    expect(findSensitive({ card: 4111111111111111 })).toEqual([{ path: '$.card', kind: 'pan', maskable: false }]);
    expect(findSensitive({ n: 4111111111111111111 })).toEqual([{ path: '$.n', kind: 'pan', maskable: false }]); // Visa-19, past 2^53
    expect(findSensitive({ n: 12345678901234567 })).toEqual([]); // past 2^53, but no network issues 1… with 17 digits
    expect(findSensitive({ n: 4111111111111112, small: 42, f: 1.5 })).toEqual([]);
  });
});

describe('IIN-aware: what is not a card (issue 20)', () => {
  it('DLP-1: a Luhn-valid number whose IIN and length no network issues is not refused (property)', () => {
    fc.assert(
      fc.property(nonCardLuhnNumber, before, after, (digits, pre, post) => {
        expect(findSensitive({ note: pre + digits + post })).toEqual([]);
        // As a JSON number leading zeros vanish (and another IIN may appear): only without them.
        if (!digits.startsWith('0')) expect(findSensitive({ n: Number(digits) }).filter((f) => f.kind === 'pan')).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('DLP-1: timestamps of 2000–2035 (epoch ms, µs, ns; compact date-times) are not card numbers (property)', () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 11, 31) });
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 999_999 }), (ms, sub) => {
        const iso = new Date(ms).toISOString();
        const compact = iso.replace(/[-:TZ.]/g, ''); // 20241207001405123
        const forms = [String(ms), `${ms}${String(sub % 1000).padStart(3, '0')}`, `${ms}${String(sub).padStart(6, '0')}`, compact, compact.slice(0, 14)];
        for (const f of forms) expect(findSensitive({ at: f, note: `order ${f} shipped` }), f).toEqual([]);
        expect(findSensitive({ at: ms })).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  it('DLP-1: the issue\'s password and zero-filled ids are not card numbers; the networks\' test cards still are', () => {
    expect(findSensitive({ x: 'guess-0000000000000000' })).toEqual([]);
    expect(findSensitive({ x: '0000 0000 0000 0000' })).toEqual([]);
    expect(cardNetwork('0000000000000000')).toBeNull();
    expect(cardNetwork('1733530000000')).toBeNull(); // an epoch-ms timestamp
    expect(cardNetwork('100000000000009')).toBe('uatp');
    expect(cardNetwork('6200000000000005')).toBe('unionpay');
    expect(cardNetwork('5555555555554444')).toBe('mastercard');
    expect(cardNetwork('555555555555444')).toBeNull(); // Mastercard issues 16 digits only
  });
});

describe('fields that are never stored', () => {
  it('DLP-1: skipPaths are not inspected; the same value anywhere else is refused', () => {
    const body = { email: 'a@example.test', password: 'my card 4111 1111 1111 1111 is my password' };
    expect(enforceNoSensitiveData(body, { skipPaths: ['$.password'] })).toBe(body);
    expect(() => enforceNoSensitiveData({ ...body, name: '4111 1111 1111 1111' }, { skipPaths: ['$.password'] })).toThrow(SensitiveDataRefused);
    expect(() => enforceNoSensitiveData(body)).toThrow(SensitiveDataRefused);
  });
});

describe('other detectors', () => {
  it('DLP-2: card security codes are found by field name, and after "CVV" in text', () => {
    for (const body of [{ cvv: '123' }, { card: { cvc: 123 } }, { securityCode: '0123' }, { card_cvv2: '999' }, { CVC2: '4321' }]) {
      const f = findSensitive(body);
      expect(f.map((x) => x.kind)).toEqual(['cvv']);
    }
    expect(findSensitive({ card: { cvc: 123 } })[0]?.path).toBe('$.card.cvc');
    expect(findSensitive({ code: '123', count: 123, pin: '1234' })).toEqual([]);
    expect(scanText('the CVV: 123 was typed').map((s) => s.kind)).toEqual(['cvv']);
    expect(scanText('security code 4567').map((s) => s.kind)).toEqual(['cvv']);
    expect(scanText('room 123')).toEqual([]);
  });

  it('DLP-3: IBANs are found when the country, length and mod-97 check agree', () => {
    for (const iban of ['DE89370400440532013000', 'GB82WEST12345698765432', 'FR1420041010050500013M02606', 'NL91ABNA0417164300']) {
      expect(ibanValid(iban)).toBe(true);
      expect(findSensitive({ payout: iban }).map((f) => f.kind)).toEqual(['iban']);
    }
    expect(findSensitive({ payout: 'DE89 3704 0044 0532 0130 00' }).map((f) => f.kind)).toEqual(['iban']);
    expect(scanText('send to de89 3704 0044 0532 0130 00, thanks').map((s) => s.kind)).toEqual(['iban']);
    expect(ibanValid('GB82WEST12345698765433')).toBe(false);
    expect(findSensitive({ payout: 'GB82WEST12345698765433' })).toEqual([]);
    expect(findSensitive({ sku: 'XX12ABCDEFGHIJKLMNOP' })).toEqual([]); // unknown country
  });

  it('DLP-3: ABA routing numbers only where a field name or nearby words mark them', () => {
    expect(abaValid('021000021')).toBe(true);
    expect(abaValid('021000022')).toBe(false);
    expect(abaValid('991000021')).toBe(false); // no such Federal Reserve prefix
    expect(findSensitive({ routingNumber: '021000021' }).map((f) => f.kind)).toEqual(['aba_routing']);
    expect(findSensitive({ bank: { aba: 21000021 } }).map((f) => f.kind)).toEqual(['aba_routing']); // leading zero lost as a number
    expect(findSensitive({ id: '021000021', orderId: 21000021 })).toEqual([]);
    expect(scanText('our routing number is 021000021').map((s) => s.kind)).toEqual(['aba_routing']);
    expect(scanText('ABA 011000015 please').map((s) => s.kind)).toEqual(['aba_routing']);
    expect(scanText('invoice 021000021 attached')).toEqual([]);
    expect(findSensitive({ database: 'row 021000021' })).toEqual([]);
  });

  it('DLP-3: bank account numbers by field name or an "account number" phrase', () => {
    expect(findSensitive({ accountNumber: '12345678' }).map((f) => f.kind)).toEqual(['bank_account']);
    expect(findSensitive({ bank_account_no: 9876543210 }).map((f) => f.kind)).toEqual(['bank_account']);
    expect(findSensitive({ account_id: '12345678', accountName: 'ACME' })).toEqual([]);
    expect(scanText('Account number: 12345678').map((s) => s.kind)).toEqual(['bank_account']);
    expect(scanText('account 42 has 3 users')).toEqual([]);
  });
});

describe('the door (findSensitive / enforceNoSensitiveData)', () => {
  it('DLP-1: refuses with 422 sensitive_data_refused, naming the JSON path and never echoing the value', () => {
    const body = { payment: { card: '4111 1111 1111 1111', cvc: '737' }, items: [{ note: 'IBAN GB82WEST12345698765432' }] };
    let err: unknown;
    try {
      enforceNoSensitiveData(body);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SensitiveDataRefused);
    const e = err as SensitiveDataRefused;
    expect(e.status).toBe(422);
    expect(e.code).toBe('sensitive_data_refused');
    expect(e.findings).toEqual([
      { path: '$.payment.card', kind: 'pan' },
      { path: '$.payment.cvc', kind: 'cvv' },
      { path: '$.items[0].note', kind: 'iban' },
    ]);
    const everything = JSON.stringify({ m: e.message, d: e.detail, f: e.findings });
    for (const secret of ['4111', '737', 'GB82', '98765432']) expect(everything).not.toContain(secret);
    expect(e.message).toContain('$.payment.card');
  });

  it('DLP-1: a key that is itself a card number is reported as [redacted], not echoed', () => {
    const f = findSensitive({ '4111111111111111': true, 'a b': { '5555-5555-5555-4444': 1 } });
    expect(f).toEqual([
      { path: "$['[redacted]']", kind: 'pan', maskable: false },
      { path: "$['a b']['[redacted]']", kind: 'pan', maskable: false },
    ]);
  });

  it('DLP-1: evidence text fields that opt in are masked to the last 4 instead of refused', () => {
    const body = { evidence: { text: 'card 4111 1111 1111 1111, cvv 123' }, notes: [{ text: 'IBAN DE89370400440532013000' }], n: 1 };
    const out = enforceNoSensitiveData(body, { allowMaskPaths: ['$.evidence.text', '$.notes[*].text'] }) as typeof body;
    expect(out.evidence.text).toBe('card **** **** **** 1111, cvv ***');
    expect(out.notes[0]?.text).toBe('IBAN ******************3000');
    expect(out.n).toBe(1);
    expect(body.evidence.text).toContain('4111'); // the input is not mutated
    // Outside the opted-in paths the same value is refused.
    expect(() => enforceNoSensitiveData({ other: 'card 4111 1111 1111 1111' }, { allowMaskPaths: ['$.evidence.text'] })).toThrow(
      SensitiveDataRefused,
    );
    // A number in an opted-in path cannot be masked: refused.
    expect(() => enforceNoSensitiveData({ evidence: { text: 4111111111111111 } }, { allowMaskPaths: ['$.evidence.text'] })).toThrow(
      SensitiveDataRefused,
    );
  });

  it('returns the same object when clean, and never lets "__proto__" become a prototype in a masked copy', () => {
    const clean = { name: 'Acme', seats: 12, tags: ['a'] };
    expect(enforceNoSensitiveData(clean)).toBe(clean);
    const body = JSON.parse('{"__proto__": {"polluted": true}, "text": "4111111111111111"}') as Record<string, unknown>;
    const out = enforceNoSensitiveData(body, { allowMaskPaths: ['$.text'] }) as Record<string, unknown>;
    expect(out.text).toBe('************1111');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('handles deep and wide bodies without recursion limits', () => {
    let deep: unknown = '4111111111111111';
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(findSensitive(deep)).toHaveLength(1);
  });
});

describe('log scrubbing', () => {
  it('AUD-6: scrubText removes card numbers, IBANs and marked bank numbers from log lines', () => {
    const line = 'charge failed for 4111-1111-1111-1111 (cvv 123), refund to DE89 3704 0044 0532 0130 00 routing 021000021';
    const out = scrubText(line);
    expect(out).toBe(
      'charge failed for [redacted:pan] (cvv [redacted:cvv]), refund to [redacted:iban] routing [redacted:aba_routing]',
    );
    expect(scrubText('nothing to see, user 42 at 2024-05-01')).toBe('nothing to see, user 42 at 2024-05-01');
  });

  it('maskToLast4 keeps separators and the last four characters', () => {
    expect(maskToLast4('4111 1111 1111 1111')).toBe('**** **** **** 1111');
    expect(maskToLast4('rk_live_abcdef1234')).toBe('**_****_******1234');
    expect(maskToLast4('12')).toBe('12');
  });
});
