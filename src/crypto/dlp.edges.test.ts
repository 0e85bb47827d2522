/* The detector's edges, found by mutation testing (issue 21): each assertion here failed on a
   change to dlp.ts that the rest of the suite let through — a checksum that accepts a non-digit
   or the empty string, an IBAN glued to a word, a field name's words, a JSON number at a length
   boundary, a masked copy a handler cannot use. Detecting less is a leak (DLP-1…3); detecting
   more refuses honest input, so both directions are pinned. */
import { describe, expect, it } from 'vitest';
import { abaValid, enforceNoSensitiveData, findSensitive, ibanValid, luhnValid, scanText, scrubText } from './dlp.js';

const kinds = (body: unknown) => findSensitive(body).map((f) => f.kind);
const IBAN = 'GB82WEST12345698765432';

describe('checksums at their edges', () => {
  it('DLP-1: Luhn refuses the empty string and any non-digit, even one whose code would make the sum work', () => {
    expect(luhnValid('')).toBe(false);
    // ':' is "digit 10" and '&' is "digit -10" by char code: both would give a sum ≡ 0.
    for (const s of [':', '&', '0:', '4111111111111:11', '&0']) expect(luhnValid(s), s).toBe(false);
    expect(luhnValid('0')).toBe(true);
    expect(luhnValid('4111111111111111')).toBe(true);
  });

  it('DLP-3: an ABA routing number is exactly nine digits with a Federal Reserve prefix and its checksum', () => {
    expect(abaValid('011000015')).toBe(true);
    // A valid number inside a longer string is not one; neither is a prefixed or suffixed one.
    for (const s of ['0110000150', '1011000015', 'x011000015', '011000015x', '01100001', '000000000']) expect(abaValid(s), s).toBe(false);
    // Every digit counts with its weight (3, 7, 1): a number whose middle digits are all non-zero
    // passes, and changing any one of them fails.
    expect(abaValid('011111111')).toBe(true);
    for (const s of ['011211111', '011121111', '011112111', '011111211']) expect(abaValid(s), s).toBe(false);
  });

  it('DLP-3: an IBAN is a country code, two check digits and the country\'s exact length; lower case and spaces are normalised', () => {
    expect(ibanValid(IBAN)).toBe(true);
    expect(ibanValid('gb82 west 1234 5698 7654 32')).toBe(true);
    for (const s of [`${IBAN}0`, `X${IBAN}`, 'GB8WEST12345698765432X', `${IBAN.slice(0, 21)}`, 'GB82WEST1234569876543-', '12GBWEST12345698765432', '']) {
      expect(ibanValid(s), s).toBe(false);
    }
  });
});

describe('IBANs in text', () => {
  it('DLP-3: an IBAN glued to a preceding letter or digit is part of a word, not an IBAN; after punctuation it is found', () => {
    for (const c of ['Z', 'a', 'z', 'A', '0', '9']) expect(scanText(`${c}${IBAN}`), c).toEqual([]);
    for (const c of ['(', '[', '{', '`', '@', ' ', ':']) expect(scanText(`${c}${IBAN}`).map((s) => s.kind), c).toEqual(['iban']);
    expect(scanText(`pay ${IBAN} now`)).toEqual([{ start: 4, end: 26, kind: 'iban' }]);
  });

  it('DLP-3: an IBAN followed by a letter or digit is not one; single spaces inside are allowed, double spaces end it', () => {
    expect(scanText(`${IBAN}X`)).toEqual([]);
    expect(scanText(`${IBAN}7`)).toEqual([]);
    expect(scanText(`${IBAN}.`).map((s) => s.kind)).toEqual(['iban']);
    expect(scanText('GB82 WEST 1234 5698 7654 32').map((s) => s.kind)).toEqual(['iban']);
    expect(scanText('GB82  WEST 1234 5698 7654 32')).toEqual([]);
  });
});

