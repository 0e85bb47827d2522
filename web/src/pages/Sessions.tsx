import { api } from '../api/client';
import { LoadError, Table, act, useLoad, useStatus, when } from '../ui';

export function Sessions() {
  const [status, say] = useStatus();
  const sessions = useLoad(() => api.GET('/v1/me/sessions'), []);
  return (
    <>
      <h1>Sessions and devices</h1>
      {status}
      <p>Every browser or device signed in to your account. An administrator signs a member out everywhere from the members page.</p>
      <LoadError error={sessions.error} />
      <Table id="sessions" caption="Your sessions" cols={['Device', 'Address', 'Signed in', 'Last seen', 'Expires', 'Actions']} rows={sessions.data?.items} rowKey={(s) => s.id} empty="No sessions."
        row={(s) => [s.userAgent ?? 'unknown device', s.ip ?? '—', when(s.createdAt), when(s.lastSeenAt), when(s.expiresAt), s.current ? 'this session' : (
          <button key="end" type="button" className="danger" aria-label={`Sign out the session from ${s.userAgent ?? 'an unknown device'} last seen ${when(s.lastSeenAt)}`} onClick={async () => { if (await act(say, api.DELETE('/v1/me/sessions/{id}', { params: { path: { id: s.id } } }), 'Session signed out.')) sessions.reload(); }}>Sign out</button>
        )]} />
      <button type="button" className="danger" onClick={async () => { if (await act(say, api.DELETE('/v1/me/sessions'), 'Every other session is signed out.')) sessions.reload(); }}>Sign out every other session</button>
    </>
  );
}
