/**
 * npm run tag -- FILE.jsonl [--rules RULES.txt]
 * Reads stories {id, title, summary} one a line and prints {id, regions, topics, places, why}
 * one a line; nothing else goes to stdout (problems go to stderr).
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { Tagger } from '../tagger';

async function main(argv: string[]): Promise<number> {
  const rulesAt = argv.indexOf('--rules');
  const rulesFile = rulesAt >= 0 ? argv[rulesAt + 1] : undefined;
  const files = argv.filter((a, i) => !a.startsWith('--') && !(rulesAt >= 0 && i === rulesAt + 1));
  if (files.length !== 1) {
    process.stderr.write('usage: npm run tag -- FILE.jsonl [--rules RULES.txt]   (use - for stdin)\n');
    return 2;
  }
  const tagger = Tagger.fromData(rulesFile ? { rulesText: fs.readFileSync(rulesFile, 'utf8') } : {});
  const input = files[0] === '-' ? process.stdin : fs.createReadStream(files[0], 'utf8');
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let bad = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    let story: { id?: unknown; title?: unknown; summary?: unknown };
    try {
      story = JSON.parse(line) as typeof story;
    } catch (err) {
      process.stderr.write(`line ${lineNo}: not valid JSON (${(err as Error).message}); skipped\n`);
      bad++;
      continue;
    }
    const title = typeof story.title === 'string' ? story.title : '';
    const summary = typeof story.summary === 'string' ? story.summary : '';
    const tags = tagger.tag({ title, summary });
    process.stdout.write(JSON.stringify({ id: story.id ?? null, regions: tags.regions, topics: tags.topics, places: tags.places, why: tags.why }) + '\n');
  }
  return bad ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    process.stderr.write(`tag: ${(err as Error).message}\n`);
    process.exitCode = 1;
  },
);
