/* RFC 9421 HTTP Message Signatures, the verifying side, for Ed25519 (RFC 9421 §3.3.6) only.
   Invariants:
   - One signature label per request; its Signature-Input member is parsed strictly (RFC 8941
     inner list of quoted component names, then parameters); anything else is refused.
   - Supported components: @method, @authority, @path, @query, @target-uri is not; plain header
     fields by lower-case name (no ;sf/;key/;bs/;req parameters). A component the request lacks
     refuses it.
   - The signature base is built per §2.5: `"name": value` lines, then `"@signature-params": `
     with the member's serialization exactly as received.
   - Content-Digest (RFC 9530) sha-256 / sha-512 is checked against the raw body bytes.
   The RFC's own Ed25519 vector (Appendix B.2.6) is reproduced in the tests
   (test/fixtures/vectors/rfc9421-ed25519.json). Claim WH-3; ASVS V10. */
import { createHash, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

export interface SignatureRequest {
  method: string;
  /** The request target as received: path and query. */
  url: string;
  authority: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface ParsedSignature {
  label: string;
  components: string[];
  params: { created?: number; expires?: number; keyid?: string; nonce?: string; alg?: string; tag?: string };
  /** The serialized signature parameters as received (the value of @signature-params). */
  paramsRaw: string;
  signature: Buffer;
}

export class SignatureFormatError extends Error {}

const COMPONENT = /^"(@?[a-z0-9][a-z0-9_.-]*)"$/;
const ALLOWED_DERIVED = new Set(['@method', '@authority', '@path', '@query']);

function header(h: SignatureRequest['headers'], name: string): string | undefined {
  const v = h[name];
  if (v === undefined) return undefined;
  return (Array.isArray(v) ? v : [v]).map((x) => x.trim()).join(', ');
}

/** Parses Signature-Input and Signature (exactly one label each, the same label). */
export function parseSignatureHeaders(signatureInput: string | undefined, signature: string | undefined): ParsedSignature {
  if (!signatureInput || !signature) throw new SignatureFormatError('missing Signature-Input or Signature');
  const input = /^([a-z*][a-z0-9_.*-]*)=\(([^()]*)\)((?:;[a-z*][a-z0-9_.*-]*=(?:"[^"\\]*"|-?\d{1,15}))*)$/.exec(signatureInput.trim());
  if (!input) throw new SignatureFormatError('Signature-Input is not one label with an inner list');
  const [, label, list, paramsPart] = input as unknown as [string, string, string, string];
  const components = list.trim() === '' ? [] : list.trim().split(/ +/).map((c) => {
    const m = COMPONENT.exec(c);
    if (!m) throw new SignatureFormatError(`unsupported component ${c.slice(0, 40)}`);
    return m[1] as string;
  });
  if (new Set(components).size !== components.length) throw new SignatureFormatError('a component is covered twice');
  const params: ParsedSignature['params'] = {};
  for (const m of paramsPart.matchAll(/;([a-z*][a-z0-9_.*-]*)=("[^"\\]*"|-?\d{1,15})/g)) {
    const [, key, raw] = m as unknown as [string, string, string];
    const value = raw.startsWith('"') ? raw.slice(1, -1) : Number(raw);
    if (key in params) throw new SignatureFormatError(`parameter ${key} twice`);
    if ((key === 'created' || key === 'expires') && typeof value === 'number') params[key] = value;
    else if ((key === 'keyid' || key === 'nonce' || key === 'alg' || key === 'tag') && typeof value === 'string') params[key] = value;
    else throw new SignatureFormatError(`unsupported parameter ${key}`);
  }
  const sig = /^([a-z*][a-z0-9_.*-]*)=:([A-Za-z0-9+/]+={0,2}):$/.exec(signature.trim());
  if (!sig || sig[1] !== label) throw new SignatureFormatError('Signature is not one byte sequence under the same label');
  return { label, components, params, paramsRaw: signatureInput.trim().slice(label.length + 1), signature: Buffer.from(sig[2] as string, 'base64') };
}

/** The signature base of RFC 9421 §2.5 for these components. */
export function signatureBase(req: SignatureRequest, parsed: Pick<ParsedSignature, 'components' | 'paramsRaw'>): string {
  const q = req.url.indexOf('?');
  const path = q === -1 ? req.url : req.url.slice(0, q);
  const query = q === -1 ? '?' : req.url.slice(q);
  const lines = parsed.components.map((c) => {
    let value: string | undefined;
    if (c.startsWith('@')) {
      if (!ALLOWED_DERIVED.has(c)) throw new SignatureFormatError(`unsupported derived component ${c}`);
      value = c === '@method' ? req.method.toUpperCase() : c === '@authority' ? req.authority.toLowerCase() : c === '@path' ? path : query;
    } else {
      value = header(req.headers, c);
    }
    if (value === undefined) throw new SignatureFormatError(`the request has no ${c}`);
    if (/[\r\n]/.test(value)) throw new SignatureFormatError('a component value holds a line break');
    return `"${c}": ${value}`;
  });
  lines.push(`"@signature-params": ${parsed.paramsRaw}`);
  return lines.join('\n');
}

/** An Ed25519 public key from its raw 32 bytes. */
export function ed25519Key(raw: Uint8Array): KeyObject {
  if (raw.byteLength !== 32) throw new TypeError('an Ed25519 public key is 32 bytes');
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(raw)]);
  return createPublicKey({ key: spki, format: 'der', type: 'spki' });
}

/** Ed25519 verification of the signature base. */
export function verifyEd25519(base: string, signature: Uint8Array, key: KeyObject): boolean {
  if (signature.byteLength !== 64) return false;
  return verify(null, Buffer.from(base, 'utf8'), key, signature);
}

/** RFC 9530 Content-Digest: true when every sha-256/sha-512 digest present matches the body, and at least one is present. */
export function contentDigestMatches(headerValue: string | undefined, body: Uint8Array): boolean {
  if (!headerValue) return false;
  let checked = 0;
  for (const part of headerValue.split(',')) {
    const m = /^\s*(sha-256|sha-512)=:([A-Za-z0-9+/]+={0,2}):\s*$/.exec(part);
    if (!m) continue;
    const expected = createHash(m[1] === 'sha-256' ? 'sha256' : 'sha512').update(body).digest();
    const given = Buffer.from(m[2] as string, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    checked++;
  }
  return checked > 0;
}
