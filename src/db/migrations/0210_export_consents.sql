-- Up Migration
-- A person's export (PRIV-1, issue 17) reads the consent ledger on the platform path: the
-- consents the person recorded and those about them (a minor's data). Read only: the ledger
-- stays append-only (migration 0180's trigger), and the platform role may not write it.
GRANT SELECT ON ai_consent_ledger TO palisade_system;
