/* `palisade start`: config → database (embedded unless DATABASE_URL) → app → listen.
   SIGINT/SIGTERM: stop accepting, drain in-flight requests (bounded by
   PALISADE_SHUTDOWN_GRACE_MS), stop background work, close pools, stop the embedded server. */
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { localUrl } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { checkKekPlacement, cryptoConfig } from '../crypto/index.js';
import { connectDatabase } from '../db/index.js';
import { createLogger, scrubTokens } from '../http/logger.js';
import { buildApp } from '../app.js';
import { plainHttpHandler } from '../http/plain-http.js';

/** PORT=0 asks for a free port. The default public URL is the printed one, so the port must be
    known before the app (which signs tokens and checks origins against that URL) is built:
    take one from the kernel first. */
async function withConcretePort(config: Config): Promise<Config> {
  if (config.PORT !== 0) return config;
  const tls = Boolean(config.PALISADE_TLS_CERT);
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen({ host: config.HOST, port: 0, exclusive: true }, () => {
      const addr = probe.address();
      probe.close(() => resolve(typeof addr === 'object' && addr ? addr.port : 0));
    });
  });
  const defaulted = config.PALISADE_PUBLIC_URL === localUrl(config.HOST, 0, tls);
  return Object.freeze({ ...config, PORT: port, ...(defaulted ? { PALISADE_PUBLIC_URL: localUrl(config.HOST, port, tls) } : {}) });
}

export async function runStart(loaded: Config): Promise<void> {
  const config = await withConcretePort(loaded);
  const logger = createLogger(config.PALISADE_LOG_LEVEL, { scrub: [scrubTokens] });
  // A promise nobody awaited that rejects ends a Node process by default. Every request's
  // promises are awaited (src/db/org-tx.ts marks the ones it awaits later), so one that escapes
  // is a bug: log it loudly and keep serving everyone else (issue 20, docs/resilience.md).
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason, code: 'PAL_ERR_UNHANDLED_REJECTION' }, 'a rejected promise had no handler; kept serving');
  });
  if (config.PALISADE_DEV_MODE) logger.warn({ code: 'PAL_WARN_DEV_MODE' }, 'development mode is on: never use it in production');
  // Before the database starts: a key file where a copy of the data directory carries it stops
  // start-up at once, saying why and what to run (ENC-5).
  await checkKekPlacement(cryptoConfig(config));
  const database = await connectDatabase({
    databaseUrl: config.DATABASE_URL,
    appUrl: config.DATABASE_APP_URL,
    systemUrl: config.DATABASE_SYSTEM_URL,
    dataDir: config.PALISADE_DATA_DIR,
    poolMax: config.DATABASE_POOL_MAX,
    log: (m) => logger.debug({ component: 'db' }, m),
  });
  const app = await buildApp({ config, db: database.db, ownerUrl: database.ownerUrl, logger, mailConsole: (text) => process.stdout.write(text) });
  await app.http.listen({ host: config.HOST, port: config.PORT });
  const addr = app.http.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  const listening = localUrl(config.HOST, port, Boolean(config.PALISADE_TLS_CERT));
  process.stdout.write(`Palisade listening on ${listening}\n`);
  if (new URL(config.PALISADE_PUBLIC_URL).origin !== new URL(listening).origin) {
    process.stdout.write(`Public URL (links in mail, trusted origin): ${config.PALISADE_PUBLIC_URL}\n`);
  }

  let redirect: ReturnType<typeof createServer> | null = null;
  if (config.PALISADE_TLS_CERT && config.PALISADE_HTTP_REDIRECT_PORT !== undefined) {
    // Pages redirect to the configured public origin; the API is refused (src/http/plain-http.ts).
    redirect = createServer(plainHttpHandler(config.PALISADE_PUBLIC_URL));
    redirect.listen(config.PALISADE_HTTP_REDIRECT_PORT, config.HOST);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    const timer = setTimeout(() => {
      logger.error('drain timed out; closing connections');
      app.http.server.closeAllConnections?.();
    }, config.PALISADE_SHUTDOWN_GRACE_MS);
    timer.unref();
    try {
      redirect?.close();
      await app.http.close();
      await app.stop();
      await database.close();
      logger.info('stopped');
      process.exit(0);
    } catch (e) {
      logger.error({ err: e }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
