/**
 * npm run bench            every benchmark in its quick mode, one after the other (a few minutes)
 * npm run bench -- --full  the long modes (growth to 1,000,000 stories, 6 minutes of polling, ...)
 * npm run bench -- alerts clusters   only those
 *
 * Each benchmark measures its figures three times (BENCH_RUNS), reports median and spread, the
 * machine and its load average before it began, and writes its own section of bench/README.md.
 * They run one at a time so that none measures another's load.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const BENCHES = ['tagging', 'alerts', 'clusters', 'ingest', 'growth', 'realtime'] as const;

function main(): number {
  const args = process.argv.slice(2);
  const full = args.includes('--full');
  const wanted = args.filter((a) => !a.startsWith('--'));
  const unknown = wanted.filter((w) => !(BENCHES as readonly string[]).includes(w));
  if (unknown.length) {
    console.error(`unknown benchmark ${unknown.join(', ')}; choose from ${BENCHES.join(', ')}`);
    return 2;
  }
  const chosen = wanted.length ? wanted : [...BENCHES];
  const started = Date.now();
  const failed: string[] = [];
  for (const name of chosen) {
    console.log(`\n=== bench:${name} (${full ? 'full' : 'quick'}) ===`);
    const t0 = Date.now();
    const result = spawnSync('npm', ['run', '--silent', `bench:${name}`], {
      cwd: path.resolve(__dirname, '..'),
      stdio: 'inherit',
      env: { ...process.env, BENCH_FULL: full ? '1' : '0' },
    });
    console.log(`=== bench:${name} took ${((Date.now() - t0) / 1000).toFixed(0)} s${result.status === 0 ? '' : `, FAILED (exit ${result.status})`} ===`);
    if (result.status !== 0) failed.push(name);
  }
  console.log(`\nall benchmarks: ${((Date.now() - started) / 1000).toFixed(0)} s; figures written to bench/README.md${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
  return failed.length ? 1 : 0;
}

process.exit(main());
