/**
 * npm run eval:clusters -- [FILE.jsonl ...] [--show-errors]
 * Clusters each labelled file with a fresh engine (stories tagged and figures extracted as ingest
 * does) and prints pairwise precision, recall and F1, cross-lingual pairs, the naive baseline,
 * outlet counts, copies and figure conflicts. Without files it scores test/clusters/dev.jsonl and
 * test/clusters/holdout.jsonl. Each file's last line is
 * "pairwise F1 0.xxx; cross-lingual F1 0.yyy; baseline F1 0.zzz".
 */
import * as path from 'node:path';
import { Tagger } from '../../tagging/tagger';
import { ClusterEngine, placeKeys } from '../engine/cluster-engine';
import { evaluateClusters, formatClusterReport, readClusterLabelFile, type ClusterEvaluationDeps } from '../evaluate';
import { extractFigures } from '../figures';
import { outletOf } from '../outlets';

const DEFAULT_FILES = ['test/clusters/dev.jsonl', 'test/clusters/holdout.jsonl'].map((f) => path.resolve(__dirname, '../../../..', f));

/** The real pieces: the shipped tagger, the figure extractor, the outlet rule and a default engine. */
export function realClusterEvaluationDeps(tagger = Tagger.fromData()): ClusterEvaluationDeps {
  return {
    describe(story) {
      const tags = tagger.tag(story);
      return {
        regions: tags.regions,
        topics: tags.topics,
        // The engine keys places as the clusters service does (placeKeys: country and name, countries left out).
        places: placeKeys(tags.places),
        figures: extractFigures(`${story.title}\n${story.summary}`),
      };
    },
    outletOf,
    newEngine: () => new ClusterEngine(),
  };
}

function main(argv: string[]): number {
  const showErrors = argv.includes('--show-errors');
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--show-errors');
  if (unknown.length) {
    process.stderr.write('usage: npm run eval:clusters -- [FILE.jsonl ...] [--show-errors]\n');
    return 2;
  }
  const named = argv.filter((a) => !a.startsWith('--'));
  const files = named.length ? named : DEFAULT_FILES;
  const deps = realClusterEvaluationDeps();
  files.forEach((file, i) => {
    const report = evaluateClusters(readClusterLabelFile(file), deps);
    if (i > 0) process.stdout.write('\n');
    process.stdout.write(`== ${path.relative(process.cwd(), file) || file}\n${formatClusterReport(report, showErrors).join('\n')}\n`);
  });
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`eval:clusters: ${(err as Error).message}\n`);
    process.exitCode = 1;
  }
}
