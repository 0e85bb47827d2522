import { api } from '../api/client';
import { Field, LoadError, Table, act, formValue, useLoad, useStatus, when } from '../ui';

type Provider = 'stripe' | 'webhook_url' | 'smtp' | 'sms';

export function Integrations() {
  const [status, say] = useStatus();
  const providers = useLoad(() => api.GET('/v1/integrations/providers'), []);
  const list = useLoad(() => api.GET('/v1/org/integrations', { params: { query: { limit: 100 } } }), []);
  return (
    <>
      <h1>Integrations</h1>
      {status}
      <p>Credentials are sealed with the organisation's key (ENC-3) and never shown again; only a fingerprint and the last characters are kept visible.</p>
      <form onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const name = formValue(form, 'name');
        if (await act(say, api.POST('/v1/org/integrations', { body: { provider: formValue(form, 'provider') as Provider, name, credential: formValue(form, 'credential') } }), `Integration ${name} added.`)) {
          form.reset();
          list.reload();
        }
      }}>
        <Field id="int-provider" label="Provider"><select id="int-provider" name="provider">{providers.data?.items.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></Field>
        <Field id="int-name" label="Integration name"><input id="int-name" name="name" required maxLength={100} autoComplete="off" /></Field>
        <Field id="int-credential" label="Credential"><input id="int-credential" name="credential" type="password" required autoComplete="off" /></Field>
        <button type="submit">Add integration</button>
      </form>
      <LoadError error={list.error} />
      <Table id="integrations" caption="Integrations of this organisation" cols={['Name', 'Provider', 'Fingerprint', 'Scopes', 'Rotated', 'Actions']} rows={list.data?.items} rowKey={(i) => i.id} empty="No integrations."
        row={(i) => [i.name, i.provider, `${i.fingerprint}${i.last4 ? ` …${i.last4}` : ''}`, i.scopes.join(', '), when(i.rotatedAt ?? i.createdAt), (
          <span key="a">
            <form className="inline" onSubmit={async (e) => {
              e.preventDefault();
              if (await act(say, api.POST('/v1/org/integrations/{id}/rotate', { params: { path: { id: i.id } }, body: { credential: formValue(e.currentTarget, 'credential') } }), `Credential of ${i.name} rotated.`)) list.reload();
            }}>
              <label htmlFor={`rot-${i.id}`} className="sr-only">New credential for {i.name}</label>
              <input id={`rot-${i.id}`} name="credential" type="password" required autoComplete="off" placeholder="new credential" />
              <button type="submit" aria-label={`Rotate the credential of ${i.name}`}>Rotate</button>
            </form>{' '}
            <button type="button" className="danger" aria-label={`Delete integration ${i.name}`} onClick={async () => { if (await act(say, api.DELETE('/v1/org/integrations/{id}', { params: { path: { id: i.id } } }), `Integration ${i.name} deleted.`)) list.reload(); }}>Delete</button>
          </span>
        )]} />
      <h2>Providers</h2>
      <LoadError error={providers.error} />
      <Table caption="What each provider's credential looks like" cols={['Provider', 'Description', 'Credential format']} rows={providers.data?.items} rowKey={(p) => p.id} empty="None." row={(p) => [p.name, p.description, p.credentialFormat]} />
    </>
  );
}
