import { describe, expect, it } from 'vitest';
import { newId, newRequestId } from './ids.js';

describe('ids', () => {
  it('ids from the pooled CSPRNG never repeat, across many pool refills, and keep their format', () => {
    const ids = Array.from({ length: 20_000 }, () => newId('evt'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^evt_[a-z2-7]{26}$/.test(id))).toBe(true);
    const reqs = Array.from({ length: 5_000 }, () => newRequestId());
    expect(new Set(reqs).size).toBe(reqs.length);
    expect(reqs.every((id) => /^req_[A-Za-z0-9_-]{16}$/.test(id))).toBe(true);
  });

  it('successive ids share no bytes (each pool byte is handed out once)', () => {
    const a = newId('x').slice(2);
    const b = newId('x').slice(2);
    expect(a).not.toBe(b);
    // 26 base32 characters each: equal halves would mean reused bytes.
    expect(a.slice(0, 13)).not.toBe(b.slice(0, 13));
  });
});
