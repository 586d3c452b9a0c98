// Turns the JSON results of bench/load/run.sh into bench/results.md (on stdout).
// Exit code 1 when any request failed or the gap check did not hold.
// Usage: node bench/load/report.mjs <results dir>
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2];
const read = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
const run = read('run.json');
const raw = read('raw-inserts.json');
const verify = read('verify.json');
const all = readdirSync(dir).filter((f) => f.endsWith('.json') && !['run.json', 'raw-inserts.json', 'verify.json'].includes(f))
  .map((f) => read(f)).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
const runs = all.filter((r) => !r.name.startsWith('warmup'));
const byPrefix = (p) => runs.filter((r) => r.name.startsWith(p));
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const agg = (p) => {
  const rs = byPrefix(p);
  return { rps: mean(rs.map((r) => r.rps)), p50: mean(rs.map((r) => r.p50_ms)), p99: mean(rs.map((r) => r.p99_ms)), n: rs.length };
};

const host = agg('help-host-'), bolt = agg('help-bolt-'), bare = agg('help-bare-');
const gapSlack = agg('gap-slack'), helpTeams = agg('help-teams'), gapTeams = agg('gap-teams');
const f0 = (x) => Math.round(x).toLocaleString('en-US');
const f1 = (x) => x.toFixed(1);
const f2 = (x) => x.toFixed(2);
const ms = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1)) + ' ms';
const yes = (ok) => (ok ? '**yes**' : '**no**');
const perf = (a) => `${f0(a.rps)} req/s, p50 ${ms(a.p50)}, p99 ${ms(a.p99)}`;

// A failed request: any non-200 status, socket error or timeout; for `help` a 200 without a body; for a Slack `gap`
// a 200 with a body (the bot said why nothing was logged, e.g. storage unavailable).
// Warm-up runs count here too.
const failures = all.map((r) => {
  const bad = (r.other_status ?? 0) + (r.socket_errors ?? 0) + (r.timeouts ?? 0)
    + (/^(help|warmup)-(host|bolt|bare)/.test(r.name) ? r.ok_empty ?? 0 : 0)
    + (r.name.endsWith('gap-slack') ? r.ok_body ?? 0 : 0);
  return { name: r.name, bad, last: r.last_bad };
});
const failed = failures.reduce((a, b) => a + b.bad, 0);

const hostBolt = host.rps / bolt.rps, hostBare = host.rps / bare.rps;
const slackRatio = gapSlack.rps / raw.rate, teamsRatio = gapTeams.rps / raw.rate;
const mb = (kb) => `${f1(kb / 1024)} MB`;
const s = verify.slack, t = verify.teams;
const rows = [
  ['Slack `/recovery help` — host (mean of ' + host.n + ' runs)', perf(host), '', ''],
  [`Slack \`/recovery help\` — Bolt ${run.machine.bolt} (peer)`, perf(bolt), '', ''],
  ['Slack `/recovery help` — bare Kestrel + HMAC (floor)', perf(bare), '', ''],
  ['help throughput host / Bolt', `${f2(hostBolt)}×`, '≥ 2×', yes(hostBolt >= 2)],
  ['help p99 host vs Bolt', `${ms(host.p99)} vs ${ms(bolt.p99)}`, '≤ Bolt', yes(host.p99 <= bolt.p99)],
  ['help throughput host / floor', `${f2(hostBare)}×`, '≥ 0.7×', yes(hostBare >= 0.7)],
  ['Azurite raw single-entity inserts (same run, ' + raw.workers + ' workers)', `${f0(raw.rate)} inserts/s`, '', ''],
  ['Azurite raw 3-entity transactions (what a gap report wrote before it became one insert; no read, no ETag)', `${f0(raw.batchRate)} transactions/s`, '', ''],
  [`Slack \`/recovery gap …\` — host (${run.channels} channels)`, perf(gapSlack), '', ''],
  ['Slack gap throughput / raw inserts', `${f2(slackRatio)}×`, '≥ 0.8×', yes(slackRatio >= 0.8)],
  ['Slack gap throughput / raw 3-entity transactions', `${f2(gapSlack.rps / raw.batchRate)}×`, '', ''],
  ['Slack gap p99', ms(gapSlack.p99), '< 100 ms', yes(gapSlack.p99 < 100)],
  ['Slack gaps stored vs acknowledged', `${f0(s.stored)} stored, ${f0(s.acknowledged)} acked (+${s.inFlightAtCutOff} in flight at wrk's cut-off); ids 1..N: ${s.idsNotContiguous === 0 && s.counterMismatches === 0 ? 'yes' : 'NO'}; duplicates: ${s.duplicateTitles + s.announcedTwice}; channel posts so far ${f0(s.announced)}, all stored: ${s.announcedButNotStored === 0 ? 'yes' : 'NO'}`, 'none lost or duplicated', yes(s.ok)],
  ['Teams `help` activity — host (JWT validated, reply via connector)', perf(helpTeams), '', ''],
  [`Teams \`gap …\` activity — host (${run.channels} channels)`, perf(gapTeams), '', ''],
  ['Teams gap throughput / raw inserts', `${f2(teamsRatio)}×`, '≥ 0.8×', yes(teamsRatio >= 0.8)],
  ['Teams gap throughput / raw 3-entity transactions', `${f2(gapTeams.rps / raw.batchRate)}×`, '', ''],
  ['Teams gap p99', ms(gapTeams.p99), '< 100 ms', yes(gapTeams.p99 < 100)],
  ['Teams gaps stored vs "G-n logged" replies', `${f0(t.stored)} stored, ${f0(t.announced)} replies; ids 1..N: ${t.idsNotContiguous === 0 && t.counterMismatches === 0 ? 'yes' : 'NO'}; duplicates: ${t.duplicateTitles + t.announcedTwice}`, 'none lost or duplicated', yes(t.ok)],
  ['Start → /readyz ready', `${f0(run.readyMs)} ms`, '< 2 s', yes(run.readyMs < 2000)],
  ['Idle memory (RSS 5 s after ready)', mb(run.idleStartKb), '< 150 MB', yes(run.idleStartKb < 150 * 1024)],
  ['Idle memory after the load (RSS, 15 s later)', mb(run.idleAfterKb), '', ''],
  ['Peak memory (VmHWM)', mb(run.peakKb), '', ''],
  ['Failed requests (all runs, warm-ups included)', `${failed}${failed ? ' (' + failures.filter((x) => x.bad).map((x) => `${x.name}: ${x.bad}, last ${x.last}`).join('; ') + ')' : ''}`, '0', yes(failed === 0)],
];

