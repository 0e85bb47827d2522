/* The webhooks guards without a database (issue 21: what mutation testing found untested, and
   what the slow end-to-end files reach only at a minute per change). Stripe's events are signed by
   Stripe's own library (test/fixtures/stripe-events.ts); the inbox gets a database that fails the
   test if it is touched, so every refusal here is proven to happen before anything is read or
   written (WH-1: nothing is acted on before verification). RFC 9421's parser, signature base and
   Content-Digest are attacked with hand-made headers; Standard Webhooks secrets and signatures are
   checked against an independent HMAC. Claims WH-1, WH-3, WH-4. */
import { createHash, createHmac, generateKeyPairSync, sign as edSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { STRIPE_SECRET, STRIPE_SECRET_NEXT, stripeSignature, subscriptionEvent } from '../../test/fixtures/stripe-events.js';
import type { Db } from '../db/index.js';
import { fixedClock } from '../lib/clock.js';
import { StripeNotConfigured, StripeSignatureInvalid } from './errors.js';
import { contentDigestMatches, ed25519Key, parseSignatureHeaders, signatureBase, verifyEd25519, SignatureFormatError } from './http-signatures.js';
import { backoffMs, newSecret, sign } from './outbound.js';
import { createStripeInbox, planIntent, trialIntent } from './stripe.js';

const clock = fixedClock('2026-06-01T10:00:00Z');
const now = Math.floor(clock.now().getTime() / 1000);
const SOURCE = { ip: null, userAgent: null, requestId: null };

/** A database that must not be reached: any use of it is the error the test looks for. */
class DatabaseTouched extends Error {}
const untouchable = new Proxy({}, { get() { throw new DatabaseTouched('the database was reached'); } }) as unknown as Db;

function inbox(secrets: string[] = [STRIPE_SECRET], toleranceSeconds = 300) {
  return createStripeInbox({ db: untouchable, clock, plans: { isPlan: () => true, setPlanInTx: async () => null, factsChanged: async () => undefined }, trials: { setTrialInTx: async () => 'unchanged' as const }, secrets, toleranceSeconds, endedPlan: 'free' });
}

/** What receive() threw: a refusal (with its logged reason) or the database being reached (verification passed). */
async function outcome(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => null, (x: unknown) => x);
  if (e instanceof DatabaseTouched) return 'verified';
  if (e instanceof StripeSignatureInvalid) return `refused: ${String(e.detail?.reason)}`;
  throw e;
}

const event = (created = now) => subscriptionEvent({ orgId: 'org_x', created });

