import { useState } from 'react';
import { api } from '../api/client';
import { Field, LoadError, Table, act, formValue, useLoad, useStatus, when } from '../ui';

export function Keys() {
  const [status, say] = useStatus();
  const [secret, setSecret] = useState<string | null>(null);
  const keys = useLoad(() => api.GET('/v1/org/api-keys'), []);
  const catalogue = useLoad(() => api.GET('/v1/permissions'), []);
  const scopes = catalogue.data?.permissions.filter((p) => p.keyScopable).map((p) => p.name) ?? [];
  return (
    <>
      <h1>API keys</h1>
      {status}
      <form onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const name = formValue(form, 'name');
        const expires = formValue(form, 'expires');
        setSecret(null);
        const r = await api.POST('/v1/org/api-keys', { body: { name, scopes: [formValue(form, 'scope')], ...(expires ? { expiresAt: new Date(`${expires}T23:59:59Z`).toISOString() } : {}) } });
        if (await act(say, Promise.resolve(r), `Key ${name} created.`) && r.data) {
          setSecret(r.data.key);
          form.reset();
          keys.reload();
        }
      }}>
        <Field id="key-name" label="Key name"><input id="key-name" name="name" required maxLength={100} autoComplete="off" /></Field>
        <Field id="key-scope" label="Scope"><select id="key-scope" name="scope">{scopes.map((s) => <option key={s}>{s}</option>)}</select></Field>
        <Field id="key-expires" label="Expires on (optional)"><input id="key-expires" name="expires" type="date" /></Field>
        <button type="submit">Create key</button>
      </form>
      {secret ? (
        <div id="new-key" className="once" role="alert">
          <p><strong>Copy this key now: it is shown only once.</strong> Palisade keeps only its hash.</p>
          <p><code id="new-key-value">{secret}</code></p>
          <button type="button" onClick={() => setSecret(null)}>I have copied it</button>
        </div>
      ) : null}
      <LoadError error={keys.error} />
      <Table id="keys" caption="Keys (the key itself is never shown again)" cols={['Name', 'Scopes', 'Hint', 'Status', 'Last used', 'Expires', 'Actions']} rows={keys.data?.items} rowKey={(k) => k.id} empty="No keys."
        row={(k) => [k.name, k.scopes.join(', '), k.hint, k.status, k.lastUsedAt ? `${when(k.lastUsedAt)} from ${k.lastUsedIp ?? '?'}` : 'never', when(k.expiresAt), k.status === 'active' ? (
          <button key="revoke" type="button" className="danger" aria-label={`Revoke key ${k.name}`} onClick={async () => { if (await act(say, api.DELETE('/v1/org/api-keys/{id}', { params: { path: { id: k.id } } }), `Key ${k.name} revoked.`)) keys.reload(); }}>Revoke</button>
        ) : '']} />
    </>
  );
}
