import * as fs from 'node:fs';
import * as path from 'node:path';
import { tagDataDir } from './gazetteer';

/** The shipped, operator-editable topic rules (data/topic-rules.txt). */
export function loadDefaultRulesText(): string {
  return fs.readFileSync(path.join(tagDataDir(), 'topic-rules.txt'), 'utf8');
}