describe('Stripe inbox verification, before any database access', () => {
  it('WH-1: a genuine signature reaches the database; no header, an empty one, or another secret\'s does not', async () => {
    const payload = event();
    const raw = Buffer.from(payload);
    expect(await outcome(inbox().receive(raw, stripeSignature(payload, now), SOURCE))).toBe('verified');
    expect(await outcome(inbox().receive(raw, undefined, SOURCE))).toBe('refused: no Stripe-Signature header');
    expect(await outcome(inbox().receive(raw, '', SOURCE))).toBe('refused: no Stripe-Signature header');
    const foreign = await outcome(inbox().receive(raw, stripeSignature(payload, now, 'whsec_someoneElse0000000000000000'), SOURCE));
    // The refusal's logged reason is Stripe's own message, cut to 200 characters.
    expect(foreign).toMatch(/^refused: .*signature/i);
    expect(foreign.length).toBeLessThanOrEqual('refused: '.length + 200);
  });

  it('WH-1: the raw bytes verified are exactly the view given, not the whole buffer behind it', async () => {
    const payload = event();
    const sig = stripeSignature(payload, now);
    // A Uint8Array over the middle of a larger allocation (as a body parser may hand it over).
    const backing = Buffer.concat([Buffer.from('garbage-before'), Buffer.from(payload), Buffer.from('garbage-after')]);
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 'garbage-before'.length, Buffer.byteLength(payload));
    expect(await outcome(inbox().receive(view, sig, SOURCE))).toBe('verified');
    const longer = new Uint8Array(backing.buffer, backing.byteOffset + 'garbage-before'.length, Buffer.byteLength(payload) + 1);
    expect(await outcome(inbox().receive(longer, sig, SOURCE))).toMatch(/^refused/);
  });

  it('WH-1: the window is the configured tolerance, in both directions: a timestamp ahead of the clock by more is refused as "in the future"', async () => {
    const payload = event();
    const raw = Buffer.from(payload);
    const at = (t: number, tolerance = 300) => outcome(inbox([STRIPE_SECRET], tolerance).receive(raw, stripeSignature(payload, t), SOURCE));
    expect(await at(now + 300)).toBe('verified');
    expect(await at(now + 301)).toBe('refused: timestamp in the future');
    expect(await at(now + 10 ** 11)).toBe('refused: timestamp in the future');
    expect(await at(now - 300)).toBe('verified');
    expect(await at(now - 301)).toMatch(/^refused: .*tolerance/i);
    // Another tolerance is honoured as configured, not replaced by the default.
    expect(await at(now + 60, 60)).toBe('verified');
    expect(await at(now + 61, 60)).toBe('refused: timestamp in the future');
    expect(await at(now - 60, 60)).toBe('verified');
    expect(await at(now - 61, 60)).toMatch(/^refused: .*tolerance/i);
  });

  it('WH-1: a future timestamp is found wherever it sits in the header, and only as a whole t= element', async () => {
    const payload = event();
    const raw = Buffer.from(payload);
    const future = stripeSignature(payload, now + 3600);
    const [t, ...rest] = future.split(',');
    // Stripe reads t= from any position: so must the future check.
    expect(await outcome(inbox().receive(raw, [...rest, t].join(','), SOURCE))).toBe('refused: timestamp in the future');
    // An element whose name merely ends in "t" is not the timestamp.
    const genuine = stripeSignature(payload, now);
    expect(await outcome(inbox().receive(raw, `xt=${now + 3600},${genuine}`, SOURCE))).toBe('verified');
    // Nor is a t= followed by more than digits.
    expect(await outcome(inbox().receive(raw, `t=${now + 3600}x,${genuine}`, SOURCE))).toBe('verified');
  });

  it('WH-1: during a rotation either secret verifies, whichever is listed first', async () => {
    const payload = event();
    const raw = Buffer.from(payload);
    for (const secrets of [[STRIPE_SECRET, STRIPE_SECRET_NEXT], [STRIPE_SECRET_NEXT, STRIPE_SECRET]]) {
      for (const s of secrets) expect(await outcome(inbox(secrets).receive(raw, stripeSignature(payload, now, s), SOURCE))).toBe('verified');
    }
    expect(await outcome(inbox([STRIPE_SECRET_NEXT]).receive(raw, stripeSignature(payload, now, STRIPE_SECRET), SOURCE))).toMatch(/^refused/);
  });

  it('WH-1: an inbox with no secret refuses everything as not configured; a header with no t= element is refused, never thrown as a TypeError', async () => {
    const payload = event();
    const raw = Buffer.from(payload);
    await expect(inbox([]).receive(raw, stripeSignature(payload, now), SOURCE)).rejects.toBeInstanceOf(StripeNotConfigured);
    const v1 = stripeSignature(payload, now).split(',').filter((e) => !e.startsWith('t=')).join(',');
    expect(await outcome(inbox().receive(raw, v1, SOURCE))).toMatch(/^refused: /);
  });

  it('WH-1: a signed body that is not an event (an id not of Stripe\'s shape, or no type) is refused before the database', async () => {
    const cases = [
      { ...JSON.parse(event()), id: 'not_an_event' },
      { ...JSON.parse(event()), id: 'evt_' },
      { ...JSON.parse(event()), id: `evt_${'a'.repeat(251)}` },
      { ...JSON.parse(event()), id: 'evt_abc;drop' },
      { ...JSON.parse(event()), id: 'xevt_abc' },
      { ...JSON.parse(event()), id: 12 },
      // An array whose string form is a well-formed id.
      { ...JSON.parse(event()), id: ['evt_abc'] },
      { ...JSON.parse(event()), type: 7 },
    ];
    for (const c of cases) {
      const payload = JSON.stringify(c);
      expect(await outcome(inbox().receive(Buffer.from(payload), stripeSignature(payload, now), SOURCE)), payload.slice(0, 60)).toBe('refused: signed, but not an event');
    }
    const longest = JSON.stringify({ ...JSON.parse(event()), id: `evt_${'a'.repeat(250)}` });
    expect(await outcome(inbox().receive(Buffer.from(longest), stripeSignature(longest, now), SOURCE))).toBe('verified');
  });
});

