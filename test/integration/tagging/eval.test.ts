import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { evaluateTagging, readLabelFile, Tagger } from '../../../server/src/tagging';

const DEV_SET = path.resolve(__dirname, '../../../../shared/eval/tagging-dev.jsonl');
const HOLDOUT = path.resolve(__dirname, '../../tagging/holdout.jsonl');
const HOLDOUT_2 = path.resolve(__dirname, '../../tagging/holdout2.jsonl');
const HOLDOUT_3 = path.resolve(__dirname, '../../tagging/holdout3.jsonl');
const HOLDOUT_4 = path.resolve(__dirname, '../../tagging/holdout4.jsonl');
const HOLDOUT_5 = path.resolve(__dirname, '../../tagging/holdout5.jsonl');
const HOLDOUT_6 = path.resolve(__dirname, '../../tagging/holdout6.jsonl');
const ROOT = path.resolve(__dirname, '../../..');

const tagger = Tagger.fromData();

describe('tagging quality on labelled stories', () => {
  it('meets the CI floor on the shared dev set (region F1 >= 0.93, topic F1 >= 0.80)', () => {
    const report = evaluateTagging(readLabelFile(DEV_SET), (s) => tagger.tag(s));
    expect(report.stories).toBeGreaterThanOrEqual(80);
    expect(report.regions.f1).toBeGreaterThanOrEqual(0.93);
    expect(report.topics.f1).toBeGreaterThanOrEqual(0.8);
  });

  it.each([
    ['holdout', HOLDOUT],
    ['holdout2', HOLDOUT_2],
    ['holdout3', HOLDOUT_3],
    ['holdout4', HOLDOUT_4],
    ['holdout5', HOLDOUT_5],
    ['holdout6', HOLDOUT_6],
  ])('meets the same floor on our own held-out set %s', (_name, file) => {
    const report = evaluateTagging(readLabelFile(file), (s) => tagger.tag(s));
    expect(report.stories).toBeGreaterThanOrEqual(40);
    expect(report.regions.f1).toBeGreaterThanOrEqual(0.93);
    expect(report.topics.f1).toBeGreaterThanOrEqual(0.8);
  });
});

describe('tagging command-line tools', () => {
  it('eval:tagging prints the scores and ends with the CI line', () => {
    const out = execFileSync('npx', ['tsx', 'server/src/tagging/cli/eval-tagging.ts', DEV_SET, '--show-errors'], { cwd: ROOT, encoding: 'utf8' });
    const lines = out.trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^regions: precision \d\.\d{3} recall \d\.\d{3} F1 \d\.\d{3}/)]));
    expect(lines[lines.length - 1]).toMatch(/^regions F1 \d\.\d{3}; topics F1 \d\.\d{3}$/);
  }, 60000);

  it('tag prints one JSON line per story and nothing else', () => {
    const input = [
      JSON.stringify({ id: 's1', title: 'Car bomb kills 12 at market in Mogadishu', summary: 'Al-Shabaab claimed responsibility.' }),
      JSON.stringify({ id: 's2', title: 'Turkey prices jump ahead of Thanksgiving', summary: '' }),
    ].join('\n');
    const out = execFileSync('npx', ['tsx', 'server/src/tagging/cli/tag.ts', '-'], { cwd: ROOT, encoding: 'utf8', input });
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { id: string; regions: string[]; topics: string[]; places: unknown[]; why: unknown[] });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ id: 's1', regions: ['SO'] });
    expect(lines[0].topics).toEqual(expect.arrayContaining(['bombing', 'civilian-harm']));
    expect(Object.keys(lines[0]).sort()).toEqual(['id', 'places', 'regions', 'topics', 'why']);
    expect(lines[1]).toMatchObject({ id: 's2', regions: [], topics: [] });
  }, 60000);
});
