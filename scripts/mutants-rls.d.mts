/* Types of scripts/mutants-rls.mjs, for src/db/rls.mutants.test.ts. */
import type { Sql } from 'postgres';

export interface RlsMutant {
  id: string;
  kind: string;
  schema: string;
  table: string;
  policy: string | null;
  /** The migration that creates the policy or enables RLS on the table, when it names it literally. */
  source: string | null;
  /** The one statement that makes the mutant. */
  sql: string;
}
export interface RlsTable { schema: string; table: string; rls: boolean; force: boolean; appOwns: boolean; appHolds: boolean; hasOrg: boolean }
export const ORG_SETTING: string;
export const APP_ROLE: string;
export const SCHEMAS: string[];
export const RLS_TESTS: string[];
export const KINDS: string[];
export function migrationSources(dir?: string): { policy: Map<string, string>; rls: Map<string, string> };
export function generateMutants(sql: Sql, sources?: { policy: Map<string, string>; rls: Map<string, string> }): Promise<{
  tables: RlsTable[];
  policies: { schema: string; table: string; policy: string; cmd: string; qual: string | null; check: string | null }[];
  mutants: RlsMutant[];
  skipped: { table: string; kind: string; why: string }[];
}>;