describe('what a subscription event asks for', () => {
  const sub = (o: { org?: unknown; status?: unknown; key?: unknown; items?: unknown }) => ({
    id: 'sub_1', status: o.status ?? 'active', metadata: o.org === undefined ? { palisade_org_id: 'org_1' } : { palisade_org_id: o.org },
    items: (o.items ?? { data: [{ price: { lookup_key: o.key === undefined ? 'team' : o.key } }] }) as never,
  });

  it('WH-1: an active or trialing subscription asks for its price\'s lookup key; anything else names no plan', () => {
    expect(planIntent('customer.subscription.updated', sub({}), 'free')).toEqual({ orgId: 'org_1', plan: 'team' });
    expect(planIntent('customer.subscription.created', sub({ status: 'trialing' }), 'free')).toEqual({ orgId: 'org_1', plan: 'team' });
    for (const status of ['past_due', 'incomplete', '', 3, undefined]) {
      expect(planIntent('customer.subscription.updated', { ...sub({}), status }, 'free').plan, String(status)).toBeNull();
    }
    expect(planIntent('customer.subscription.updated', sub({ key: 5 }), 'free').plan).toBeNull();
    expect(planIntent('customer.subscription.updated', sub({ key: null }), 'free').plan).toBeNull();
    expect(planIntent('customer.subscription.updated', sub({ items: { data: [] } }), 'free').plan).toBeNull();
    expect(planIntent('customer.subscription.updated', sub({ items: {} }), 'free').plan).toBeNull();
    expect(planIntent('customer.subscription.updated', sub({ items: { data: [{ price: null }] } }), 'free').plan).toBeNull();
    expect(planIntent('customer.subscription.updated', { id: 'sub_1', status: 'active', metadata: { palisade_org_id: 'org_1' } }, 'free').plan).toBeNull();
  });

  it('WH-1: an ended subscription (deleted, paused, or in an ended status) asks for the operator\'s ended plan', () => {
    for (const type of ['customer.subscription.deleted', 'customer.subscription.paused']) {
      expect(planIntent(type, sub({ status: 'active' }), 'basic')).toEqual({ orgId: 'org_1', plan: 'basic' });
    }
    for (const status of ['canceled', 'unpaid', 'incomplete_expired', 'paused']) {
      expect(planIntent('customer.subscription.updated', sub({ status }), 'basic'), status).toEqual({ orgId: 'org_1', plan: 'basic' });
    }
  });

  it('WH-1: the organisation is a non-empty string of at most 100 characters in the subscription\'s metadata, else none', () => {
    expect(planIntent('customer.subscription.updated', sub({ org: 'o'.repeat(100) }), 'free').orgId).toBe('o'.repeat(100));
    for (const org of ['', 'o'.repeat(101), 42, null]) expect(planIntent('customer.subscription.updated', sub({ org }), 'free').orgId, String(org)).toBeNull();
    expect(planIntent('customer.subscription.updated', { status: 'active', metadata: null }, 'free').orgId).toBeNull();
    expect(planIntent('customer.subscription.updated', { status: 'active' }, 'free').orgId).toBeNull();
  });
});

describe('what a subscription event asks of the trial', () => {
  it('PRIV-7: trialing with a whole trial_end in (0, 2100) sets that end; active ends the trial; anything else, or a deleted or paused subscription, leaves it', () => {
    const t = (type: string, o: Record<string, unknown>) => trialIntent(type, o);
    const up = 'customer.subscription.updated';
    expect(t(up, { status: 'trialing', trial_end: 1_800_000_000 })).toEqual(new Date(1_800_000_000_000));
    expect(t(up, { status: 'trialing', trial_end: 1 })).toEqual(new Date(1000));
    expect(t(up, { status: 'trialing', trial_end: 4_102_444_799 })).toEqual(new Date(4_102_444_799_000));
    for (const trial_end of [0, -5, 4_102_444_800, 1.5, '1800000000', null, undefined]) {
      expect(t(up, { status: 'trialing', trial_end }), String(trial_end)).toBeUndefined();
    }
    expect(t(up, { status: 'active', trial_end: 1_800_000_000 })).toBeNull();
    expect(t('customer.subscription.created', { status: 'active' })).toBeNull();
    for (const status of ['past_due', 'canceled', 'unpaid', 'incomplete', undefined]) {
      expect(t(up, { status, trial_end: 1_800_000_000 }), String(status)).toBeUndefined();
    }
    for (const type of ['customer.subscription.deleted', 'customer.subscription.paused']) {
      expect(t(type, { status: 'active' })).toBeUndefined();
      expect(t(type, { status: 'trialing', trial_end: 1_800_000_000 })).toBeUndefined();
    }
  });
});

