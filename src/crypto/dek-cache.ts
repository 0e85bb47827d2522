/* The unwrapped-DEK cache: bounded in time and count, and every key it drops is zeroed
   (Buffer.fill(0)) — evicted, expired, deleted or cleared (keyring.ts, "Invariants"). */
import type { Clock } from '../lib/clock.js';

export interface DekCache {
  get(id: string): Buffer | undefined;
  /** Takes ownership of `key`: it is zeroed when evicted, expired, deleted or cleared. */
  set(id: string, key: Buffer): void;
  delete(id: string): void;
  deleteWhere(pred: (id: string) => boolean): void;
  /** Whether some cached id matches (the key stays where it is). */
  some(pred: (id: string) => boolean): boolean;
  clear(): void;
  readonly size: number;
}

/** A bounded (time and count), zeroing LRU of unwrapped keys. */
export function createDekCache(ttlMs: number, max: number, clock: Clock): DekCache {
  const map = new Map<string, { key: Buffer; expiresAt: number }>();
  const del = (id: string) => {
    const e = map.get(id);
    if (e) {
      e.key.fill(0);
      map.delete(id);
    }
  };
  return {
    get(id) {
      const e = map.get(id);
      if (!e) return undefined;
      if (e.expiresAt <= clock.now().getTime()) {
        del(id);
        return undefined;
      }
      map.delete(id); // refresh the LRU position
      map.set(id, e);
      return e.key;
    },
    set(id, key) {
      del(id);
      if (max <= 0 || ttlMs <= 0) {
        key.fill(0);
        return;
      }
      const now = clock.now().getTime();
      for (const [k, e] of [...map]) if (e.expiresAt <= now) del(k);
      while (map.size >= max) del(map.keys().next().value as string);
      map.set(id, { key, expiresAt: now + ttlMs });
    },
    delete: del,
    deleteWhere(pred) {
      for (const k of [...map.keys()]) if (pred(k)) del(k);
    },
    some(pred) {
      for (const k of map.keys()) if (pred(k)) return true;
      return false;
    },
    clear() {
      for (const k of [...map.keys()]) del(k);
    },
    get size() {
      return map.size;
    },
  };
}
