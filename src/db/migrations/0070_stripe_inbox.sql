-- Up Migration
-- The inbox of verified Stripe events (issue 16; claims WH-1, WH-2). One row per Stripe event
-- id, inserted in the same transaction as the event's effect (the plan change and its audit
-- record): a redelivered event, the same event arriving at two nodes at once, or a node killed
-- mid-handler leaves exactly one row and one effect (the primary key decides; an uncommitted
-- insert makes the second node wait, then see the conflict or take over after a rollback).
-- Platform data: written only on the platform path. org_id names the organisation the event
-- concerned, when it names one; RLS is on like every table with an org_id, and palisade_app has
-- no grant at all.
CREATE TABLE stripe_inbox (
  event_id text PRIMARY KEY CHECK (event_id ~ '^evt_[A-Za-z0-9_]{1,250}$'),
  event_type text NOT NULL CHECK (length(event_type) BETWEEN 1 AND 200),
  event_created timestamptz NOT NULL,
  livemode boolean NOT NULL,
  org_id text REFERENCES orgs (id) ON DELETE SET NULL,
  -- applied: the effect happened; ignored: a type with no handler; unmatched: it names no known
  -- organisation or plan; stale: an older event than one already applied for the organisation.
  outcome text NOT NULL CHECK (outcome IN ('applied', 'ignored', 'unmatched', 'stale')),
  processed_at timestamptz NOT NULL
);
CREATE INDEX stripe_inbox_org ON stripe_inbox (org_id, event_created) WHERE outcome = 'applied';

ALTER TABLE stripe_inbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE stripe_inbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON stripe_inbox
  USING (org_id = current_setting('palisade.org_id', true))
  WITH CHECK (org_id = current_setting('palisade.org_id', true));
GRANT SELECT, INSERT, UPDATE ON stripe_inbox TO palisade_system;
