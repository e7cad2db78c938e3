import { AlertRuleIndex, AlertTermStatistics, prepareStory } from '../shared/src/alert-query';
export function traffic(index: AlertRuleIndex<number>, stories: ReturnType<typeof prepareStory>[]) {
  const ix = index as unknown as Record<string, Map<string, number[]>>;
  let total = 0; const per = new Map<string, number>();
  const add = (k: string, l: number) => { total += l; per.set(k, (per.get(k) ?? 0) + l); };
  for (const p of stories) {
    for (const w of p.positions.keys()) { add('w:' + w, ix.byWord.get(w)?.length ?? 0); add('p:' + w.slice(0, 3), ix.byPrefixHead.get(w.slice(0, 3))?.length ?? 0); }
    for (const r of p.regions) add('r:' + r, ix.byRegion.get(r)?.length ?? 0);
    for (const t of p.topics) add('t:' + t, ix.byTopic.get(t)?.length ?? 0);
    for (const ti of p.sources) for (const w of ti) add('s:' + w, ix.bySourceWord.get(w)?.length ?? 0);
  }
  console.log('posting entries per story', (total / stories.length).toFixed(0), [...per].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k}=${(v / stories.length).toFixed(0)}`).join(' '));
}
void AlertTermStatistics;
