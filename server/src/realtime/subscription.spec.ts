import { parseSubscription, subscriptionMatches } from './subscription';
import { TokenBucket } from './rate-limiter';

const resolve = (id: string) => (id === 'middle-east' ? ['SY', 'IQ', 'JO'] : /^[A-Z]{2}$/.test(id) ? [id] : null);
const isTopic = (id: string) => ['prison-break', 'airstrike'].includes(id);
const story = { title: 'Détenus évadés à Hassakeh', summary: 'Prison break in northeast Syria', regions: ['SY'], topics: ['prison-break'] };

describe('parseSubscription', () => {
  it('expands macro-regions and keeps topics and search words', () => {
    const parsed = parseSubscription({ regions: ['middle-east', 'UA'], topics: ['airstrike'], q: 'Évadés' }, resolve, isTopic);
    expect(parsed).toEqual({ ok: true, subscription: { regions: new Set(['SY', 'IQ', 'JO', 'UA']), topics: new Set(['airstrike']), words: ['evades'] } });
  });

  it.each([
    [null, /expects an object/],
    [[1], /expects an object/],
    [{ colour: 'red' }, /unknown field colour/],
    [{ regions: 'SY' }, /regions must be a list/],
    [{ regions: ['atlantis'] }, /unknown region "atlantis"/],
    [{ topics: ['football'] }, /unknown topic "football"/],
    [{ q: 'x'.repeat(201) }, /q must be text of at most 200/],
    [{ topics: Array(101).fill('airstrike') }, /at most 100/],
  ])('refuses %j with a message', (input, message) => {
    const parsed = parseSubscription(input, resolve, isTopic);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(message);
  });
});

describe('subscriptionMatches', () => {
  const sub = (input: object) => {
    const parsed = parseSubscription(input, resolve, isTopic);
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
