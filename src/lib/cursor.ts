/* One typed codec per paginated list. A cursor is the position of the last row of the previous
   page, as base64url JSON; it comes back from the client, so it is input like any other. Decoding
   validates every field with the list's own schema (timestamps that are real instants, ids that
   are storable text, integers that are safe) before anything reaches SQL: a forged or damaged
   cursor is a 400 `validation_failed`, never a driver error (issue 20: an unchecked `new Date('x')`
   from a cursor crashed the process). */
import { z } from 'zod';
import { ValidationFailed } from './errors.js';
import { text } from './text.js';

export interface CursorCodec<T> {
  encode(position: T): string;
  /** null for no cursor (the first page); throws ValidationFailed for a cursor this list never made. */
  decode(cursor: string | null | undefined): T | null;
}

export const MAX_CURSOR_LENGTH = 500;

export function cursorCodec<S extends z.ZodType>(schema: S): CursorCodec<z.output<S>> {
  const invalid = () => new ValidationFailed('The cursor is not valid', [{ path: '/cursor', message: 'not a cursor this list returned' }]);
  return {
    encode: (position) => Buffer.from(JSON.stringify(position), 'utf8').toString('base64url'),
    decode(cursor) {
      if (cursor === null || cursor === undefined || cursor === '') return null;
      if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
      let raw: unknown;
      try {
        raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        throw invalid();
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw invalid();
      return parsed.data;
    },
  };
}

// PostgreSQL timestamptz text as the lists emit it: ISO 8601 in UTC, up to microseconds.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z$/;

/** True when `s` is a UTC instant PostgreSQL and Date both read as the same calendar time. */
export function isInstantText(s: string): boolean {
  const m = INSTANT.exec(s);
  if (!m || m[1] === '0000') return false;
  const d = new Date(`${s.slice(0, 19)}Z`);
  // Rejects 2024-02-31 and 25:00 (Date would roll them over; PostgreSQL refuses them).
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19) === s.slice(0, 19);
}

/** A timestamp kept as text (microsecond precision survives the round trip). */
export const instantText = text().max(40).refine(isInstantText, { message: 'not a timestamp' });

/** A timestamp decoded to a Date (millisecond precision; encode with the Date itself). */
export const instantDate = instantText.transform((s) => new Date(s));

/** An id from a cursor: storable, bounded. */
export const cursorId = text().min(1).max(200);
