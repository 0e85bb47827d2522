/* TLS to PostgreSQL is what the connection URL says, in libpq's own words, so one URL serves
   postgres.js, node-postgres (the job queue, migrations) and pg_dump alike:
   - `sslmode=verify-full`: TLS, the server's certificate validated against the system CAs or
     the PEM bundle named by `sslrootcert=<file>` (a private CA), host name included;
   - no `sslmode` (or `disable`): no TLS; allowed only to a server on this machine (loopback or a
     Unix socket) when PALISADE_ENV=production.
   Every mode that encrypts without validating (`require`, `prefer`, `allow`, `verify-ca`) is
   refused at start, as SMTP's validation cannot be turned off either. ASVS V12.3.1, V12.3.2,
   V12.3.4. This file only reads the URL; src/db/client.ts turns it into the driver's options. */

export interface PgTls {
  /** 'verify-full' or none. */
  mode: 'verify-full' | 'none';
  /** The PEM file of the CAs to trust; undefined: the system's CAs. */
  rootCertFile: string | undefined;
  host: string;
  /** The server is on this machine (loopback address, localhost or a Unix socket). */
  local: boolean;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '']);

/** The URL's TLS settings; throws an Error naming the problem for a mode that skips validation. */
export function parsePgTls(url: string): PgTls {
  const u = new URL(url);
  const sslmode = u.searchParams.get('sslmode') ?? u.searchParams.get('ssl');
  const root = u.searchParams.get('sslrootcert');
  const hostParam = u.searchParams.get('host'); // libpq: a socket directory
  const host = decodeURIComponent(u.hostname);
  const local = LOCAL_HOSTS.has(host) || host.startsWith('127.') || (hostParam?.startsWith('/') ?? false);
  if (sslmode === null || sslmode === 'disable' || sslmode === 'false') {
    if (root !== null) throw new Error('sslrootcert needs sslmode=verify-full');
    return { mode: 'none', rootCertFile: undefined, host, local };
  }
  if (sslmode !== 'verify-full') {
    throw new Error(`sslmode=${sslmode} does not validate the server's certificate and host name: use sslmode=verify-full (a private CA: add sslrootcert=<PEM file>)`);
  }
  return { mode: 'verify-full', rootCertFile: root === null || root === 'system' ? undefined : root, host, local };
}
