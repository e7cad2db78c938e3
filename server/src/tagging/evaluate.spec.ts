import { evaluateTagging, formatReport, LabelFileError, parseLabelFile } from './evaluate';

const labels = parseLabelFile(
  [
    JSON.stringify({ id: 'a', title: 'A', summary: '', regions: ['SY', 'IQ'], regions_ok: ['US'], topics: ['prison-break'], topics_ok: ['armed-clash'] }),
    JSON.stringify({ id: 'b', title: 'B', summary: '', regions: [], regions_ok: [], topics: [], topics_ok: [] }),
  ].join('\n'),
);

describe('evaluateTagging', () => {
  it('scores *_ok tags as neither found nor wrong, and anything else as wrong', () => {
    const found: Record<string, { regions: string[]; topics: string[] }> = {
      A: { regions: ['SY', 'US', 'TR'], topics: ['prison-break', 'armed-clash'] },
      B: { regions: ['FR'], topics: [] },
    };
    const report = evaluateTagging(labels, (s) => found[s.title]);
    // regions: SY found, IQ missed, US tolerated, TR and FR wrong.
    expect(report.regions).toMatchObject({ tp: 1, fn: 1, fp: 2 });
    expect(report.regions.precision).toBeCloseTo(1 / 3);
    expect(report.regions.recall).toBeCloseTo(1 / 2);
    expect(report.regions.f1).toBeCloseTo(0.4);
    expect(report.topics).toMatchObject({ tp: 1, fn: 0, fp: 0, f1: 1 });
    expect(report.errors.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('ends the printed report with the CI line', () => {
    const report = evaluateTagging(labels, (s) => (s.title === 'A' ? { regions: ['SY', 'IQ'], topics: ['prison-break'] } : { regions: [], topics: [] }));
    const lines = formatReport(report, true);
    expect(lines[lines.length - 1]).toBe('regions F1 1.000; topics F1 1.000');
  });

  it('names the line of a malformed label file', () => {
    expect(() => parseLabelFile('{"id":"a","title":"x"}\n{oops', 'dev.jsonl')).toThrow(LabelFileError);
    expect(() => parseLabelFile('{"id":"a","title":"x"}\n{oops', 'dev.jsonl')).toThrow(/dev.jsonl line 2/);
    expect(() => parseLabelFile('{"id":"a","title":"x","regions":"SY"}')).toThrow(/"regions" must be an array/);
  });
});
