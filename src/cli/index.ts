/* The `palisade` command. Each command lives in its own file; this file only dispatches.
   Exit codes: 0 ok, 1 failure, 2 bad configuration or usage. */
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError } from '../config/load.js';
import { VERSION } from '../lib/version.js';

const HELP = `palisade ${VERSION} — the security core for multi-tenant SaaS

Usage: palisade <command> [options]

Commands:
  start                    Run the server (embedded PostgreSQL unless DATABASE_URL is set)
  migrate                  Apply pending database migrations and exit
  trust claims [--json]    Print the claim registry with each claim's proven status
  trust evidence [--save]  Which test evidence counts for this source (docs/trust.md)
  trust declare <category> Record an operator declaration for the trust page (declarations, withdraw)
  keys <subcommand>        Key management (rotate-kek, rotate-dek --org <id>, move-kek)
  audit <subcommand>       Audit log tools (verify [--org <id>])
  sessions revoke          Platform-wide session kill (--user <email|id> | --all) --reason <text>
  backup <subcommand>      Encrypted backups (create, list, verify <id>, restore <id>, prune)

Options:
  -h, --help               Show this help
  -v, --version            Print the version

Configuration comes from environment variables only: see docs/configuration.md.
`;

type Handler = (argv: string[]) => Promise<number>;

async function withConfig<T>(fn: (config: ReturnType<typeof loadConfig>) => Promise<T>): Promise<T> {
  return fn(loadConfig());
}

const commands: Record<string, Handler> = {
  async start() {
    const { runStart } = await import('./start.js');
    await withConfig(runStart);
    return -1; // keeps running
  },
  async migrate() {
    const { runMigrate } = await import('./migrate.js');
    return withConfig(runMigrate);
  },
  async trust(argv) {
    const { runTrust } = await import('./trust.js');
    return runTrust(argv);
  },
  async keys(argv) {
    const mod = (await optionalImport('./keys.js')) as { runKeysCommand?: (argv: string[]) => Promise<number> } | null;
    if (!mod?.runKeysCommand) throw new UsageError('keys: not available in this build');
    return mod.runKeysCommand(argv);
  },
  async sessions(argv) {
    const { runSessionsCommand } = await import('./sessions.js');
    return runSessionsCommand(argv);
  },
  async backup(argv) {
    const { runBackupCommand } = await import('./backup.js');
    return runBackupCommand(argv);
  },
  async audit(argv) {
    const mod = (await optionalImport('./audit.js')) as { runAuditCommand?: (argv: string[]) => Promise<number> } | null;
    if (!mod?.runAuditCommand) throw new UsageError('audit: not available in this build');
    return mod.runAuditCommand(argv);
  },
};

export class UsageError extends Error {}

/** Commands whose module lands with a later feature; a variable specifier keeps tsc from requiring it. */
async function optionalImport(specifier: string): Promise<unknown> {
  return import(new URL(specifier, import.meta.url).href).catch((e: unknown) => {
    if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') return null;
    throw e;
  });
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } },
    allowPositionals: true,
    strict: false,
  });
  const [name, ...rest] = positionals;
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (values.help || !name) {
    process.stdout.write(HELP);
    return name || values.help ? 0 : 2;
  }
  const handler = commands[name];
  if (!handler) {
    process.stderr.write(`palisade: unknown command '${name}'\n\n${HELP}`);
    return 2;
  }
  const restArgs = argv.slice(argv.indexOf(name) + 1);
  void rest;
  try {
    return await handler(restArgs);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`palisade: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`palisade: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`palisade: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
