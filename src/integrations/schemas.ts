/* Request and response schemas of the integration vault. Response schemas list metadata fields
   only; there is no field a credential could travel back in (INT-4). */
import { z } from 'zod';
import { PROVIDER_IDS } from './providers.js';

export const providerId = z.enum(PROVIDER_IDS);

export const providerList = z.object({
  items: z.array(
    z.object({
      id: providerId,
      name: z.string(),
      description: z.string(),
      credentialFormat: z.string(),
      scopes: z.array(z.object({ name: z.string(), description: z.string() })),
    }),
  ),
});

export const connectBody = z.strictObject({
  provider: providerId,
  name: z.string().trim().min(1).max(100),
  credential: z.string().min(1).max(4096),
});

export const rotateBody = z.strictObject({
  credential: z.string().min(1).max(4096),
});

export const idParams = z.strictObject({ id: z.string().min(1).max(100) });

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});

export const integration = z.object({
  id: z.string(),
  provider: z.string(),
  name: z.string(),
  fingerprint: z.string(),
  last4: z.string().nullable(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  rotatedAt: z.string().nullable(),
});

export const integrationList = z.object({ items: z.array(integration), nextCursor: z.string().nullable() });
