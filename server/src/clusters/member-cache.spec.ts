import type { ClusterMember } from './cluster-summary';
import { MemberCache } from './member-cache';

const members = (n: number, from = 1): ClusterMember[] => Array.from({ length: n }, (_, i) => ({ id: from + i }) as ClusterMember);

describe('MemberCache', () => {
  it('gives back what was stored and forgets on request', () => {
    const cache = new MemberCache(100);
    cache.set(1, members(3));
    expect(cache.get(1)?.map((m) => m.id)).toEqual([1, 2, 3]);
    cache.forget(1);
    expect(cache.get(1)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('lets the least recently used events go once it holds too many stories', () => {
    const cache = new MemberCache(10);
    cache.set(1, members(4));
    cache.set(2, members(4));
    cache.get(1); // 1 is now more recent than 2
    cache.set(3, members(4));
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(1)).toBeDefined();
    expect(cache.get(3)).toBeDefined();
    expect(cache.size).toBe(8);
  });

  it('replacing an event counts its stories once', () => {
    const cache = new MemberCache(10);
    cache.set(1, members(4));
    cache.set(1, members(6));
    expect(cache.size).toBe(6);
  });

  it('does not keep an event bigger than it may hold', () => {
    const cache = new MemberCache(5);
    cache.set(1, members(6));
    expect(cache.get(1)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
