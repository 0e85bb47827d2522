-- Up Migration
-- Operator declarations for the trust page (issue 19; claims PAY-1, PRIV-11 and declared items:
-- certifications, penetration tests, hosting, training). What no code can check is entered by
-- the operator with `palisade trust declare …` and shown as *declared*, with its dates, never as
-- verified. A platform table (no organisation): reached only through withSystem
-- (palisade_system); RLS is on with no policy, so the request role sees nothing. Rows are never
-- deleted: a withdrawn declaration keeps its row (withdrawn_at) so the history stays.
CREATE TABLE trust_declarations (
  id text PRIMARY KEY,
  category text NOT NULL CHECK (category IN ('claim', 'certification', 'pentest', 'hosting', 'training', 'other')),
  claim_id text CHECK ((category = 'claim') = (claim_id IS NOT NULL)),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  detail text NOT NULL DEFAULT '' CHECK (length(detail) <= 2000),
  url text CHECK (url IS NULL OR (length(url) <= 2000 AND url ~ '^https://')),
  dated date NOT NULL,
  valid_until date CHECK (valid_until IS NULL OR valid_until >= dated),
  declared_by text NOT NULL CHECK (length(declared_by) BETWEEN 1 AND 200),
  declared_at timestamptz NOT NULL,
  withdrawn_at timestamptz
);
ALTER TABLE trust_declarations ENABLE ROW LEVEL SECURITY;
ALTER TABLE trust_declarations FORCE ROW LEVEL SECURITY;
GRANT SELECT, INSERT ON trust_declarations TO palisade_system;
GRANT UPDATE (withdrawn_at) ON trust_declarations TO palisade_system;

-- Every node's cached trust page is dropped when a declaration changes (trust/service.ts
-- listens on this channel through the node bus).
CREATE FUNCTION trust_declarations_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('palisade_trust', 'declarations');
  RETURN NULL;
END $$;
CREATE TRIGGER trust_declarations_notify AFTER INSERT OR UPDATE ON trust_declarations
  FOR EACH STATEMENT EXECUTE FUNCTION trust_declarations_notify();
