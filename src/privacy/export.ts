/* A person's data export (PRIV-1): everything the registry says Palisade holds about them, as one
   JSON archive with a manifest (docs/privacy.md, "Export format").

   Invariants
   - Sections come from the registry (registry.ts) and are read by the readers in repo.ts, in one
     transaction, so the archive is one consistent picture.
   - scope null: the person's own export, every organisation. scope = an organisation: an admin's
     export of a member, only that organisation's rows, and only sections the registry marks
     orgScoped (no sessions, factors or other organisations).
   - No secret, hash or key material is selected by any reader. */
import type { Sql } from 'postgres';
import { PERSON_DATA } from './registry.js';
import { SECTION_READERS } from './repo.js';

export const EXPORT_FORMAT = 'palisade.personal-data-export';
export const EXPORT_VERSION = 1;

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  version: number;
  /** Where the format is documented. */
  schema: string;
  subject: string;
  scope: { kind: 'self' } | { kind: 'organisation'; orgId: string };
  generatedAt: string;
  exportId: string;
  sections: Array<{ name: string; module: string; table: string; records: number; holds: string }>;
  excluded: Array<{ module: string; table: string; reason: string }>;
}

export interface Archive {
  manifest: ExportManifest;
  data: Record<string, unknown[]>;
}

export async function buildArchive(sql: Sql, a: { exportId: string; userId: string; scope: string | null; now: Date }): Promise<{ json: string; records: number }> {
  const sections: ExportManifest['sections'] = [];
  const excluded: ExportManifest['excluded'] = [];
  const data: Record<string, unknown[]> = {};
  let records = 0;
  for (const e of PERSON_DATA) {
    if ('excluded' in e.export) {
      excluded.push({ module: e.module, table: e.table, reason: e.export.excluded });
      continue;
    }
    if (a.scope !== null && !e.export.orgScoped) {
      excluded.push({ module: e.module, table: e.table, reason: 'Not part of an organisation\'s export of a member; the person\'s own export holds it' });
      continue;
    }
    const read = SECTION_READERS[e.export.section];
    if (!read) throw new TypeError(`no reader for export section ${e.export.section}`);
    const rows = await read(sql, a.userId, a.scope);
    data[e.export.section] = [...rows];
    records += rows.length;
    sections.push({ name: e.export.section, module: e.module, table: e.table, records: rows.length, holds: e.holds });
  }
  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    schema: 'docs/privacy.md#export-format',
    subject: a.userId,
    scope: a.scope === null ? { kind: 'self' } : { kind: 'organisation', orgId: a.scope },
    generatedAt: a.now.toISOString(),
    exportId: a.exportId,
    sections,
    excluded,
  };
  return { json: JSON.stringify({ manifest, data } satisfies Archive), records };
}