describe('RFC 9421 parsing and signature base, attacked', () => {
  const req = { method: 'post', url: '/v1/agent/events?x=1&y=2', authority: 'Palisade.EXAMPLE:8443', headers: { 'content-type': ' application/json ', 'x-multi': ['a ', ' b'], 'x-broken': 'a\r\nb' } };

  it('WH-3: the signature base derives each component as RFC 9421 says, and ends with the parameters exactly as received', () => {
    const input = 'sig1=("@method" "@authority" "@path" "@query" "content-type" "x-multi");created=1;keyid="k";nonce="n";alg="ed25519";tag="t";expires=2';
    const parsed = parseSignatureHeaders(input, 'sig1=:AAAA:');
    expect(parsed.label).toBe('sig1');
    expect(parsed.components).toEqual(['@method', '@authority', '@path', '@query', 'content-type', 'x-multi']);
    expect(parsed.params).toEqual({ created: 1, keyid: 'k', nonce: 'n', alg: 'ed25519', tag: 't', expires: 2 });
    expect(parsed.paramsRaw).toBe(input.slice('sig1='.length));
    expect(signatureBase(req, parsed)).toBe([
      '"@method": POST', '"@authority": palisade.example:8443', '"@path": /v1/agent/events', '"@query": ?x=1&y=2',
      '"content-type": application/json', '"x-multi": a, b', `"@signature-params": ${input.slice('sig1='.length)}`,
    ].join('\n'));
    // No query: @query is "?" (RFC 9421 §2.2.7), and @path the whole target.
    expect(signatureBase({ ...req, url: '/p' }, parseSignatureHeaders('s=("@path" "@query")', 's=:AAAA:'))).toBe('"@path": /p\n"@query": ?\n"@signature-params": ("@path" "@query")');
    // An empty inner list is allowed (it signs the parameters alone).
    expect(parseSignatureHeaders('s=();created=5', 's=:AAAA:').components).toEqual([]);
    // Surrounding whitespace of the headers is not part of the label or the parameters.
    const spaced = parseSignatureHeaders('  s=("@method");created=5  ', ' s=:AAAA: ');
    expect([spaced.label, spaced.paramsRaw]).toEqual(['s', '("@method");created=5']);
    expect(spaced.signature).toEqual(Buffer.from('AAAA', 'base64'));
  });

  it('WH-3: a component the request lacks, an unsupported derived component, or a value with a line break refuses the request', () => {
    const base = (components: string) => () => signatureBase(req, parseSignatureHeaders(`s=(${components})`, 's=:AAAA:'));
    expect(base('"x-absent"')).toThrow(/has no x-absent/);
    expect(base('"@target-uri"')).toThrow(SignatureFormatError);
    expect(base('"@request-target"')).toThrow(/unsupported derived component/);
    expect(base('"x-broken"')).toThrow(/line break/);
    expect(() => signatureBase({ ...req, url: '/a\nb' }, parseSignatureHeaders('s=("@path")', 's=:AAAA:'))).toThrow(/line break/);
  });

  it('WH-3: malformed, ambiguous or foreign parameters and labels are refused', () => {
    const bad: Array<[string, string]> = [
      ['s=("@method");expires="5"', 's=:AAAA:'], // a date as a string
      ['s=("@method");keyid=5', 's=:AAAA:'], // a key id as a number
      ['s=("@method");nonce=1', 's=:AAAA:'],
      ['s=("@method");alg=1', 's=:AAAA:'],
      ['s=("@method");tag=1', 's=:AAAA:'],
      ['s=("@method");created="1"', 's=:AAAA:'],
      ['s=("@method");keyid="a";keyid="b"', 's=:AAAA:'],
      ['s=("@method" "Content-Type")', 's=:AAAA:'], // upper case is not a field name here
      ['s=("@method" content-type)', 's=:AAAA:'], // unquoted
      ['s=("@method")', 's=AAAA'], // not a byte sequence
      ['s=("@method")', 's=:AA$A:'],
      ['s=("@method")', 't=:AAAA:'],
      ['s=("@method")', 's=:AAAA:, t=:AAAA:'],
      ['S=("@method")', 'S=:AAAA:'],
      ['s=("@method");created=1234567890123456', 's=:AAAA:'], // beyond 15 digits
    ];
    bad.push(['bad s=("@method");created=1', 's=:AAAA:'], ['s=("@method");created=1', 'x s=:AAAA:']); // only a whole header is one member
    for (const [input, sig] of bad) expect(() => parseSignatureHeaders(input, sig), `${input} / ${sig}`).toThrow(SignatureFormatError);
    // A missing header is a format error (one 401), never a TypeError (a 500).
    for (const [input, sig] of [[undefined, 's=:AAAA:'], ['s=("@method")', undefined], [undefined, undefined]] as const) {
      expect(() => parseSignatureHeaders(input, sig)).toThrow(SignatureFormatError);
    }
    // RFC 8941 allows spaces inside the inner list, before, between and after its items.
    expect(parseSignatureHeaders('s=( "@method"  "@path" );created=1', 's=:AAAA:').components).toEqual(['@method', '@path']);
    expect(parseSignatureHeaders('s=( );created=1', 's=:AAAA:').components).toEqual([]);
    expect(parseSignatureHeaders('s=("@method");created=-5', 's=:AAAA:').params.created).toBe(-5);
  });

  it('WH-3: an Ed25519 key is exactly 32 raw bytes, and a signature of another length is refused without throwing', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    for (const n of [0, 31, 33]) expect(() => ed25519Key(new Uint8Array(n))).toThrow(TypeError);
    const key = ed25519Key(raw);
    const sig = edSign(null, Buffer.from('base', 'utf8'), privateKey);
    expect(verifyEd25519('base', sig, key)).toBe(true);
    expect(verifyEd25519('base\u00e9', edSign(null, Buffer.from('base\u00e9', 'utf8'), privateKey), key)).toBe(true);
    expect(verifyEd25519('base', Buffer.concat([sig, Buffer.from([0])]), key)).toBe(false);
    expect(verifyEd25519('base', sig.subarray(0, 63), key)).toBe(false);
  });

  it('WH-3: Content-Digest: every sha-256 or sha-512 digest given must match the body, and at least one must be given', () => {
    const body = Buffer.from('{"hello":"world"}');
    const d = (alg: 'sha256' | 'sha512', b: Uint8Array = body) => createHash(alg).update(b).digest('base64');
    expect(contentDigestMatches(`sha-256=:${d('sha256')}:`, body)).toBe(true);
    expect(contentDigestMatches(`sha-512=:${d('sha512')}:`, body)).toBe(true);
    expect(contentDigestMatches(` sha-256=:${d('sha256')}: , sha-512=:${d('sha512')}:`, body)).toBe(true);
    expect(contentDigestMatches(`md5=:AAAA:, sha-256=:${d('sha256')}:`, body)).toBe(true); // unknown ones are skipped
    expect(contentDigestMatches(undefined, body)).toBe(false);
    expect(contentDigestMatches('', body)).toBe(false);
    expect(contentDigestMatches('md5=:AAAA:', body)).toBe(false); // nothing checked
    expect(contentDigestMatches(`sha-256=:${d('sha256', Buffer.from('other'))}:`, body)).toBe(false);
    expect(contentDigestMatches(`sha-512=:${d('sha512', Buffer.from('other'))}:`, body)).toBe(false);
    expect(contentDigestMatches(`sha-256=:${d('sha256')}:, sha-512=:${d('sha512', Buffer.from('other'))}:`, body)).toBe(false);
    expect(contentDigestMatches(`sha-512=:${d('sha512', Buffer.from('other'))}:, sha-256=:${d('sha256')}:`, body)).toBe(false);
    // A sha-512 digest labelled sha-256 (or the reverse) is the wrong length: refused, not thrown.
    expect(contentDigestMatches(`sha-256=:${d('sha512')}:`, body)).toBe(false);
    expect(contentDigestMatches(`sha-512=:${d('sha256')}:`, body)).toBe(false);
    expect(contentDigestMatches(`xsha-256=:${d('sha256')}:`, body)).toBe(false);
    expect(contentDigestMatches(`sha-256=:${d('sha256')}:x`, body)).toBe(false);
  });
});

