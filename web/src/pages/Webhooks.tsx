import { useState } from 'react';
import { api } from '../api/client';
import { Field, LoadError, Table, act, formValue, useLoad, useStatus, when } from '../ui';

export function Webhooks() {
  const [status, say] = useStatus();
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<{ id: string; url: string } | null>(null);
  const endpoints = useLoad(() => api.GET('/v1/org/webhooks'), []);
  const deliveries = useLoad(() => (open ? api.GET('/v1/org/webhooks/{endpointId}/deliveries', { params: { path: { endpointId: open.id } } }) : Promise.resolve({ data: { items: [] }, response: new Response() })), [open?.id]);
  return (
    <>
      <h1>Webhooks</h1>
      {status}
      <p>Signed outbound events (Standard Webhooks). Addresses inside private networks are refused (SSRF guard).</p>
      <form onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const url = formValue(form, 'url');
        const description = formValue(form, 'description');
        const eventTypes = formValue(form, 'events').split(',').map((s) => s.trim()).filter(Boolean);
        setSecret(null);
        const r = await api.POST('/v1/org/webhooks', { body: { url, eventTypes, ...(description ? { description } : {}) } });
        if (await act(say, Promise.resolve(r), `Endpoint ${url} added.`) && r.data) {
          setSecret(r.data.secret);
          form.reset();
          endpoints.reload();
        }
      }}>
        <Field id="wh-url" label="Endpoint URL (https)"><input id="wh-url" name="url" type="url" required autoComplete="off" /></Field>
        <Field id="wh-desc" label="Description"><input id="wh-desc" name="description" maxLength={500} autoComplete="off" /></Field>
        <Field id="wh-events" label="Event types (comma-separated, e.g. member.added, api_key.*)"><input id="wh-events" name="events" required autoComplete="off" /></Field>
        <button type="submit">Add endpoint</button>
      </form>
      {secret ? <div className="once" role="alert"><p><strong>Copy the signing secret now: it is shown only once.</strong></p><p><code>{secret}</code></p></div> : null}
      <LoadError error={endpoints.error} />
      <Table id="webhooks" caption="Endpoints" cols={['URL', 'Events', 'Status', 'Failures', 'Actions']} rows={endpoints.data?.items} rowKey={(w) => w.id} empty="No endpoints."
        row={(w) => [w.url, w.eventTypes.join(', '), w.status + (w.disabledReason ? ` (${w.disabledReason})` : ''), String(w.failureStreak), (
          <span key="a">
            <button type="button" aria-label={`Deliveries to ${w.url}`} onClick={() => setOpen({ id: w.id, url: w.url })}>Deliveries</button>{' '}
            <button type="button" aria-label={`Rotate the secret of ${w.url}`} onClick={async () => {
              const r = await api.POST('/v1/org/webhooks/{endpointId}/rotate-secret', { params: { path: { endpointId: w.id } }, body: {} });
              if (await act(say, Promise.resolve(r), 'Secret rotated; both secrets sign during the overlap.') && r.data) setSecret(r.data.secret);
            }}>Rotate secret</button>{' '}
            <button type="button" className="danger" aria-label={`Delete endpoint ${w.url}`} onClick={async () => { if (await act(say, api.DELETE('/v1/org/webhooks/{endpointId}', { params: { path: { endpointId: w.id } } }), 'Endpoint deleted.')) { setOpen(null); endpoints.reload(); } }}>Delete</button>
          </span>
        )]} />
      {open ? (
        <section aria-labelledby="h-deliveries">
          <h2 id="h-deliveries">Deliveries to {open.url}</h2>
          <LoadError error={deliveries.error} />
          <Table id="deliveries" caption="Deliveries, newest first" cols={['Created', 'Event', 'Status', 'Attempts', 'Last answer', 'Actions']} rows={deliveries.data?.items} rowKey={(d) => d.id} empty="No deliveries."
            row={(d) => [when(d.createdAt), d.eventType, d.status, String(d.attempts), d.lastStatus ? `HTTP ${d.lastStatus}` : d.lastError ?? '—', d.status === 'failed' ? (
              <button key="r" type="button" onClick={async () => { if (await act(say, api.POST('/v1/org/webhooks/{endpointId}/deliveries/{deliveryId}/redeliver', { params: { path: { endpointId: open.id, deliveryId: d.id } } }), 'Delivery queued again.')) deliveries.reload(); }}>Redeliver</button>
            ) : '']} />
        </section>
      ) : null}
    </>
  );
}
