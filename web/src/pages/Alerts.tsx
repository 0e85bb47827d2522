import { useState } from 'react';
import { api } from '../api/client';
import { Field, LoadError, Table, act, useLoad, useStatus, when } from '../ui';

export function Alerts() {
  const [status, say] = useStatus();
  const [filter, setFilter] = useState('open');
  const alerts = useLoad(() => api.GET('/v1/org/alerts', { params: { query: { limit: 100, ...(filter ? { status: filter as 'open' } : {}) } } }), [filter]);
  const move = async (id: string, to: 'acknowledged' | 'resolved', subject: string) => {
    if (await act(say, api.PATCH('/v1/org/alerts/{id}', { params: { path: { id } }, body: { status: to } }), `Alert on ${subject} ${to}.`)) alerts.reload();
  };
  return (
    <>
      <h1>Alerts</h1>
      {status}
      <p>Raised by the detectors over the audit log (credential stuffing, mass export, privilege changes, failing webhooks…).</p>
      <Field id="alert-status" label="Show"><select id="alert-status" value={filter} onChange={(e) => setFilter(e.target.value)}><option value="open">open</option><option value="acknowledged">acknowledged</option><option value="resolved">resolved</option><option value="">all</option></select></Field>
      <LoadError error={alerts.error} />
      <Table id="alerts" caption="Alerts" cols={['Raised', 'Severity', 'Detector', 'Summary', 'Status', 'Actions']} rows={alerts.data?.items} rowKey={(a) => a.id} empty="No alerts."
        row={(a) => [when(a.raisedAt), a.severity, a.detector, a.summary, a.status, (
          <span key="a">
            {a.status === 'open' ? <button type="button" onClick={() => void move(a.id, 'acknowledged', a.subject)}>Acknowledge</button> : null}{' '}
            {a.status !== 'resolved' ? <button type="button" onClick={() => void move(a.id, 'resolved', a.subject)}>Resolve</button> : null}
          </span>
        )]} />
    </>
  );
}
