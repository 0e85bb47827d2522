-- The audit → webhooks bridge is durable (issue 16): a seal round enqueues, in its own
-- transaction, one job per organisation with active endpoints; the job turns the round's
-- records into deliveries. A delivery made from an audit record names it, and one record makes
-- at most one delivery per endpoint, so a job run twice (a retry after a failure, a node killed
-- after its commit) adds nothing.
ALTER TABLE webhook_deliveries ADD COLUMN source_event_id text;
CREATE UNIQUE INDEX webhook_deliveries_source ON webhook_deliveries (org_id, endpoint_id, source_event_id);

-- The sealer (palisade_system) asks which of the round's organisations have an active endpoint,
-- and nothing else about them.
GRANT SELECT (org_id, status) ON webhook_endpoints TO palisade_system;