const m = run.machine;
const out = [];
out.push('# Load benchmark results', '');
out.push('Written by `bench/load/run.sh` (see `bench/load/README.md`); do not edit by hand — notes come from `bench/load/NOTES.md`.', '');
out.push(`Run ${run.date}. Machine: ${m.nproc} cores (${m.cpu}), ${m.memory} memory, Linux ${m.kernel}; .NET SDK ${m.dotnet}, Node ${m.node}, ${m.wrk}. ` +
  `Load: wrk, ${run.threads} threads, ${run.connections} connections, ${run.duration} s per measurement, on the same machine. ` +
  `Load average (1/5/15 min) before each run is in the runs table; at the end: ${run.loadEnd}. ` +
  'Other engineers build and test on this 2-core machine at the same time, so absolute numbers are noisy.', '');
out.push('| measure | result | target | met |', '|---|---|---|---|');
for (const r of rows) out.push(`| ${r.join(' | ')} |`);
out.push('', '### Runs', '', '| run | requests | req/s | p50 | p90 | p99 | max | non-200 / socket errors / timeouts | load avg before |', '|---|---:|---:|---:|---:|---:|---:|---|---|');
for (const r of runs) {
  out.push(`| ${r.name} | ${f0(r.requests)} | ${f0(r.rps)} | ${ms(r.p50_ms)} | ${ms(r.p90_ms)} | ${ms(r.p99_ms)} | ${ms(r.max_ms)} | ` +
    `${r.other_status} / ${r.socket_errors} / ${r.timeouts} | ${r.load} |`);
}
out.push(`| raw inserts | ${f0(raw.operations)} | ${f0(raw.rate)} | | | | | | ${raw.load} |`);
out.push(`| raw 3-entity transactions | ${f0(raw.batchOperations)} | ${f0(raw.batchRate)} | | | | | | (right after the inserts) |`);
out.push('', '<details><summary>gap check (LoadKit verify)</summary>', '', '```json', JSON.stringify(verify, null, 2), '```', '</details>');
const notes = join(dirname(fileURLToPath(import.meta.url)), 'NOTES.md');
if (existsSync(notes)) out.push('', readFileSync(notes, 'utf8').trim());
// The scheduler's tick benchmark is run by hand; its results are kept beside it and carried into this file.
const scheduler = join(dirname(fileURLToPath(import.meta.url)), '..', 'SchedulerBench', 'RESULTS.md');
if (existsSync(scheduler)) out.push('', readFileSync(scheduler, 'utf8').trim());
console.log(out.join('\n'));
process.exit(failed === 0 && verify.ok ? 0 : 1);
