/* Every postgres.js client Palisade opens goes through here, so the URL's TLS settings
   (src/lib/pg-tls.ts) mean the same on each connection. postgres.js understands `sslmode` but
   not libpq's `sslrootcert` (it would send it to the server as a setting), and it names an IP
   address's certificate by 'localhost'; so the TLS options are built here: the CAs of
   sslrootcert (else the system's), rejectUnauthorized, and the host name checked against the
   certificate whether the URL names a host or an address. node-postgres (the job queue,
   migrations) and pg_dump read the same URL themselves. ASVS V12.3.1, V12.3.2, V12.3.4. */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { checkServerIdentity, type ConnectionOptions } from 'node:tls';
import postgres from 'postgres';
import { parsePgTls } from '../lib/pg-tls.js';

/** The driver's TLS options for this URL (false: no TLS) and the URL without sslrootcert. */
export function pgTlsOptions(url: string): { url: string; ssl: ConnectionOptions | false } {
  const tls = parsePgTls(url);
  if (tls.mode === 'none') return { url, ssl: false };
  const u = new URL(url);
  u.searchParams.delete('sslrootcert');
  u.searchParams.delete('sslmode');
  const host = tls.host.replace(/^\[|\]$/g, '');
  const ssl: ConnectionOptions = {
    rejectUnauthorized: true,
    ...(tls.rootCertFile !== undefined ? { ca: readFileSync(tls.rootCertFile, 'utf8') } : {}),
    ...(isIP(host) ? {} : { servername: host }),
    checkServerIdentity: (_name, cert) => checkServerIdentity(host, cert),
  };
  return { url: u.toString(), ssl };
}

/** postgres(url, options) with the URL's TLS settings applied (a client without custom types). */
export function sqlClient(url: string, options: postgres.Options<Record<string, never>> = {}): postgres.Sql {
  const { url: clean, ssl } = pgTlsOptions(url);
  return postgres(clean, ssl ? { ...options, ssl } : options);
}
