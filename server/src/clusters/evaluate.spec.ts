import type { ClusterAssignment, ClusterInput } from './engine/cluster-engine';
import { baselineClusters, ClusterLabelFileError, evaluateClusters, formatClusterReport, parseClusterLabelFile, scorePairs, type ClusterEvaluationDeps, type LabelledClusterStory } from './evaluate';
import type { Figure } from './figures';

const T0 = Date.parse('2025-03-03T00:00:00Z');
const HOUR = 3600_000;

function story(id: number, event: string, partial: Partial<LabelledClusterStory> = {}): LabelledClusterStory {
  return { id, event, lang: 'en', outlet: 'example.com', feedUrl: 'https://www.example.com/rss', title: `story ${id}`, summary: '', firstSeenAt: T0 + id * HOUR, copyOf: null, figures: [], ...partial };
}

/**
 * An engine stand-in that puts each story where `clusters` says and reports the copies `copies`
 * names; figures are "extracted" from `figuresByTitle`.
 */
function fakeDeps(clusters: Record<number, number>, copies: Record<number, number> = {}, figuresByTitle: Record<string, Figure[]> = {}): ClusterEvaluationDeps & { added: ClusterInput[] } {
  const added: ClusterInput[] = [];
  return {
    added,
    describe: (s) => ({ regions: [], topics: [], places: [], figures: figuresByTitle[s.title] ?? [] }),
    outletOf: (url) => new URL(url).hostname.replace(/^(www|feeds|fr)\./, ''),
    newEngine: () => ({
      add(input: ClusterInput): ClusterAssignment {
        added.push(input);
        return { clusterId: clusters[input.id], created: false, copyOf: copies[input.id] ?? null };
      },
    }),
  };
}

describe('scorePairs', () => {
  it('counts pairs joined and split against the labels, and cross-lingual pairs apart', () => {
    const stories = [story(1, 'a'), story(2, 'a', { lang: 'ar' }), story(3, 'a', { lang: 'fr' }), story(4, 'b')];
    // 3 is split from its event; 4 is wrongly joined to 1 and 2.
    const scores = scorePairs(stories, new Map([[1, 1], [2, 1], [3, 2], [4, 1]]));
    expect(scores.all).toMatchObject({ tp: 1, fp: 2, fn: 2 });
    expect(scores.crossLingual).toMatchObject({ tp: 1, fp: 1, fn: 2 });
    expect(scores.all.f1).toBeCloseTo(1 / 3);
  });

  it('gives precision and recall 1 when every event is one story and no two are joined', () => {
    const scores = scorePairs([story(1, 'a'), story(2, 'b')], new Map([[1, 1], [2, 2]]));
    expect(scores.all).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });
});

describe('baselineClusters', () => {
  it('links titles that share 40% of their words within 3 days, and not later ones', () => {
    const stories = [
      story(1, 'a', { title: 'Inmates escape prison in Hasakah' }),
      story(2, 'a', { title: 'Hundreds of inmates escape prison in Hasakah' }),
      story(3, 'b', { title: 'Inmates escape prison in Hasakah', firstSeenAt: T0 + 4 * 24 * HOUR }),
      story(4, 'c', { title: 'Floods cut roads in Hasakah' }),
    ];
    const clusters = baselineClusters(stories);
    expect(clusters.get(1)).toBe(clusters.get(2));
    expect(clusters.get(3)).not.toBe(clusters.get(1));
    expect(clusters.get(4)).not.toBe(clusters.get(1));
  });
});

