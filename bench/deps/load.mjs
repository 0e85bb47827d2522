// The load generator process: one autocannon run, configured by a JSON argument, printing one
// JSON line of results. It runs as its own process (never inside the server under test, never
// inside the orchestrator) so its CPU use is visible and separate. Plain JavaScript because
// autocannon lives in bench/deps (installed on first `npm run bench`), outside the main
// package and its type-check.
//
// argv[2]: {"url": "...", "connections": 50, "durationS": 5, "requests": [{method, path, headers, body}]}
import autocannon from 'autocannon';

const spec = JSON.parse(process.argv[2] ?? '{}');
const instance = autocannon({
  url: spec.url,
  connections: spec.connections ?? 50,
  duration: spec.durationS ?? 5,
  pipelining: 1,
  timeout: spec.timeoutS ?? 10,
  requests: spec.requests,
  idReplacement: Boolean(spec.idReplacement),
  ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
});
process.once('SIGTERM', () => instance.stop());
process.once('SIGINT', () => instance.stop());
const r = await instance;
const ok = r['2xx'] ?? 0;
const seconds = r.duration;
process.stdout.write(JSON.stringify({
  ok,
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
  seconds,
  rps: ok / seconds,
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  maxMs: r.latency.max,
  statusCodes: r.statusCodeStats,
}) + '\n');
