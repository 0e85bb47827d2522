/* A link is mailed only once the token it carries is committed. Sign-up and forgot-password
   write the token in a transaction and mail the link in the background; a mail sent from inside
   that transaction could reach a fast reader (a script, a mail client's link preview) before the
   commit, and the link was then "invalid or expired" although nothing was wrong with it — seen as
   an intermittent invalid_token in the passkey browser suite under load. Here the mailer itself is
   the fastest possible reader: at the moment it is asked to deliver, it follows the link. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createTestDb, type TestDb } from '../../test/fixtures/db.js';
import { loadConfig } from '../config/load.js';
import { fixedClock } from '../lib/clock.js';
import { createMailer, type Mailer } from '../mail/index.js';
import { createIdentity, identityConfig, type Identity } from './index.js';
import { tokenLookupHash } from './tokens.js';

describe('a mailed link works the moment it is mailed', () => {
  const logger = pino({ level: 'silent' });
  const clock = fixedClock('2036-05-05T10:00:00Z');
  const config = identityConfig(loadConfig({ PALISADE_DEV_MODE: '1' }));
  const source = { ip: '203.0.113.21', userAgent: 'vitest', requestId: 'req_commit' };
  const email = 'commit.first@example.com';
  /** What following each link answered at the moment of delivery: 'ok' or the refusal's code. */
  const followed: Array<{ subject: string; result: string }> = [];
  let testDb: TestDb;
  let identity: Identity;

  const follow = async (text: string): Promise<string> => {
    const m = /\/(verify-email|reset-password)#token=([A-Za-z0-9_%-]+)/.exec(text);
    if (!m) return 'no link';
    const token = decodeURIComponent(m[2]!);
    // First, in one statement on another connection: is the token's row there for anyone to see?
    const hash = tokenLookupHash(m[1] === 'verify-email' ? 'verify_email' : 'password_reset', token);
    const [seen] = await testDb.db.system<{ n: number }[]>`select count(*)::int as n from email_tokens where token_hash = ${hash}`;
    if (seen?.n !== 1) return 'token not committed';
    try {
      if (m[1] === 'verify-email') await identity.accounts.verifyEmail(token, source);
      else await identity.accounts.resetPassword(token, 'a fresh harbour password 31', source);
      return 'ok';
    } catch (e) {
      return (e as { code?: string }).code ?? String(e);
    }
  };

  beforeAll(async () => {
    testDb = await createTestDb();
    const real = createMailer({ from: 'Palisade <no-reply@localhost>', db: testDb.db, logger, clock });
    const mailer: Mailer = {
      ...real,
      async deliver(message) {
        followed.push({ subject: message.subject, result: await follow(message.text) });
        return real.deliver(message);
      },
    };
    identity = await createIdentity({ db: testDb.db, clock, logger, config, mailer, heartbeatMs: 200 });
  });
  afterAll(async () => {
    await identity?.stop();
    await testDb?.drop();
  });

  it('AUTH-14: the verification link of a sign-up is valid when its mail is handed to the mailer', async () => {
    await identity.accounts.signUp({ email, password: 'quartz meadow lantern 58' }, source);
    await identity.idle();
    expect(followed).toHaveLength(1);
    expect(followed[0]!.result).toBe('ok');
  });

  it('AUTH-5, AUTH-14: the reset link of forgot-password is valid when its mail is handed to the mailer', async () => {
    followed.length = 0;
    await identity.accounts.forgotPassword(email, source);
    await identity.idle();
    const reset = followed.find((f) => f.result !== 'no link');
    expect(reset?.result).toBe('ok');
  });
});
