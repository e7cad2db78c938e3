import { compileAlertQuery, matchStory, parseAlertQuery, prepareStory } from '../shared/src/alert-query';
const words = ['prison','escape','attack','hasakah','idlib','raqqa','camp','drone','strike','killed'];
const forms: Record<string, (w: string, v: string) => string> = {
  word: (w) => w,
  and2: (w, v) => `${w} ${v}`,
  phrase: (w, v) => `"${w} ${v}"`,
  prefix: (w) => `${w.slice(0, 4)}*`,
  near: (w, v) => `${w} NEAR/5 ${v}`,
  title: (w) => `title:${w}`,
  topicRegion: () => `topic:airstrike region:SY`,
  source: (w) => `source:reuters ${w}`,
};
const story = prepareStory({ title: 'Drone strike kills 12 in Idlib as fighting escalates near Hasakah prison', summary: 'Officials said the death toll could rise. Residents reported heavy gunfire through the night near the camp.', regions: ['SY'], topics: ['airstrike'], sources: [{ feedTitle: 'Reuters World News' }] });
for (const [name, form] of Object.entries(forms)) {
  const rules = Array.from({ length: 10000 }, (_, i) => { const r = parseAlertQuery(form(words[i % 10], words[(i * 7 + 3) % 10])); if (!r.ok) throw new Error(r.error.message); return compileAlertQuery(r.query); });
  for (let k = 0; k < 50; k++) for (const r of rules) matchStory(r, story);
  const t0 = performance.now(); let m = 0;
  for (let k = 0; k < 200; k++) for (const r of rules) if (matchStory(r, story)) m++;
  console.log(name.padEnd(12), ((performance.now() - t0) * 1e6 / 2e6).toFixed(1), 'ns/rule', m / 200);
}