describe('evaluateClusters', () => {
  it('feeds the engine in firstSeenAt order with the outlet of the feed URL', () => {
    const stories = [story(2, 'a', { feedUrl: 'https://feeds.bbc.co.uk/news/world/africa/rss.xml' }), story(1, 'a')];
    const deps = fakeDeps({ 1: 1, 2: 1 });
    evaluateClusters(stories, deps);
    expect(deps.added.map((s) => [s.id, s.outlet])).toEqual([[1, 'example.com'], [2, 'bbc.co.uk']]);
  });

  it('counts an outlet once across its feeds', () => {
    const stories = [
      story(1, 'a', { outlet: 'france24.com', feedUrl: 'https://www.france24.com/en/africa/rss' }),
      story(2, 'a', { outlet: 'france24.com', feedUrl: 'https://www.france24.com/fr/afrique/rss' }),
      story(3, 'a', { outlet: 'rfi.fr', feedUrl: 'https://www.rfi.fr/fr/afrique/rss' }),
    ];
    const report = evaluateClusters(stories, fakeDeps({ 1: 1, 2: 1, 3: 1 }));
    expect(report.outlets).toMatchObject({ events: 1, correct: 1, feedCountCorrect: 0 });
  });

  it('takes a copy pointing at another copy of the same original as right', () => {
    const stories = [story(1, 'a'), story(2, 'a', { copyOf: 1 }), story(3, 'a', { copyOf: 1 }), story(4, 'a')];
    const report = evaluateClusters(stories, fakeDeps({ 1: 1, 2: 1, 3: 1, 4: 1 }, { 2: 1, 3: 2, 4: 1 }));
    expect(report.copies).toMatchObject({ tp: 2, fp: 1, fn: 0 });
    expect(report.copies.errors.map((e) => e.id)).toEqual([4]);
  });

  it('finds a figure conflict when the extracted figures disagree as the labels do', () => {
    const stories = [
      story(1, 'a', { figures: [{ what: 'escaped', value: 24, text: 'dozens' }] }),
      story(2, 'a', { figures: [{ what: 'escaped', value: 281, text: '281 inmates' }] }),
      story(3, 'b', { figures: [{ what: 'killed', value: 3, text: 'three' }] }),
      story(4, 'b', { figures: [{ what: 'killed', value: 3, text: '3' }] }),
    ];
    const extracted: Record<string, Figure[]> = {
      'story 1': [{ what: 'escaped', value: 24, text: 'dozens' }],
      'story 2': [{ what: 'escaped', value: 281, text: '281 inmates' }],
      'story 3': [{ what: 'killed', value: 3, text: 'three' }],
      'story 4': [{ what: 'killed', value: 4, text: '4' }],
    };
    const report = evaluateClusters(stories, fakeDeps({ 1: 1, 2: 1, 3: 2, 4: 2 }, {}, extracted));
    expect(report.conflicts.found).toEqual([{ event: 'a', what: 'escaped', labelled: [24, 281], extracted: [24, 281] }]);
    expect(report.conflicts.spurious).toEqual([{ event: 'b', what: 'killed', labelled: [], extracted: [3, 4] }]);
    expect(report.figures).toMatchObject({ tp: 3, fp: 1, fn: 1 });
  });

  it('ends the printed report with the line CI reads', () => {
    const report = evaluateClusters([story(1, 'a'), story(2, 'a')], fakeDeps({ 1: 1, 2: 1 }));
    const lines = formatClusterReport(report, true);
    expect(lines[lines.length - 1]).toBe('pairwise F1 1.000; cross-lingual F1 1.000; baseline F1 0.000');
  });
});

describe('parseClusterLabelFile', () => {
  const line = (o: Record<string, unknown>) =>
    JSON.stringify({ id: 1, event: 'a', lang: 'en', outlet: 'x.com', feedUrl: 'https://x.com/rss', title: 't', summary: '', firstSeenAt: '2025-03-03T00:00:00Z', copyOf: null, figures: [], ...o });

  it('reads one story a line, with times in epoch milliseconds', () => {
    expect(parseClusterLabelFile(`${line({})}\n\n${line({ id: 2, copyOf: 1 })}\n`)).toMatchObject([{ id: 1, firstSeenAt: T0 }, { id: 2, copyOf: 1 }]);
  });

  it('names the line of a malformed story', () => {
    expect(() => parseClusterLabelFile(`${line({})}\n${line({ id: 2, figures: [{ what: 'eaten', value: 1 }] })}`, 'f.jsonl')).toThrow(/f\.jsonl line 2/);
    expect(() => parseClusterLabelFile(line({ firstSeenAt: 'yesterday' }))).toThrow(ClusterLabelFileError);
  });

  it('rejects a copy of a story that is not in the file, and ids used twice', () => {
    expect(() => parseClusterLabelFile(line({ copyOf: 9 }))).toThrow(/unknown story 9/);
    expect(() => parseClusterLabelFile(`${line({})}\n${line({})}`)).toThrow(/appears twice/);
  });
});
