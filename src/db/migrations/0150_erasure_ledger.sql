-- Erasure across restores (claim PRIV-2, docs/backups.md "Erasure holds in backups"): a backup
-- taken before an erasure still holds the erased key, wrapped by the KEK. So every destroyed key
-- is also recorded OUTSIDE the database, in the backup store's erasure ledger
-- (backups/erasures/<key id>.json: ids only), which a restore applies before its data commits.
-- The ledger is written by the `backup.erasure_ledger` job (and before every backup); this
-- trigger adds that job in the very transaction that destroys a key, so the ledger follows each
-- erasure within seconds. One pending job at a time (the job key debounces a burst).
CREATE FUNCTION palisade_jobs.erasure_ledger_job() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM palisade_jobs.enqueue_job('backup.erasure_ledger', '{}'::json, NULL, 5, 'backup.erasure_ledger');
  RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION palisade_jobs.erasure_ledger_job() FROM public;
CREATE TRIGGER crypto_keys_erasure_ledger AFTER UPDATE OF destroyed_at ON crypto_keys
  FOR EACH ROW WHEN (OLD.destroyed_at IS NULL AND NEW.destroyed_at IS NOT NULL)
  EXECUTE FUNCTION palisade_jobs.erasure_ledger_job();