describe('cards, routing and account numbers in text', () => {
  it('DLP-1: a card inside a long run of digit groups is found; a long unseparated identifier is not', () => {
    expect(scanText('ref 1234 5678 9012 4111 1111 1111 1111').some((s) => s.kind === 'pan')).toBe(true);
    expect(scanText('id 41111111111111110000000')).toEqual([]);
  });

  it('DLP-3: a routing number is marked only by words within 40 characters, and only when its checksum holds', () => {
    const far = 'x'.repeat(41);
    expect(scanText(`routing${far}011000015`)).toEqual([]);
    expect(scanText(`011000015${far}routing`)).toEqual([]);
    expect(scanText(`routing ${'x'.repeat(30)} 011000015`).map((s) => s.kind)).toEqual(['aba_routing']);
    expect(scanText('routing number 011000016')).toEqual([]);
  });

  it('DLP-3: a card number after "account number" is reported once, as a card, and masked as one span', () => {
    expect(scanText('account number 4111 1111 1111 1111').map((s) => s.kind)).toEqual(['pan']);
    expect(kinds({ note: 'account number 4111 1111 1111 1111' })).toEqual(['pan']);
  });

  it('DLP-2 DLP-3: spans come back sorted by where they start, whatever detector found them', () => {
    const spans = scanText('cvv 123 then 4111 1111 1111 1111 and account number 12345678');
    expect(spans.map((s) => s.kind)).toEqual(['cvv', 'pan', 'bank_account']);
    const starts = spans.map((s) => s.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('AUD-6: scrubbing replaces exactly the detected digits, masking puts each span where it was', () => {
    expect(scrubText('Account number: 12345678.')).toBe('Account number: [redacted:bank_account].');
    const masked = enforceNoSensitiveData({ evidence: 'see account number 12345678 today' }, { allowMaskPaths: ['$.evidence'] }) as { evidence: string };
    expect(masked.evidence).toBe('see account number ****5678 today');
  });
});

describe('fields: names, numbers and arrays', () => {
  it('DLP-3: every word of a camelCase or snake_case field name counts as bank context', () => {
    expect(kinds({ payoutBankRef: '011000015' })).toEqual(['aba_routing']);
    expect(kinds({ payout_bank_ref: '011000015' })).toEqual(['aba_routing']);
    expect(kinds({ WireDetails: '011000015' })).toEqual(['aba_routing']);
    expect(kinds({ payoutRef: '011000015' })).toEqual([]);
  });

  it('DLP-1 DLP-2 DLP-3: array elements and the root have no field name, so short codes and bare numbers there are not refused', () => {
    expect(findSensitive(['123', 9999, '011000015', '12345678', 12345678])).toEqual([]);
    expect(findSensitive('123')).toEqual([]);
  });

  it('DLP-1: a 13-digit card sent as a JSON number is refused', () => {
    expect(luhnValid('4222222222222')).toBe(true);
    expect(kinds({ n: 4222222222222 })).toEqual(['pan']);
  });

  it('DLP-2: a security-code field holding a number up to 9999 is refused; a longer one is not a code', () => {
    expect(kinds({ cvv: 9999 })).toEqual(['cvv']);
    expect(kinds({ cvv: 0 })).toEqual(['cvv']);
    expect(kinds({ cvv: 10000 })).toEqual([]);
    expect(kinds({ cvv: ' 123 ' })).toEqual(['cvv']);
    expect(kinds({ cvv: 'abc 123' })).toEqual([]);
    expect(kinds({ cvv: '123 abc' })).toEqual([]);
  });

  it('DLP-3: an account field holding a number of 4 to 17 digits is refused, as a JSON number or separated text', () => {
    expect(kinds({ accountNumber: 1234 })).toEqual(['bank_account']);
    expect(kinds({ accountNumber: 123 })).toEqual([]);
    expect(kinds({ accountNumber: '1234-5678' })).toEqual(['bank_account']);
    expect(kinds({ accountNumber: 'ref 12345678' })).toEqual([]);
    expect(kinds({ accountNumber: '12345678 ref' })).toEqual([]);
  });

  it('DLP-3: a routing field is refused even when its digits are separated', () => {
    expect(kinds({ routingNumber: '011-000-015' })).toEqual(['aba_routing']);
    expect(kinds({ routingNumber: '011 000 015' })).toEqual(['aba_routing']);
  });

  it('DLP-1: one field holding the same kind twice is one finding; a quoted key is named exactly', () => {
    expect(findSensitive({ note: '4111 1111 1111 1111 and 5555 5555 5555 4444' })).toEqual([{ path: '$.note', kind: 'pan', maskable: false }]);
    expect(findSensitive({ "it's": '4111 1111 1111 1111' })[0]?.path).toBe("$['it\\'s']");
    expect(findSensitive({ 'a\\b': '4111 1111 1111 1111' })[0]?.path).toBe("$['a\\\\b']");
  });

  it('DLP-1: null and boolean values are walked past without error, and kept as they were in a masked copy', () => {
    const body = { a: null, b: true, c: [null, false], evidence: 'card 4111 1111 1111 1111' };
    expect(findSensitive({ a: null, b: true, c: [null, false] })).toEqual([]);
    const copy = enforceNoSensitiveData(body, { allowMaskPaths: ['$.evidence'] }) as Record<string, unknown>;
    expect(copy).toEqual({ a: null, b: true, c: [null, false], evidence: 'card **** **** **** 1111' });
  });

  it('DLP-1: the masked copy is a plain object the handler can read, change and serialise', () => {
    const copy = enforceNoSensitiveData({ evidence: 'card 4111 1111 1111 1111', n: 1 }, { allowMaskPaths: ['$.evidence'] }) as Record<string, unknown>;
    expect(Object.keys(copy)).toEqual(['evidence', 'n']);
    expect(JSON.parse(JSON.stringify(copy))).toEqual({ evidence: 'card **** **** **** 1111', n: 1 });
    copy.n = 2;
    expect(copy.n).toBe(2);
    delete copy.n;
    expect('n' in copy).toBe(false);
  });
});
