import { parseSubscription, subscriptionMatches, type SubscriptionContext } from './subscription';
import { TokenBucket } from './rate-limiter';

const context: SubscriptionContext = {
  resolveRegion: (id) => (id === 'middle-east' ? ['SY', 'IQ', 'JO'] : /^[A-Z]{2}$/.test(id) ? [id] : null),
  isTopic: (id) => ['prison-break', 'airstrike'].includes(id),
  groupOf: (feedId) => ({ 3: 'Arabic', 4: null })[feedId],
};
const story = {
  title: 'Détenus évadés à Hassakeh',
  summary: 'Prison break in northeast Syria',
  regions: ['SY'],
  topics: ['prison-break'],
  publishedAt: '2026-01-31T12:00:00.000Z',
  feedId: 4,
  sources: [
    { feedId: 4, feedTitle: 'Desk', url: null },
    { feedId: 3, feedTitle: 'Arabic desk', url: null },
  ],
};

describe('parseSubscription', () => {
  it('keeps the filter as asked, with the shared parser', () => {
    const parsed = parseSubscription({ regions: ['middle-east', 'UA'], topics: ['airstrike'], q: ' Évadés ', group: 'Arabic', feedId: 3 }, context);
    expect(parsed.ok && parsed.subscription.filter).toEqual({ regions: ['middle-east', 'UA'], topics: ['airstrike'], q: 'Évadés', group: 'Arabic', feedId: 3 });
  });

  it.each([
    [null, /subscribe: a story filter is an object/],
    [[1], /subscribe: a story filter is an object/],
    [{ colour: 'red' }, /subscribe: property colour should not exist; the fields are regions, topics, q, feedId, group, since, until/],
    [{ regions: [7] }, /regions must be a list of region ids/],
    [{ regions: ['atlantis'] }, /region "atlantis" is not known/],
    [{ topics: ['football'] }, /topic "football" is not known/],
    [{ q: 'x'.repeat(201) }, /q must be at most 200 characters/],
    [{ feedId: 'seven' }, /feedId must be a whole number/],
    [{ since: 'yesterday' }, /since must be an ISO 8601 date/],
    [{ topics: Array.from({ length: 101 }, (_, i) => `t${i}`) }, /at most 100 topic values/],
  ])('refuses %j with a message', (input, message) => {
    const parsed = parseSubscription(input, context);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(message);
  });
});

describe('subscriptionMatches', () => {
  const sub = (input: object) => {
    const parsed = parseSubscription(input, context);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.subscription;
  };
  it('passes everything with an empty subscription', () => expect(subscriptionMatches(sub({}), story)).toBe(true));
  it('needs one of the regions, one of the topics and every word', () => {
    expect(subscriptionMatches(sub({ regions: ['middle-east'] }), story)).toBe(true);
    expect(subscriptionMatches(sub({ regions: ['UA'] }), story)).toBe(false);
    expect(subscriptionMatches(sub({ topics: ['airstrike'] }), story)).toBe(false);
    expect(subscriptionMatches(sub({ q: 'detenus PRISON' }), story)).toBe(true);
    expect(subscriptionMatches(sub({ q: 'detenus airstrike' }), story)).toBe(false);
  });
  it('matches a group through any source of the story', () => {
    expect(subscriptionMatches(sub({ group: 'Arabic' }), story)).toBe(true);
    expect(subscriptionMatches(sub({ group: 'English' }), story)).toBe(false);
    expect(subscriptionMatches(sub({ feedId: 3 }), story)).toBe(true);
  });
});

describe('TokenBucket', () => {
  it('allows a burst up to capacity, then refills over time', () => {
    let now = 0;
    const bucket = new TokenBucket(3, 1, () => now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    now = 1500;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
  });
});
