/* Request and response schemas of the passkey routes. The browser's PublicKeyCredential JSON
   (WebAuthn Level 3 toJSON(), the shape @simplewebauthn/browser sends): strict objects,
   base64url strings with bounds; only clientExtensionResults is open (authenticators add
   members to it). */
import { z } from 'zod';
import { text } from '../../lib/text.js';

const b64url = (max: number) => text().min(1).max(max).regex(/^[A-Za-z0-9_-]+$/, 'base64url');
const transports = z.array(z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb'])).max(8);
const attachment = z.enum(['platform', 'cross-platform']);
const extensions = z.looseObject({}).describe('Client extension results (open)');

export const registrationResponse = z.strictObject({
  id: b64url(1400),
  rawId: b64url(1400),
  type: z.literal('public-key'),
  response: z.strictObject({
    clientDataJSON: b64url(4096),
    attestationObject: b64url(16384),
    authenticatorData: b64url(8192).optional(),
    transports: transports.optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url(4096).optional(),
  }),
  authenticatorAttachment: attachment.optional(),
  clientExtensionResults: extensions,
});

export const authenticationResponse = z.strictObject({
  id: b64url(1400),
  rawId: b64url(1400),
  type: z.literal('public-key'),
  response: z.strictObject({
    clientDataJSON: b64url(4096),
    authenticatorData: b64url(8192),
    signature: b64url(2048),
    userHandle: b64url(128).nullable().optional(),
  }),
  authenticatorAttachment: attachment.optional(),
  clientExtensionResults: extensions,
});

const name = text().trim().min(1).max(100);
export const registerBody = z.strictObject({ name: name.optional(), response: registrationResponse });
export const renameBody = z.strictObject({ name });
export const verifyBody = z.strictObject({ response: authenticationResponse });
export const idParams = z.strictObject({ id: text().min(1).max(64) });

export const passkey = z.object({
  id: text(),
  name: text(),
  aaguid: text(),
  deviceType: z.enum(['singleDevice', 'multiDevice']),
  backedUp: z.boolean(),
  transports: z.array(text()),
  createdAt: text(),
  lastUsedAt: text().nullable(),
});
export const passkeyList = z.object({ items: z.array(passkey) });
export const registered = z.object({
  passkey,
  recoveryCodes: z.array(text()).optional().describe('Ten recovery codes, shown once, when this passkey is your first second factor'),
  csrfToken: text().optional(),
});
/** PublicKeyCredentialCreationOptionsJSON / RequestOptionsJSON, as the browser's
    PublicKeyCredential.parseCreationOptionsFromJSON (or @simplewebauthn/browser) takes them. */
export const options = z.object({ options: z.looseObject({ challenge: text() }) });
export const verified = z.object({
  mode: z.enum(['sign_in', 'second_factor', 'step_up']),
  userId: text(),
  csrfToken: text().optional(),
});

export const problem = z.looseObject({ type: text(), title: text(), status: z.number(), detail: text().optional(), code: text(), requestId: text().optional() })
  .describe('RFC 9457 problem details (application/problem+json) with a stable `code` (docs/errors.md)');

/** The refusals a route may give beyond those every route of its kind gives. */
export function problems(...statuses: number[]): Record<number, typeof problem> {
  return Object.fromEntries(statuses.map((s) => [s, problem]));
}
