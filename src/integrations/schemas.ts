/* Request and response schemas of the integration vault. Response schemas list metadata fields
   only; there is no field a credential could travel back in (INT-4). */
import { z } from 'zod';
import { text } from '../lib/text.js';
import { PROVIDER_IDS } from './providers.js';

export const providerId = z.enum(PROVIDER_IDS);

export const providerList = z.object({
  items: z.array(
    z.object({
      id: providerId,
      name: text(),
      description: text(),
      credentialFormat: text(),
      scopes: z.array(z.object({ name: text(), description: text() })),
    }),
  ),
});

export const connectBody = z.strictObject({
  provider: providerId,
  name: text().trim().min(1).max(100),
  credential: text().min(1).max(4096),
});

export const rotateBody = z.strictObject({
  credential: text().min(1).max(4096),
});

export const idParams = z.strictObject({ id: text().min(1).max(100) });

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: text().max(500).optional(),
});

export const integration = z.object({
  id: text(),
  provider: text(),
  name: text(),
  fingerprint: text(),
  last4: text().nullable(),
  scopes: z.array(text()),
  createdAt: text(),
  rotatedAt: text().nullable(),
});

export const integrationList = z.object({ items: z.array(integration), nextCursor: text().nullable() });
