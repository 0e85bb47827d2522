import { createCipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeHeader,
  encodeKeyIdPrefix,
  envelopeLength,
  open,
  parseHeader,
  seal,
  sealWithFixedIvForTestVector,
  type EnvelopeContext,
} from './aead.js';
import { DecryptionFailed } from './errors.js';

// The test vector published in docs/encryption.md.
const TV = {
  key: Buffer.from(Array.from({ length: 32 }, (_, i) => i)),
  iv: Buffer.from('a0a1a2a3a4a5a6a7a8a9aaab', 'hex'),
  ref: { keyId: 'dk_test', version: 1 },
  ctx: { orgId: 'org_test', table: 'integration_credentials', column: 'secret', rowId: 'int_test' },
  plaintext: Buffer.from('hello, palisade', 'utf8'),
  envelopeHex:
    '504c0107646b5f7465737400000001a0a1a2a3a4a5a6a7a8a9aaab' +
    '8e7d10412ae722cf0309eea0661ea5260f533a3bb4596255872f358d54c036',
};

const ctxArb: fc.Arbitrary<EnvelopeContext> = fc.record({
  orgId: fc.string({ minLength: 1, maxLength: 40 }),
  table: fc.string({ minLength: 1, maxLength: 40 }),
  column: fc.string({ minLength: 1, maxLength: 40 }),
  rowId: fc.string({ minLength: 1, maxLength: 40 }),
});
const keyArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const refArb = fc.record({
  keyId: fc.stringMatching(/^[A-Za-z0-9_:-]{1,40}$/),
  version: fc.integer({ min: 1, max: 0xffffffff }),
});

function expectDecryptionFailed(fn: () => unknown): DecryptionFailed {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DecryptionFailed);
    expect((e as DecryptionFailed).code).toBe('decryption_failed');
    return e as DecryptionFailed;
  }
  throw new Error('expected DecryptionFailed, got success');
}

