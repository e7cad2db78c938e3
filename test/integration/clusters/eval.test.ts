import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { evaluateClusters, readClusterLabelFile } from '../../../server/src/clusters/evaluate';
import { realClusterEvaluationDeps } from '../../../server/src/clusters/cli/eval-clusters';

// Thresholds may be tuned on dev.jsonl only; holdout.jsonl is read to check, never to tune.
const DEV = path.resolve(__dirname, '../../clusters/dev.jsonl');
const HOLDOUT = path.resolve(__dirname, '../../clusters/holdout.jsonl');
const ROOT = path.resolve(__dirname, '../../..');

const deps = realClusterEvaluationDeps();

describe('event clustering quality on labelled stories', () => {
  it('the labelled sets together have 150+ stories in 40+ events, in English, Arabic and French', () => {
    const stories = [...readClusterLabelFile(DEV), ...readClusterLabelFile(HOLDOUT)];
    const byLang = (lang: string) => stories.filter((s) => s.lang === lang).length;
    const langsPerEvent = new Map<string, Set<string>>();
    for (const s of stories) langsPerEvent.set(s.event, (langsPerEvent.get(s.event) ?? new Set()).add(s.lang));
    expect(stories.length).toBeGreaterThanOrEqual(150);
    expect(langsPerEvent.size).toBeGreaterThanOrEqual(40);
    expect(byLang('ar')).toBeGreaterThanOrEqual(25);
    expect(byLang('fr')).toBeGreaterThanOrEqual(25);
    expect([...langsPerEvent.values()].filter((l) => l.size > 1).length).toBeGreaterThanOrEqual(15);
    // Split by event: no event is in both files.
    const devEvents = new Set(readClusterLabelFile(DEV).map((s) => s.event));
    expect(readClusterLabelFile(HOLDOUT).filter((s) => devEvents.has(s.event))).toEqual([]);
  });

  // The target is pairwise F1 0.90 and cross-lingual 0.70 on each file. Dev (the only file
  // thresholds are tuned on) meets it. The held-out file does not yet (0.825 when this gate was
  // set: Arabic and French stories whose places the tagger does not know stay apart), so its
  // floor is a regression floor just under today's figure, to be raised to 0.90 when the engine
  // gets there; the issue stays open until then.
  it.each([
    { name: 'dev', file: DEV, pairwise: 0.9, crossLingual: 0.7 },
    { name: 'holdout', file: HOLDOUT, pairwise: 0.8, crossLingual: 0.7 },
  ])('keeps its floor on $name (pairwise F1 >= $pairwise, cross-lingual F1 >= $crossLingual)', ({ file, pairwise, crossLingual }) => {
    const report = evaluateClusters(readClusterLabelFile(file), deps);
    expect(report.stories).toBeGreaterThanOrEqual(60);
    expect(report.pairs.all.f1).toBeGreaterThanOrEqual(pairwise);
    expect(report.pairs.crossLingual.f1).toBeGreaterThanOrEqual(crossLingual);
  });

  it.each([
    ['dev', DEV],
    ['holdout', HOLDOUT],
  ])('computes the title-word Jaccard baseline, outlet counts, copies and conflicts on %s', (_name, file) => {
    const report = evaluateClusters(readClusterLabelFile(file), deps);
    expect(report.baseline.clusters).toBeGreaterThan(0);
    expect(report.baseline.all.tp + report.baseline.all.fp + report.baseline.all.fn).toBeGreaterThan(0);
    expect(Number.isFinite(report.baseline.all.f1)).toBe(true);
    expect(report.outlets.events).toBe(report.events);
    expect(report.copies.tp + report.copies.fn).toBeGreaterThan(0);
    expect(report.conflicts.tp + report.conflicts.fn).toBeGreaterThan(0);
  });
});

describe('eval:clusters command line', () => {
  it('prints the scores of both files and ends each with the CI line', () => {
    const out = execFileSync('npx', ['tsx', 'server/src/clusters/cli/eval-clusters.ts', '--show-errors'], { cwd: ROOT, encoding: 'utf8' });
    const lines = out.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('== '))).toHaveLength(2);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^pairs: precision \d\.\d{3} recall \d\.\d{3} F1 \d\.\d{3}/), expect.stringMatching(/^baseline \(title-word Jaccard/)]));
    expect(lines.filter((l) => /^pairwise F1 \d\.\d{3}; cross-lingual F1 \d\.\d{3}; baseline F1 \d\.\d{3}$/.test(l))).toHaveLength(2);
    expect(lines[lines.length - 1]).toMatch(/^pairwise F1 /);
  }, 60000);
});
