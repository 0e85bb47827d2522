/* RFC 9421 against the RFC's own Ed25519 vector (Appendix B.2.6, key of B.1.4, stored in
   test/fixtures/vectors/rfc9421-ed25519.json), and our Standard Webhooks signing against the
   Standard Webhooks reference vector. Claims WH-3, WH-4. */
import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentDigestMatches, ed25519Key, parseSignatureHeaders, signatureBase, verifyEd25519 } from './http-signatures.js';
import { sign as signWebhook } from './outbound.js';

const vector = JSON.parse(readFileSync(new URL('../../test/fixtures/vectors/rfc9421-ed25519.json', import.meta.url), 'utf8')) as {
  privateKeyPkcs8Base64: string; publicKeyPem: string; request: { method: string; url: string; authority: string; headers: Record<string, string>; body: string };
  signatureInput: string; signature: string; signatureBase: string;
};
const webhooks = (JSON.parse(readFileSync(new URL('../../test/fixtures/vectors/tlog-webhook-vectors.json', import.meta.url), 'utf8')) as { standard_webhooks_vector: Record<string, string> }).standard_webhooks_vector;

const rawPublic = (pem: string) => Buffer.from(createPublicKey(pem).export({ format: 'der', type: 'spki' }).subarray(-32));

describe('RFC 9421 (Ed25519)', () => {
  it('WH-3: reproduces the RFC 9421 B.2.6 Ed25519 vector: the same signature base, the RFC signature verifies, and re-signing gives its bytes', () => {
    const parsed = parseSignatureHeaders(vector.signatureInput, vector.signature);
    expect(parsed.params).toEqual({ created: 1618884473, keyid: 'test-key-ed25519' });
    const base = signatureBase(vector.request, parsed);
    expect(base).toBe(vector.signatureBase);
    const key = ed25519Key(rawPublic(vector.publicKeyPem));
    expect(verifyEd25519(base, parsed.signature, key)).toBe(true);
    const resigned = sign(null, Buffer.from(base), createPrivateKey({ key: Buffer.from(vector.privateKeyPkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' }));
    expect(`sig-b26=:${resigned.toString('base64')}:`).toBe(vector.signature);
    expect(contentDigestMatches(vector.request.headers['content-digest'], Buffer.from(vector.request.body))).toBe(true);
  });

  it('WH-3: any altered component, parameter or signature byte fails to verify', () => {
    const parsed = parseSignatureHeaders(vector.signatureInput, vector.signature);
    const key = ed25519Key(rawPublic(vector.publicKeyPem));
    const variants = [
      { ...vector.request, method: 'PUT' },
      { ...vector.request, url: '/bar?param=Value&Pet=dog' },
      { ...vector.request, authority: 'evil.example' },
      { ...vector.request, headers: { ...vector.request.headers, 'content-length': '19' } },
    ];
    for (const req of variants) expect(verifyEd25519(signatureBase(req, parsed), parsed.signature, key)).toBe(false);
    const later = parseSignatureHeaders(vector.signatureInput.replace('1618884473', '1618884474'), vector.signature);
    expect(verifyEd25519(signatureBase(vector.request, later), later.signature, key)).toBe(false);
    const flipped = Buffer.from(parsed.signature);
    flipped[10] = (flipped[10] ?? 0) ^ 1;
    expect(verifyEd25519(signatureBase(vector.request, parsed), flipped, key)).toBe(false);
    expect(contentDigestMatches(vector.request.headers['content-digest'], Buffer.from('{"hello": "World"}'))).toBe(false);
  });

  it('refuses malformed or ambiguous signature headers', () => {
    for (const [input, sig] of [
      [undefined, vector.signature], [vector.signatureInput, undefined], ['sig=("@method" "@method");created=1', 'sig=:AAAA:'],
      ['sig=("@method";sf);created=1', 'sig=:AAAA:'], [vector.signatureInput, 'other=:AAAA:'], ['sig=("@method");created=1;created=2', 'sig=:AAAA:'],
      ['sig=("@method");weird=1', 'sig=:AAAA:'], [`${vector.signatureInput}, sig2=("@method");created=1`, vector.signature],
    ] as const) expect(() => parseSignatureHeaders(input, sig), String(input)).toThrow();
  });
});

describe('Standard Webhooks', () => {
  it('WH-4: our signature matches the Standard Webhooks reference vector', () => {
    expect(signWebhook(webhooks.secret!, webhooks['webhook-id']!, Number(webhooks['webhook-timestamp']), webhooks.payload!)).toBe(webhooks['webhook-signature']);
  });
});
