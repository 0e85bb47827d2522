import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAIMS, claimStatuses } from './claims.js';

describe('claim registry', () => {
  it('holds exactly the IDs of the claims catalog (docs/claims.md), each once, with the catalog’s kind', () => {
    const catalog = readFileSync(new URL('../../docs/claims.md', import.meta.url), 'utf8');
    const rows = [...catalog.matchAll(/^\| ([A-Z]+-\d+) \| .* \| (verified|configured|declared) \|$/gm)].map((m) => [m[1], m[2]]);
    expect(rows.length).toBeGreaterThan(60);
    expect(CLAIMS.map((c) => [c.id, c.kind])).toEqual(rows);
  });

  it('a verified claim is shown verified only when every named test passed', () => {
    const claim = { id: 'X-1', kind: 'verified' as const, summary: '', tests: ['a > t1', 'a > t2'] };
    expect(claimStatuses({ passed: ['a > t1', 'a > t2'] }, [claim])[0]?.status).toBe('verified');
    expect(claimStatuses({ passed: ['a > t1'] }, [claim])[0]?.status).toBe('not_yet');
    expect(claimStatuses(null, [claim])[0]?.status).toBe('not_yet');
    expect(claimStatuses({ passed: [] }, [{ ...claim, tests: [] }])[0]?.status).toBe('not_yet');
    expect(claimStatuses(null, [{ ...claim, kind: 'declared' }])[0]?.status).toBe('declared');
  });

  it('every test a claim names sits in a file that exists and mentions the claim ID', () => {
    for (const c of CLAIMS) {
      for (const t of c.tests) {
        const [file] = t.split(' > ');
        const text = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
        expect(text, `${c.id}: ${t}`).toContain(c.id);
      }
    }
  });
});
