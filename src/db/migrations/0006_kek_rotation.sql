-- Up Migration
-- KEK rotation covers every KEK-wrapped key, not only data keys: `palisade keys rotate-kek`
-- rewraps the audit checkpoint key's seed on the platform path. Only the wrapped seed and the
-- KEK id may change; the public key and verifier key stay immutable, so a replaced seed can
-- never sign checkpoints that verify under the published key (tamper evidence is unaffected).
GRANT UPDATE (wrapped_seed, kek_id) ON audit_signing_keys TO palisade_system;
