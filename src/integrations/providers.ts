/* The providers an organisation can connect, the minimal scopes each needs (shown before a
   credential is connected, INT-2), and the shape each credential must have. A Stripe secret key
   is refused whichever provider it is offered to (INT-1): it is never a valid credential here,
   and refusing it everywhere means it cannot slip in under another provider's name. */
import { IntegrationCredentialInvalid, StripeSecretKeyRefused } from './errors.js';

export const PROVIDER_IDS = ['stripe', 'webhook_url', 'smtp', 'sms'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export interface ProviderScope {
  name: string;
  description: string;
}

export interface ProviderInfo {
  id: ProviderId;
  name: string;
  description: string;
  /** What to paste, in words (never an example secret). */
  credentialFormat: string;
  /** The minimal permissions the credential should carry, and nothing more. */
  scopes: readonly ProviderScope[];
}

export const PROVIDERS: Readonly<Record<ProviderId, ProviderInfo>> = {
  stripe: {
    id: 'stripe',
    name: 'Stripe',
    description: 'Reads billing state (customers, subscriptions, invoices) to keep plans in sync.',
    credentialFormat:
      'A restricted API key (rk_live_… or rk_test_…). In the Stripe dashboard create a restricted key with Read on the scopes below and None on everything else. Secret keys (sk_…) are refused.',
    scopes: [
      { name: 'customers:read', description: 'Customers: Read' },
      { name: 'subscriptions:read', description: 'Subscriptions: Read' },
      { name: 'invoices:read', description: 'Invoices: Read' },
    ],
  },
  webhook_url: {
    id: 'webhook_url',
    name: 'Notification webhook',
    description: 'Posts security notifications (alerts, incident updates) to a chat or incident tool.',
    credentialFormat: 'An https:// incoming-webhook URL (it usually embeds a token, so it is stored like a secret).',
    scopes: [{ name: 'messages:post', description: 'Post messages to the one channel the URL belongs to' }],
  },
  smtp: {
    id: 'smtp',
    name: 'SMTP mail relay',
    description: "Sends this organisation's security email (invitations, alerts) through its own mail server.",
    credentialFormat:
      'An SMTP URL with credentials: smtps://user:password@host:465, or smtp://user:password@host:587 (STARTTLS is required). Use an account that may only send.',
    scopes: [{ name: 'mail:send', description: 'Submit mail for delivery as this account; no mailbox access' }],
  },
  sms: {
    id: 'sms',
    name: 'SMS gateway',
    description: 'Sends verification codes and alert text messages (Twilio-style account id and auth token).',
    credentialFormat: 'ACCOUNT_ID:AUTH_TOKEN (for Twilio: the Account SID and an API auth token). Use a sub-account limited to messaging.',
    scopes: [{ name: 'messages:send', description: 'Send text messages; no access to call logs, numbers or billing' }],
  },
};

export interface CheckedCredential {
  /** The value to encrypt (trimmed). */
  value: string;
  /** The secret part the last 4 characters are taken from, or null when it is too short to show any. */
  secretPart: string | null;
}

const STRIPE_SECRET = /(^|[^A-Za-z0-9])sk_(live|test)_/;
const STRIPE_RESTRICTED = /^rk_(live|test)_[A-Za-z0-9]{10,247}$/;
/** Showing 4 characters of a short secret gives too much of it away. */
const MIN_LENGTH_FOR_LAST4 = 12;

function showable(secret: string): string | null {
  return secret.length >= MIN_LENGTH_FOR_LAST4 ? secret : null;
}

/** Validates a credential for its provider. Throws StripeSecretKeyRefused or
    IntegrationCredentialInvalid; neither carries the value. */
export function checkCredential(provider: ProviderId, raw: string): CheckedCredential {
  const value = raw.trim();
  if (STRIPE_SECRET.test(value)) throw new StripeSecretKeyRefused();
  switch (provider) {
    case 'stripe': {
      if (!STRIPE_RESTRICTED.test(value)) {
        throw new IntegrationCredentialInvalid('Stripe needs a restricted key that starts with rk_live_ or rk_test_');
      }
      return { value, secretPart: showable(value) };
    }
    case 'webhook_url': {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new IntegrationCredentialInvalid('The webhook must be an https:// URL');
      }
      if (url.protocol !== 'https:' || url.hostname === '' || value.length > 2048) {
        throw new IntegrationCredentialInvalid('The webhook must be an https:// URL of at most 2048 characters');
      }
      if (url.username || url.password) {
        throw new IntegrationCredentialInvalid('The webhook URL must not contain a user name or password');
      }
      return { value, secretPart: showable(value) };
    }
    case 'smtp': {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        throw new IntegrationCredentialInvalid('SMTP needs a URL like smtps://user:password@host:465');
      }
      if ((url.protocol !== 'smtps:' && url.protocol !== 'smtp:') || url.hostname === '' || !url.username || !url.password) {
        throw new IntegrationCredentialInvalid('SMTP needs a URL like smtps://user:password@host:465, with a user name and password');
      }
      return { value, secretPart: showable(decodeURIComponent(url.password)) };
    }
    case 'sms': {
      const m = /^([A-Za-z0-9_-]{8,64}):([A-Za-z0-9_-]{16,128})$/.exec(value);
      if (!m) throw new IntegrationCredentialInvalid('SMS needs ACCOUNT_ID:AUTH_TOKEN');
      return { value, secretPart: showable(m[2] as string) };
    }
  }
}