describe('Standard Webhooks secrets and signatures', () => {
  it('WH-4: a new secret is whsec_ and 32 random bytes in base64, never the same twice', () => {
    const a = newSecret();
    const b = newSecret();
    for (const s of [a, b]) {
      expect(s).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(s.slice(6), 'base64')).toHaveLength(32);
    }
    expect(a).not.toBe(b);
  });

  it('WH-4: the signature is HMAC-SHA256 under the secret\'s bytes (without its prefix) over "id.timestamp.body"', () => {
    const secret = newSecret();
    const key = Buffer.from(secret.slice(6), 'base64');
    const expected = `v1,${createHmac('sha256', key).update('msg_1.1700000000.{"a":1}').digest('base64')}`;
    expect(sign(secret, 'msg_1', 1700000000, '{"a":1}')).toBe(expected);
    // Only a leading whsec_ is the prefix: the same bytes without it sign the same.
    expect(sign(secret.slice(6), 'msg_1', 1700000000, '{"a":1}')).toBe(expected);
  });

  it('WH-4: the default jitter is uniform in [cap/2, cap) from the CSPRNG', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const d = backoffMs(1, 1000, 60_000);
      expect(d).toBeGreaterThanOrEqual(500);
      expect(d).toBeLessThan(1000);
      seen.add(d);
    }
    expect(seen.size).toBeGreaterThan(50);
  });
});
