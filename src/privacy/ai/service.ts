/* Consent and the AI egress guard (docs/privacy.md#consent-and-ai). Claims PRIV-4, PRIV-5,
   PRIV-6, PRIV-10; ASVS V14.2.4 (data sent to third parties), V13.2.4/V13.2.5 (outbound
   allow-list), V15.3.

   Invariants
   - AI is off for every organisation until an admin (ai:manage, never an API key) records a
     consent with the policy version they agreed to. The ledger is append-only (migration 0180);
     the newest row of a flow is its state, so a withdrawal switches AI off for the very next
     call — the check reads the ledger in the call's own transaction, no cache.
   - complete() is the only code that sends anything to an AI provider (provider.ts). Before it
     does: consent is checked; the prompt is redacted (redact.ts) against the people the
     organisation knows; the people the operation is `about` must be members, and a minor among
     them is refused unless the organisation's policy allows minors' data AND that minor's
     consent for the flow is recorded (PRIV-10). The reply reports what was removed, by
     category and count, never the values; so does the audit record.
   - No transaction is held while the provider is waited for: a slow or dead provider costs its
     caller the configured timeout and a 503, and nothing else (PRIV-6). The per-user rate limit
     is the HTTP layer's (anti-automation, PALISADE_LIMIT_AI). */
import { appendAudit } from '../../audit/index.js';
import { withOrg, type Db, type OrgTx } from '../../db/index.js';
import type { Acting } from '../../lib/caller.js';
import type { Clock } from '../../lib/clock.js';
import { NotFound } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { AiConsentRequired, AiMinorDataRefused, AiNotConfigured, AiProviderUnavailable } from './errors.js';
import { complete as providerComplete, type AiProviderConfig } from './provider.js';
import { peopleIndex, redactText, type KnownPerson, type RedactionCategory } from './redact.js';
import * as repo from './repo.js';

export interface AiConfig {
  /** null: no provider configured (complete() answers ai_not_configured). */
  provider: AiProviderConfig | null;
}

export interface AiDeps {
  db: Db;
  clock: Clock;
  config: AiConfig;
}

export interface ConsentEntry {
  id: string;
  flow: repo.ConsentFlow;
  subject: string | null;
  action: 'granted' | 'withdrawn';
  policyVersion: string | null;
  actor: { type: string; id: string | null };
  recordedAt: string;
}

export interface ConsentState {
  /** AI features are on for the organisation. */
  enabled: boolean;
  /** The policy version of the consent in force (null when off). */
  policyVersion: string | null;
  /** When the current state began (null: never consented). */
  since: string | null;
  /** The organisation's policy lets minors' data reach the AI provider (each minor still needs a recorded consent). */
  minorData: boolean;
  /** The ledger, newest first (at most 100 entries). */
  history: ConsentEntry[];
}

export interface MinorView {
  userId: string;
  markedAt: string;
  markedBy: string | null;
  /** The consent in force for this minor's data to reach the AI provider, or null. */
  aiConsent: { policyVersion: string; recordedAt: string } | null;
}

export interface CompletionInput {
  prompt: string;
  system?: string | undefined;
  /** Members the operation is about: their name and address are kept (the operation needs them). */
  about?: readonly string[] | undefined;
  maxTokens?: number | undefined;
}

export interface CompletionView {
  text: string;
  model: string;
  /** What was removed before the prompt left, by category; never the values. */
  redactions: { total: number; categories: Partial<Record<RedactionCategory, number>> };
}

export interface Ai {
  consent(c: Acting): Promise<ConsentState>;
  /** The consent ledger: every grant and withdrawal, of the organisation and of its minors, newest first (at most 100); the read is audited. */
  ledger(c: Acting): Promise<ConsentEntry[]>;
  grant(c: Acting, policyVersion: string): Promise<ConsentState>;
  withdraw(c: Acting): Promise<ConsentState>;
  setPolicy(c: Acting, minorData: boolean): Promise<ConsentState>;
  listMinors(c: Acting): Promise<MinorView[]>;
  markMinor(c: Acting, userId: string): Promise<void>;
  unmarkMinor(c: Acting, userId: string): Promise<void>;
  grantMinorConsent(c: Acting, userId: string, policyVersion: string): Promise<MinorView>;
  withdrawMinorConsent(c: Acting, userId: string): Promise<MinorView>;
  complete(c: Acting, input: CompletionInput): Promise<CompletionView>;
}

const HISTORY = 100;
const actorText = (c: Acting) => `${c.actor.type}:${c.actor.id ?? ''}`;

function entryView(r: repo.ConsentRow): ConsentEntry {
  return { id: r.id, flow: r.flow, subject: r.subject_id, action: r.action, policyVersion: r.policy_version, actor: { type: r.actor_type, id: r.actor_id }, recordedAt: r.recorded_at.toISOString() };
}

