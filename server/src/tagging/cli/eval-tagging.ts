/**
 * npm run eval:tagging -- FILE.jsonl [--show-errors] [--rules RULES.txt]
 * Prints micro precision, recall and F1 for regions and topics; the last line is
 * "regions F1 0.xxx; topics F1 0.yyy".
 */
import * as fs from 'node:fs';
import { Tagger } from '../tagger';
import { evaluateTagging, formatReport, readLabelFile } from '../evaluate';

function main(argv: string[]): number {
  const showErrors = argv.includes('--show-errors');
  const rulesAt = argv.indexOf('--rules');
  const rulesFile = rulesAt >= 0 ? argv[rulesAt + 1] : undefined;
  const files = argv.filter((a, i) => !a.startsWith('--') && !(rulesAt >= 0 && i === rulesAt + 1));
  if (files.length !== 1) {
    process.stderr.write('usage: npm run eval:tagging -- FILE.jsonl [--show-errors] [--rules RULES.txt]\n');
    return 2;
  }
  const tagger = Tagger.fromData(rulesFile ? { rulesText: fs.readFileSync(rulesFile, 'utf8') } : {});
  const report = evaluateTagging(readLabelFile(files[0]), (s) => tagger.tag(s));
  process.stdout.write(formatReport(report, showErrors).join('\n') + '\n');
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`eval:tagging: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
