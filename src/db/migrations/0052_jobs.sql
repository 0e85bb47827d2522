-- The job queue (graphile-worker) lives in its own schema, installed by its own migrations just
-- before ours (src/db/migrate.ts). Its runner connects as palisade_system (the platform path);
-- the request path may only enqueue, through one SECURITY DEFINER function, so a job can be
-- added in the same transaction as the change that needs it, without palisade_app reading or
-- altering the queue (whose payloads span organisations).
grant usage on schema graphile_worker to palisade_system;
grant select, insert, update, delete on all tables in schema graphile_worker to palisade_system;
grant usage, select, update on all sequences in schema graphile_worker to palisade_system;
grant execute on all functions in schema graphile_worker to palisade_system;
alter default privileges in schema graphile_worker grant select, insert, update, delete on tables to palisade_system;
alter default privileges in schema graphile_worker grant usage, select, update on sequences to palisade_system;
alter default privileges in schema graphile_worker grant execute on functions to palisade_system;

create schema palisade_jobs;
revoke all on schema palisade_jobs from public;
create function palisade_jobs.enqueue_job(
  task text, payload json, run_at timestamptz, max_attempts integer, job_key text
) returns void
language sql security definer
set search_path = pg_catalog, pg_temp
as $$
  select 1 from graphile_worker.add_job(
    identifier => task, payload => payload, run_at => run_at,
    max_attempts => max_attempts, job_key => job_key, job_key_mode => 'replace');
$$;
revoke all on function palisade_jobs.enqueue_job(text, json, timestamptz, integer, text) from public;
grant usage on schema palisade_jobs to palisade_app, palisade_system;
grant execute on function palisade_jobs.enqueue_job(text, json, timestamptz, integer, text) to palisade_app, palisade_system;
