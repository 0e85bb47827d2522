/* Small shared pieces: a loader hook, the status line, tables and fields. Text only ever goes
   into the DOM as React text (escaped); nothing here sets HTML. */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { problemText } from './api/client';

export interface Loaded<T> { data: T | null; error: string | null; reload: () => void }

/** Runs `load` now and whenever `deps` change; `reload()` runs it again. */
export function useLoad<T>(load: () => Promise<{ data?: T; error?: unknown; response: Response }>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    load().then((r) => {
      if (!live) return;
      if (r.data !== undefined) setState({ data: r.data, error: null });
      else setState({ data: null, error: problemText(r.error, r.response.status) });
    }, () => live && setState({ data: null, error: 'The server could not be reached.' }));
    return () => { live = false; };
  }, [...deps, tick]);
  return { ...state, reload: useCallback(() => setTick((t) => t + 1), []) };
}

export type Say = (text: string, kind?: 'ok' | 'error' | '') => void;

/** The page's status line: announced politely to screen readers. */
export function useStatus(): [ReactNode, Say] {
  const [s, set] = useState<{ text: string; kind: string }>({ text: '', kind: '' });
  const say = useCallback<Say>((text, kind = '') => set({ text, kind }), []);
  return [<p key="status" id="status" role="status" aria-live="polite" className={s.kind}>{s.text}</p>, say];
}

/** Calls the API for a change and reports the outcome; true when it succeeded. */
export async function act(say: Say, call: Promise<{ error?: unknown; response: Response }>, done: string): Promise<boolean> {
  say('Working…');
  try {
    const r = await call;
    if (r.response.ok) {
      say(done, 'ok');
      return true;
    }
    say(problemText(r.error, r.response.status), 'error');
  } catch {
    say('The server could not be reached.', 'error');
  }
  return false;
}

export function Table<T>(props: { caption: string; cols: string[]; rows: T[] | null | undefined; row: (t: T) => ReactNode[]; empty: string; id?: string; rowKey: (t: T) => string }) {
  return (
    <table>
      <caption>{props.caption}</caption>
      <thead><tr>{props.cols.map((c) => <th scope="col" key={c}>{c}</th>)}</tr></thead>
      <tbody id={props.id}>
        {props.rows === null || props.rows === undefined
          ? <tr><td colSpan={props.cols.length}>Loading…</td></tr>
          : props.rows.length === 0
            ? <tr><td colSpan={props.cols.length}>{props.empty}</td></tr>
            : props.rows.map((r) => <tr key={props.rowKey(r)}>{props.row(r).map((c, i) => <td key={i}>{c}</td>)}</tr>)}
      </tbody>
    </table>
  );
}

export function Field(props: { id: string; label: string; children: ReactNode }) {
  return <><label htmlFor={props.id}>{props.label}</label>{props.children}</>;
}

export function LoadError({ error }: { error: string | null }) {
  return error ? <p className="error" role="alert">{error}</p> : null;
}

/** The value of a form's named control, as a string. */
export function formValue(form: HTMLFormElement, name: string): string {
  const el = form.elements.namedItem(name);
  return el && 'value' in el ? String((el as unknown as HTMLInputElement).value) : '';
}

export function when(iso: string | null | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '—';
}

/** Saves text as a file the browser downloads (a blob: URL, same origin, no server round trip). */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