function minorView(r: repo.MinorRow): MinorView {
  return {
    userId: r.user_id, markedAt: r.marked_at.toISOString(), markedBy: r.marked_by,
    aiConsent: r.consent_action === 'granted' && r.consent_policy_version && r.consent_recorded_at ? { policyVersion: r.consent_policy_version, recordedAt: r.consent_recorded_at.toISOString() } : null,
  };
}

export function createAi(deps: AiDeps): Ai {
  const { db, clock } = deps;

  const audit = (tx: OrgTx, c: Acting, action: string, target: { type: string; id: string }, metadata?: Record<string, unknown>, outcome: 'allowed' | 'denied' | 'failed' = 'allowed') =>
    appendAudit(tx, {
      action, actor: c.actor, target, outcome, occurredAt: clock.now(),
      ...(c.source ? { source: c.source } : {}),
      ...(c.reason ? { reason: c.reason } : {}),
      ...(metadata ? { metadata } : {}),
    });

  const state = async (tx: OrgTx): Promise<ConsentState> => {
    const [current, minorData, history] = await Promise.all([repo.currentConsent(tx, 'ai', null), repo.minorDataAllowed(tx), repo.consentHistory(tx, HISTORY)]);
    const enabled = current?.action === 'granted';
    return {
      enabled, policyVersion: enabled ? current.policy_version : null, since: current ? current.recorded_at.toISOString() : null,
      minorData, history: history.map(entryView),
    };
  };

  const member = async (tx: OrgTx, userId: string) => {
    // A person who is not a member is the same not_found as one who does not exist (TEN-4).
    if (!(await repo.isMember(tx, userId))) throw new NotFound();
  };

  const minor = async (tx: OrgTx, userId: string): Promise<MinorView> => {
    const row = (await repo.listMinors(tx)).find((m) => m.user_id === userId);
    if (row) return minorView(row);
    const consent = await repo.currentConsent(tx, 'ai_minor_data', userId);
    // Consent may be recorded before the person is marked: it is shown, not yet in use.
    return { userId, markedAt: '', markedBy: null, aiConsent: consent?.action === 'granted' && consent.policy_version ? { policyVersion: consent.policy_version, recordedAt: consent.recorded_at.toISOString() } : null };
  };

  const record = (tx: OrgTx, c: Acting, flow: repo.ConsentFlow, subject: string | null, action: 'granted' | 'withdrawn', policyVersion: string | null) =>
    repo.appendConsent(tx, { id: newId('aic'), flow, subject_id: subject, action, policy_version: policyVersion, actor_type: c.actor.type, actor_id: c.actor.id, recorded_at: clock.now() });

  return {
    consent: (c) => withOrg(db, c.orgId, c.actor, async (tx) => {
      const s = await state(tx);
      await audit(tx, c, 'ai.consent.read', { type: 'org', id: c.orgId });
      return s;
    }),

    ledger: (c) => withOrg(db, c.orgId, c.actor, async (tx) => {
      const rows = await repo.consentHistory(tx, HISTORY);
      await audit(tx, c, 'ai.consent.ledger_read', { type: 'org', id: c.orgId }, { entries: rows.length });
      return rows.map(entryView);
    }),

    grant: (c, policyVersion) => withOrg(db, c.orgId, c.actor, async (tx) => {
      const current = await repo.currentConsent(tx, 'ai', null);
      // Granting the version already in force records nothing new (a retried request).
      if (!(current?.action === 'granted' && current.policy_version === policyVersion)) {
        await record(tx, c, 'ai', null, 'granted', policyVersion);
        await audit(tx, c, 'ai.consent.granted', { type: 'org', id: c.orgId }, { policyVersion, previous: current?.action === 'granted' ? current.policy_version : null });
      } else {
        await audit(tx, c, 'ai.consent.read', { type: 'org', id: c.orgId });
      }
      return state(tx);
    }),

    withdraw: (c) => withOrg(db, c.orgId, c.actor, async (tx) => {
      const current = await repo.currentConsent(tx, 'ai', null);
      if (current?.action === 'granted') {
        await record(tx, c, 'ai', null, 'withdrawn', null);
        await audit(tx, c, 'ai.consent.withdrawn', { type: 'org', id: c.orgId }, { policyVersion: current.policy_version });
      } else {
        await audit(tx, c, 'ai.consent.read', { type: 'org', id: c.orgId });
      }
      return state(tx);
    }),

    setPolicy: (c, minorData) => withOrg(db, c.orgId, c.actor, async (tx) => {
      await repo.setMinorDataAllowed(tx, minorData, actorText(c), clock.now());
      await audit(tx, c, 'ai.policy.updated', { type: 'org', id: c.orgId }, { minorData });
      return state(tx);
    }),

    listMinors: (c) => withOrg(db, c.orgId, c.actor, async (tx) => {
      const rows = await repo.listMinors(tx);
      await audit(tx, c, 'privacy.minors.read', { type: 'org', id: c.orgId }, { count: rows.length });
      return rows.map(minorView);
    }),

    markMinor: (c, userId) => withOrg(db, c.orgId, c.actor, async (tx) => {
      await member(tx, userId);
      const added = await repo.markMinor(tx, userId, actorText(c), clock.now());
      await audit(tx, c, 'privacy.minor.marked', { type: 'user', id: userId }, { changed: added });
    }),

    unmarkMinor: (c, userId) => withOrg(db, c.orgId, c.actor, async (tx) => {
      await member(tx, userId);
      const removed = await repo.unmarkMinor(tx, userId);
      await audit(tx, c, 'privacy.minor.unmarked', { type: 'user', id: userId }, { changed: removed });
    }),

    grantMinorConsent: (c, userId, policyVersion) => withOrg(db, c.orgId, c.actor, async (tx) => {
      await member(tx, userId);
      await record(tx, c, 'ai_minor_data', userId, 'granted', policyVersion);
      await audit(tx, c, 'ai.minor_consent.granted', { type: 'user', id: userId }, { policyVersion });
      return minor(tx, userId);
    }),

    withdrawMinorConsent: (c, userId) => withOrg(db, c.orgId, c.actor, async (tx) => {
      await member(tx, userId);
      const current = await repo.currentConsent(tx, 'ai_minor_data', userId);
      if (current?.action === 'granted') await record(tx, c, 'ai_minor_data', userId, 'withdrawn', null);
      await audit(tx, c, 'ai.minor_consent.withdrawn', { type: 'user', id: userId }, { changed: current?.action === 'granted' });
      return minor(tx, userId);
    }),

    async complete(c, input) {
      const about = [...new Set(input.about ?? [])];
      // 1. In one short transaction: consent, the people, minors. Refusals are audited.
      const prepared = await withOrg(db, c.orgId, c.actor, async (tx) => {
        const consent = await repo.currentConsent(tx, 'ai', null);
        if (consent?.action !== 'granted') {
          await audit(tx, c, 'ai.completion', { type: 'org', id: c.orgId }, { refused: 'no consent' }, 'denied');
          return { refusal: new AiConsentRequired() } as const;
        }
        const people = await repo.knownPeople(tx);
        const members = new Set(people.map((p) => p.user_id).filter((id): id is string => id !== null));
        if (about.some((id) => !members.has(id))) return { refusal: new NotFound() } as const;
        const minors = await repo.minorsAmong(tx, about);
        if (minors.length > 0) {
          const policy = await repo.minorDataAllowed(tx);
          const consents = await Promise.all(minors.map((m) => repo.currentConsent(tx, 'ai_minor_data', m)));
          const blocked = minors.filter((_m, i) => !policy || consents[i]?.action !== 'granted');
          if (blocked.length > 0) {
            await audit(tx, c, 'ai.completion', { type: 'org', id: c.orgId }, { refused: 'minor data', minors: blocked.length, policy }, 'denied');
            return { refusal: new AiMinorDataRefused({ minors: blocked.length, policy }) } as const;
          }
        }
        const kept: KnownPerson[] = people.filter((p) => p.user_id !== null && about.includes(p.user_id));
        return { people: peopleIndex(people, kept), policyVersion: consent.policy_version } as const;
      });
      if ('refusal' in prepared) throw prepared.refusal;
      const provider = deps.config.provider;
      // 2. Redact (nothing of the original leaves this function).
      const removed: Partial<Record<RedactionCategory, number>> = {};
      const prompt = redactText(input.prompt, prepared.people, removed).text;
      const system = input.system ? redactText(input.system, prepared.people, removed).text : null;
      const total = Object.values(removed).reduce((n, x) => n + (x ?? 0), 0);
      const redactions = { total, categories: removed };
      if (!provider) {
        await withOrg(db, c.orgId, c.actor, (tx) => audit(tx, c, 'ai.completion', { type: 'org', id: c.orgId }, { refused: 'not configured', redactions }, 'failed'));
        throw new AiNotConfigured();
      }
      // 3. The provider, with no transaction open.
      let answer;
      try {
        answer = await providerComplete(provider, { prompt, system, maxTokens: input.maxTokens ?? 1024 });
      } catch (e) {
        const reason = e instanceof AiProviderUnavailable ? String(e.detail?.reason ?? 'unavailable') : 'unavailable';
        await withOrg(db, c.orgId, c.actor, (tx) => audit(tx, c, 'ai.completion', { type: 'org', id: c.orgId }, { provider: provider.kind, model: provider.model, redactions, failure: reason.slice(0, 200), policyVersion: prepared.policyVersion }, 'failed'));
        throw e;
      }
      // 4. The record: who asked, what left (categories and counts), the consent it relied on.
      await withOrg(db, c.orgId, c.actor, (tx) => audit(tx, c, 'ai.completion', { type: 'org', id: c.orgId }, {
        provider: provider.kind, model: answer.model, redactions, about: about.length, policyVersion: prepared.policyVersion, promptChars: prompt.length,
      }));
      return { text: answer.text, model: answer.model, redactions };
    },
  };
}