describe('envelope format', () => {
  it('ENC-4: the documented test vector matches, byte for byte', () => {
    const env = sealWithFixedIvForTestVector(TV.key, TV.ref, TV.ctx, TV.plaintext, TV.iv);
    expect(env.toString('hex')).toBe(TV.envelopeHex);
    expect(open(TV.key, Buffer.from(TV.envelopeHex, 'hex'), TV.ctx).toString('utf8')).toBe('hello, palisade');
  });

  it('ENC-4: the layout is plain AES-256-GCM as documented (recomputed with raw node:crypto)', () => {
    // Rebuild the vector from the prose in docs/encryption.md, without the module's encoder.
    const keyId = Buffer.from('dk_test', 'latin1');
    const header = Buffer.concat([Buffer.from([0x50, 0x4c, 0x01, keyId.length]), keyId, Buffer.from([0, 0, 0, 1])]);
    const lp = (s: string) => {
      const b = Buffer.from(s, 'utf8');
      const l = Buffer.alloc(4);
      l.writeUInt32BE(b.length);
      return Buffer.concat([l, b]);
    };
    const aad = Buffer.concat([
      header,
      Buffer.from('palisade.envelope.v1'),
      lp(TV.ctx.orgId),
      lp(TV.ctx.table),
      lp(TV.ctx.column),
      lp(TV.ctx.rowId),
    ]);
    const c = createCipheriv('aes-256-gcm', TV.key, TV.iv);
    c.setAAD(aad);
    const ct = Buffer.concat([c.update(TV.plaintext), c.final()]);
    const expected = Buffer.concat([header, TV.iv, ct, c.getAuthTag()]);
    expect(expected.toString('hex')).toBe(TV.envelopeHex);
  });

  it('ENC-4: encrypt/decrypt round-trips for any plaintext, key, key ref and context (property)', () => {
    fc.assert(
      fc.property(keyArb, refArb, ctxArb, fc.uint8Array({ maxLength: 2048 }), (key, ref, ctx, pt) => {
        const env = seal(key, ref, ctx, pt);
        expect(env.length).toBe(envelopeLength(ref.keyId, pt.length));
        const h = parseHeader(env);
        expect({ keyId: h.keyId, version: h.version }).toEqual(ref);
        expect(Buffer.compare(open(key, env, ctx, ref), Buffer.from(pt))).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('ENC-4: a fresh IV per encryption (same key, context and plaintext never repeat an IV)', () => {
    const key = randomBytes(32);
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const env = seal(key, TV.ref, TV.ctx, TV.plaintext);
      const h = parseHeader(env);
      const iv = env.subarray(h.headerLength, h.headerLength + 12).toString('hex');
      expect(seen.has(iv)).toBe(false);
      seen.add(iv);
    }
  });

  it('ENC-4: tampering with any single byte of an envelope fails with a typed error (property)', () => {
    fc.assert(
      fc.property(
        keyArb,
        refArb,
        ctxArb,
        fc.uint8Array({ maxLength: 256 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (key, ref, ctx, pt, pos, flip) => {
          const env = seal(key, ref, ctx, pt);
          const i = pos % env.length;
          env[i] = (env[i] as number) ^ flip;
          expectDecryptionFailed(() => open(key, env, ctx));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('ENC-4: every byte position is covered: flipping each byte of one envelope fails', () => {
    const env = seal(TV.key, TV.ref, TV.ctx, TV.plaintext);
    for (let i = 0; i < env.length; i++) {
      const t = Buffer.from(env);
      t[i] = (t[i] as number) ^ 0x01;
      expectDecryptionFailed(() => open(TV.key, t, TV.ctx));
    }
  });

  it('ENC-4: a ciphertext moved to another org, table, column or row fails authentication', () => {
    const env = seal(TV.key, TV.ref, TV.ctx, TV.plaintext);
    for (const field of ['orgId', 'table', 'column', 'rowId'] as const) {
      const moved = { ...TV.ctx, [field]: `${TV.ctx[field]}x` };
      expect(expectDecryptionFailed(() => open(TV.key, env, moved)).reason).toBe('authentication');
    }
    // Length prefixes keep field boundaries unambiguous: shifting a character across fields fails.
    const shifted = { ...TV.ctx, table: 'integration_credentialss', column: 'ecret' };
    expectDecryptionFailed(() => open(TV.key, env, shifted));
  });

  it('ENC-4: a wrong key, a truncated envelope, or an unknown format version fail with typed errors', () => {
    const env = seal(TV.key, TV.ref, TV.ctx, TV.plaintext);
    expect(expectDecryptionFailed(() => open(randomBytes(32), env, TV.ctx)).reason).toBe('authentication');
    expect(expectDecryptionFailed(() => open(TV.key, env.subarray(0, 20), TV.ctx)).reason).toBe('malformed');
    expect(expectDecryptionFailed(() => open(TV.key, Buffer.alloc(0), TV.ctx)).reason).toBe('malformed');
    const v2 = Buffer.from(env);
    v2[2] = 2;
    expect(expectDecryptionFailed(() => open(TV.key, v2, TV.ctx)).reason).toBe('unsupported_version');
    expect(
      expectDecryptionFailed(() => open(TV.key, env, TV.ctx, { keyId: 'dk_test', version: 2 })).reason,
    ).toBe('key_mismatch');
  });

  it('headers encode key id and version; the key-id prefix is shared by every version', () => {
    const h1 = encodeHeader({ keyId: 'dk_a', version: 1 });
    const h7 = encodeHeader({ keyId: 'dk_a', version: 7 });
    const p = encodeKeyIdPrefix('dk_a');
    expect(h1.subarray(0, p.length).equals(p)).toBe(true);
    expect(h7.subarray(0, p.length).equals(p)).toBe(true);
    expect(h1.equals(h7)).toBe(false);
    expect(() => encodeHeader({ keyId: 'bad id', version: 1 })).toThrow(TypeError);
    expect(() => encodeHeader({ keyId: 'dk', version: 0 })).toThrow(TypeError);
    expect(() => seal(Buffer.alloc(16), TV.ref, TV.ctx, TV.plaintext)).toThrow(TypeError);
  });
});
