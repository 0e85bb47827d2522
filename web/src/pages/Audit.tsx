/* The audit log: filters, pages, export, and per record the in-browser verification of its
   inclusion proof and its checkpoint's signature against the verifier key pinned in this
   browser (AUD-3; verify.ts). */
import { useEffect, useState } from 'react';
import { api, problemText, reason } from '../api/client';
import type { paths } from '../api/schema';
import { useMe } from '../App';
import { Field, LoadError, act, download, formValue, useStatus, when } from '../ui';
import { parseVerifierKey, pinVerifierKey, verifyRecordProof, type VerifierKey } from '../verify';

type Query = NonNullable<paths['/v1/org/audit/events']['get']['parameters']['query']>;
type Event = paths['/v1/org/audit/events']['get']['responses'][200]['content']['application/json']['items'][number];
type Filter = Omit<Query, 'limit' | 'cursor'>;

let pinned: Promise<VerifierKey> | null = null;
async function verifierKey(show: (k: string) => void): Promise<VerifierKey> {
  pinned ??= (async () => {
    const r = await api.GET('/v1/audit/verifier-key', { parseAs: 'text' });
    if (!r.response.ok || typeof r.data !== 'string') throw new Error(problemText(r.error, r.response.status));
    const served = pinVerifierKey(r.data.trim(), localStorage);
    show(served);
    return parseVerifierKey(served);
  })();
  try {
    return await pinned;
  } catch (e) {
    pinned = null;
    throw e;
  }
}

function Verify({ e }: { e: Event }) {
  const { orgId } = useMe();
  const [out, setOut] = useState<{ text: string; ok: boolean } | null>(null);
  if (e.leafIndex === null) return <>not sealed yet</>;
  return (
    <>
      <button type="button" aria-label={`Verify record ${e.action} of ${when(e.occurredAt)}`} onClick={async () => {
        setOut({ text: 'verifying…', ok: false });
        try {
          const vk = await verifierKey((k) => { const el = document.getElementById('vkey'); if (el) el.textContent = k; });
          const r = await api.GET('/v1/org/audit/events/{id}/proof', { params: { path: { id: e.id } }, headers: reason('verify a record') });
          if (!r.data) throw new Error(problemText(r.error, r.response.status));
          setOut({ text: await verifyRecordProof(r.data, vk, orgId), ok: true });
        } catch (err) {
          setOut({ text: `Not verified: ${(err as Error).message}`, ok: false });
        }
      }}>Verify</button>{' '}
      {out ? <span className={out.ok ? 'ok' : 'error'} role="status">{out.text}</span> : null}
    </>
  );
}

function toFilter(form: HTMLFormElement): Filter {
  const f: Filter = {};
  const prefix = formValue(form, 'actionPrefix');
  const outcome = formValue(form, 'outcome');
  const actorType = formValue(form, 'actorType');
  const from = formValue(form, 'from');
  const to = formValue(form, 'to');
  if (prefix) f.actionPrefix = prefix;
  if (outcome) f.outcome = outcome as Filter['outcome'];
  if (actorType) f.actorType = actorType as Filter['actorType'];
  if (from) f.from = new Date(`${from}T00:00:00Z`).toISOString();
  if (to) f.to = new Date(`${to}T23:59:59.999Z`).toISOString();
  return f;
}

export function Audit() {
  const [status, say] = useStatus();
  const [filter, setFilter] = useState<Filter>({});
  const [items, setItems] = useState<Event[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (f: Filter, after: string | null) => {
    const r = await api.GET('/v1/org/audit/events', { params: { query: { ...f, limit: 50, ...(after ? { cursor: after } : {}) } }, headers: reason('browse the audit log') });
    if (!r.data) {
      setError(problemText(r.error, r.response.status));
      return;
    }
    setError(null);
    setItems((prev) => (after && prev ? [...prev, ...r.data.items] : r.data.items));
    setCursor(r.data.nextCursor);
  };
  useEffect(() => {
    load({}, null).catch(() => setError('The server could not be reached.'));
  }, []);

  return (
    <>
      <h1>Audit log</h1>
      {status}
      <form className="filters" onSubmit={(e) => {
        e.preventDefault();
        const f = toFilter(e.currentTarget);
        setFilter(f);
        void load(f, null);
      }}>
        <Field id="f-action" label="Action starts with"><input id="f-action" name="actionPrefix" maxLength={100} autoComplete="off" /></Field>
        <Field id="f-outcome" label="Outcome"><select id="f-outcome" name="outcome"><option value="">any</option><option>allowed</option><option>denied</option><option>failed</option></select></Field>
        <Field id="f-actor" label="Actor type"><select id="f-actor" name="actorType"><option value="">any</option><option>user</option><option>api_key</option><option>system</option><option>anonymous</option><option>agent</option></select></Field>
        <Field id="f-from" label="From (UTC day)"><input id="f-from" name="from" type="date" /></Field>
        <Field id="f-to" label="To (UTC day)"><input id="f-to" name="to" type="date" /></Field>
        <button type="submit">Filter</button>{' '}
        <button type="button" onClick={async () => {
          const r = await api.GET('/v1/org/audit/export', { params: { query: filter }, headers: reason('export the audit log'), parseAs: 'text' });
          if (await act(say, Promise.resolve(r), 'Exported the records that match the filter (JSON Lines).') && typeof r.data === 'string') download('audit.jsonl', r.data, 'application/jsonl');
        }}>Export</button>
      </form>
      <p>Verifier key (pinned in this browser): <code id="vkey">{localStorage.getItem('palisade.vkey') ?? 'not pinned yet'}</code></p>
      <LoadError error={error} />
      <table>
        <caption>Audit records, newest first</caption>
        <thead><tr><th scope="col">Time</th><th scope="col">Action</th><th scope="col">Actor</th><th scope="col">Target</th><th scope="col">Outcome</th><th scope="col">Proof</th></tr></thead>
        <tbody id="audit">
          {items === null ? <tr><td colSpan={6}>Loading…</td></tr> : items.length === 0 ? <tr><td colSpan={6}>No records.</td></tr> : items.map((e) => (
            <tr key={e.id}>
              <td>{when(e.occurredAt)}</td><td>{e.action}</td><td>{e.actor.type}{e.actor.id ? ` ${e.actor.id}` : ''}</td>
              <td>{e.target ? `${e.target.type ?? ''} ${e.target.id ?? ''}` : ''}</td><td>{e.outcome}</td><td><Verify e={e} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      {cursor ? <button type="button" onClick={() => void load(filter, cursor)}>Load more</button> : null}
    </>
  );
}
