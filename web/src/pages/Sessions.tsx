/* The user's sessions. Ending another session, or every other one, needs a recent authentication
   (ASVS V7.5.2): when the server answers 403 step_up_required, the page asks the user to confirm
   who they are — a code from their authenticator app or a recovery code when they have a second
   factor, else their password — sends it to POST /v1/auth/step-up, and then repeats the action.
   Signing out this very session never asks. */
import { useState } from 'react';
import { api, problemText, type Problem } from '../api/client';
import { Field, LoadError, Table, formValue, useLoad, useStatus, when, type Say } from '../ui';

type Call = () => Promise<{ error?: unknown; response: Response }>;
interface Waiting { what: string; call: Call; done: string }

export function Sessions() {
  const [status, say] = useStatus();
  const sessions = useLoad(() => api.GET('/v1/me/sessions'), []);
  const mfa = useLoad(() => api.GET('/v1/me/mfa'), []);
  const [waiting, setWaiting] = useState<Waiting | null>(null);

  /** Runs the action; if the server wants a recent authentication first, keeps it for after. */
  const end = async (w: Waiting) => {
    say('Working…');
    const outcome = await attempt(say, w);
    if (outcome === 'step_up') {
      setWaiting(w);
      say(`To ${w.what}, confirm who you are first.`);
    } else if (outcome === 'done') {
      setWaiting(null);
      sessions.reload();
    }
  };

  const secondFactor = mfa.data ? mfa.data.totp.enabled || mfa.data.passkeys > 0 : false;
  return (
    <>
      <h1>Sessions and devices</h1>
      {status}
      <p>Every browser or device signed in to your account. Ending another session asks you to confirm who you are if you have not in the last few minutes. An administrator signs a member out everywhere from the members page.</p>
      <LoadError error={sessions.error} />
      <Table id="sessions" caption="Your sessions" cols={['Device', 'Address', 'Signed in', 'Last seen', 'Expires', 'Actions']} rows={sessions.data?.items} rowKey={(s) => s.id} empty="No sessions."
        row={(s) => [s.userAgent ?? 'unknown device', s.ip ?? '—', when(s.createdAt), when(s.lastSeenAt), when(s.expiresAt), s.current ? 'this session' : (
          <button key="end" type="button" className="danger" aria-label={`Sign out the session from ${s.userAgent ?? 'an unknown device'} last seen ${when(s.lastSeenAt)}`}
            onClick={() => end({ what: 'sign out that session', call: () => api.DELETE('/v1/me/sessions/{id}', { params: { path: { id: s.id } } }), done: 'Session signed out.' })}>Sign out</button>
        )]} />
      <button type="button" className="danger" onClick={() => end({ what: 'sign out every other session', call: () => api.DELETE('/v1/me/sessions'), done: 'Every other session is signed out.' })}>Sign out every other session</button>
      {waiting ? (
        <section aria-labelledby="h-step-up">
          <h2 id="h-step-up">Confirm it is you</h2>
          <form id="step-up" onSubmit={async (e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const code = formValue(form, 'code').trim();
            const recoveryCode = formValue(form, 'recoveryCode').trim();
            const body = !secondFactor ? { password: formValue(form, 'password') } : code ? { code } : { recoveryCode };
            say('Working…');
            const r = await api.POST('/v1/auth/step-up', { body });
            if (!r.response.ok) {
              say(problemText(r.error, r.response.status), 'error');
              return;
            }
            await end(waiting);
          }}>
            {secondFactor ? (
              <>
                {mfa.data?.totp.enabled ? <Field id="step-up-code" label="Code from your authenticator app"><input id="step-up-code" name="code" inputMode="numeric" pattern="[0-9]{6}" maxLength={6} autoComplete="one-time-code" /></Field> : null}
                <Field id="step-up-recovery" label={mfa.data?.totp.enabled ? 'Or a recovery code' : 'A recovery code'}><input id="step-up-recovery" name="recoveryCode" autoComplete="off" /></Field>
              </>
            ) : (
              <Field id="step-up-password" label="Your password"><input id="step-up-password" name="password" type="password" required autoComplete="current-password" /></Field>
            )}
            <button type="submit">Confirm and {waiting.what}</button>{' '}
            <button type="button" onClick={() => { setWaiting(null); say(''); }}>Cancel</button>
          </form>
        </section>
      ) : null}
    </>
  );
}

/** One try of the action: done, refused for want of a recent authentication, or failed (said). */
async function attempt(say: Say, w: Waiting): Promise<'done' | 'step_up' | 'failed'> {
  try {
    const r = await w.call();
    if (r.response.ok) {
      say(w.done, 'ok');
      return 'done';
    }
    if (r.response.status === 403 && (r.error as Problem | undefined)?.code === 'step_up_required') return 'step_up';
    say(problemText(r.error, r.response.status), 'error');
  } catch {
    say('The server could not be reached.', 'error');
  }
  return 'failed';
}
