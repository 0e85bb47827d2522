/* Every SQL statement of the trust module: operator declarations (platform rows, withSystem). */
import type { SystemTx } from '../db/index.js';

export type DeclarationCategory = 'claim' | 'certification' | 'pentest' | 'hosting' | 'training' | 'other';
export const DECLARATION_CATEGORIES: readonly DeclarationCategory[] = ['claim', 'certification', 'pentest', 'hosting', 'training', 'other'];

export interface Declaration {
  id: string;
  category: DeclarationCategory;
  claimId: string | null;
  title: string;
  detail: string;
  url: string | null;
  /** YYYY-MM-DD: when the fact holds from (the audit's, the test's date). */
  dated: string;
  validUntil: string | null;
  declaredBy: string;
  declaredAt: string;
  withdrawnAt: string | null;
}

interface Row {
  id: string; category: DeclarationCategory; claim_id: string | null; title: string; detail: string; url: string | null;
  dated: string; valid_until: string | null; declared_by: string; declared_at: Date; withdrawn_at: Date | null;
}

const toDeclaration = (r: Row): Declaration => ({
  id: r.id, category: r.category, claimId: r.claim_id, title: r.title, detail: r.detail, url: r.url, dated: r.dated, validUntil: r.valid_until,
  declaredBy: r.declared_by, declaredAt: r.declared_at.toISOString(), withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
});

export async function listDeclarations(tx: SystemTx, opts: { includeWithdrawn?: boolean } = {}): Promise<Declaration[]> {
  const rows = await tx.sql<Row[]>`
    select id, category, claim_id, title, detail, url, dated::text as dated, valid_until::text as valid_until, declared_by, declared_at, withdrawn_at
      from trust_declarations
     where (${opts.includeWithdrawn ?? false}::boolean or withdrawn_at is null)
     order by dated desc, declared_at desc, id`;
  return rows.map(toDeclaration);
}

export async function insertDeclaration(tx: SystemTx, d: Omit<Declaration, 'withdrawnAt'>): Promise<void> {
  await tx.sql`
    insert into trust_declarations (id, category, claim_id, title, detail, url, dated, valid_until, declared_by, declared_at)
    values (${d.id}, ${d.category}, ${d.claimId}, ${d.title}, ${d.detail}, ${d.url}, ${d.dated}, ${d.validUntil}, ${d.declaredBy}, ${d.declaredAt})`;
}

export async function withdrawDeclaration(tx: SystemTx, id: string, at: Date): Promise<boolean> {
  const rows = await tx.sql`update trust_declarations set withdrawn_at = ${at} where id = ${id} and withdrawn_at is null returning id`;
  return rows.length === 1;
}
