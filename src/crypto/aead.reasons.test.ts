/* ENC-4: each malformed envelope is refused for its own reason, before any decryption is tried,
   and each misuse of the API is a programmer error (TypeError). A tampered envelope fails
   authentication anyway (the header is in the AAD); these tests pin the earlier, clearer refusal
   so that dropping a header check is noticed (found by mutation testing, issue 21). */
import { describe, expect, it } from 'vitest';
import { encodeHeader, encodeKeyIdPrefix, open, parseHeader, seal, sealWithFixedIvForTestVector } from './aead.js';
import { DecryptionFailed } from './errors.js';

const key = Buffer.alloc(32, 7);
const ref = { keyId: 'dk_reasons', version: 3 };
const ctx = { orgId: 'org_r', table: 't', column: 'c', rowId: 'r1' };

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DecryptionFailed) return e.reason;
    throw e;
  }
  throw new Error('expected a DecryptionFailed');
}

describe('envelope refusals', () => {
  const env = seal(key, ref, ctx, Buffer.from('secret value'));

  it('ENC-4: a wrong magic byte, a zero-length key id, a key id outside its alphabet or a zero version is malformed (not an authentication failure)', () => {
    for (const at of [0, 1]) {
      const bad = Buffer.from(env);
      bad[at] = (bad[at] ?? 0) ^ 0xff;
      expect(reason(() => open(key, bad, ctx)), `byte ${at}`).toBe('malformed');
    }
    expect(reason(() => open(key, env.subarray(0, 3), ctx))).toBe('malformed');
    const noId = Buffer.from(env);
    noId[3] = 0;
    expect(reason(() => open(key, noId, ctx))).toBe('malformed');
    const badId = Buffer.from(env);
    badId[4] = 0x20; // a space: outside [A-Za-z0-9_:-]
    expect(reason(() => open(key, badId, ctx))).toBe('malformed');
    const zeroVersion = Buffer.from(env);
    zeroVersion.writeUInt32BE(0, 4 + ref.keyId.length);
    expect(reason(() => open(key, zeroVersion, ctx))).toBe('malformed');
    const formatBumped = Buffer.from(env);
    formatBumped[2] = 99;
    expect(reason(() => open(key, formatBumped, ctx))).toBe('unsupported_version');
    // Exactly header + IV + tag is the shortest well-formed envelope (an empty plaintext).
    const empty = seal(key, ref, ctx, Buffer.alloc(0));
    expect(open(key, empty, ctx)).toHaveLength(0);
    expect(reason(() => open(key, empty.subarray(0, empty.length - 1), ctx))).toBe('malformed');
  });

  it('ENC-4: an envelope naming another key or key version than the expected one is refused as key_mismatch', () => {
    expect(reason(() => open(key, env, ctx, { keyId: ref.keyId, version: ref.version + 1 }))).toBe('key_mismatch');
    expect(reason(() => open(key, env, ctx, { keyId: 'dk_other', version: ref.version }))).toBe('key_mismatch');
    expect(open(key, env, ctx, ref).toString()).toBe('secret value');
  });

  it('ENC-4: a key of the wrong size, an empty context part, an invalid key ref or a test-vector IV of the wrong size is a programmer error', () => {
    expect(() => seal(Buffer.alloc(16), ref, ctx, Buffer.from('x'))).toThrow(/32-byte key/);
    expect(() => open(Buffer.alloc(31), env, ctx)).toThrow(/32-byte key/);
    for (const part of ['orgId', 'table', 'column', 'rowId'] as const) {
      expect(() => seal(key, ref, { ...ctx, [part]: '' }, Buffer.from('x')), part).toThrow(/context needs/);
      expect(() => open(key, env, { ...ctx, [part]: '' }), part).toThrow(/context needs/);
    }
    expect(() => seal(key, { keyId: 'bad id', version: 1 }, ctx, Buffer.from('x'))).toThrow(/key id/);
    expect(() => seal(key, { keyId: 'dk', version: 0 }, ctx, Buffer.from('x'))).toThrow(/key version/);
    expect(() => seal(key, { keyId: 'dk', version: 1.5 }, ctx, Buffer.from('x'))).toThrow(/key version/);
    expect(() => seal(key, { keyId: 'dk', version: 2 ** 32 }, ctx, Buffer.from('x'))).toThrow(/key version/);
    expect(() => sealWithFixedIvForTestVector(key, ref, ctx, Buffer.from('x'), Buffer.alloc(11))).toThrow(/12 bytes/);
  });

  it('ENC-4: the key-id prefix is exactly the first bytes of every header of that key, whatever the version', () => {
    const prefix = encodeKeyIdPrefix(ref.keyId);
    expect(prefix).toHaveLength(4 + ref.keyId.length);
    for (const version of [1, 2, 0xffffffff]) expect(encodeHeader({ ...ref, version }).subarray(0, prefix.length)).toEqual(prefix);
    expect(parseHeader(env)).toEqual({ formatVersion: 1, keyId: ref.keyId, version: ref.version, headerLength: 8 + ref.keyId.length });
  });
});
