import { alertFixture } from '../api/alert-fixture';
import { describeAlertSources } from './alert-sources';

const source = (outlet: string, feedTitle: string, storyId: number) => ({ outlet, feedTitle, storyId, firstSeenAt: '2026-01-31T12:00:00.000Z', copyOf: null });

describe('what an alert row says about its event', () => {
  it('counts the outlets, names them and gives the corroboration as the server worded it', () => {
    const alert = alertFixture(1, {
      sources: [source('reuters.com', 'Reuters World', 1), source('aljazeera.com', 'Al Jazeera', 2), source('reuters.com', 'Reuters Africa', 3)],
      corroboration: { level: 'wire-and-others', text: 'wire service and 1 other' },
    });
    expect(describeAlertSources(alert)).toEqual({
      count: '2 sources',
      outlets: 'reuters.com, aljazeera.com',
      detail: 'Reuters World (reuters.com), Al Jazeera (aljazeera.com), Reuters Africa (reuters.com)',
      corroboration: 'wire service and 1 other',
      followUp: null,
    });
  });

  it('names five outlets and counts the rest', () => {
    const sources = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name, i) => source(`${name}.example`, name, i));
    expect(describeAlertSources(alertFixture(1, { sources }))?.outlets).toBe('a.example, b.example, c.example, d.example, e.example +2 more');
  });

  it('marks a follow-up', () => {
    const followUp = alertFixture(2, { followUpOf: 1, sources: [source('dawn.com', 'Dawn', 1)], corroboration: { level: 'corroborated', text: '2 independent sources' } });
    expect(describeAlertSources(followUp)?.followUp).toBe('Follow-up to alert #1: now corroborated');
  });

  it('says nothing for an alert without an event', () => {
    expect(describeAlertSources(alertFixture(3))).toBeNull();
  });
});
