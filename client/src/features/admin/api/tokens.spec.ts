import { expiryFromDate, wallLink } from './tokens';

describe('wall tokens', () => {
  it('builds the wall link from the origin and the token, escaped', () => {
    expect(wallLink('https://wire.example', 'sw_a+b/c')).toBe('https://wire.example/wall?token=sw_a%2Bb%2Fc');
  });

  it('reads an expiry date as the end of that day in local time', () => {
    const iso = expiryFromDate('2026-03-15');
    expect(iso).toBeDefined();
    const end = new Date(iso as string);
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()]).toEqual([2026, 2, 15, 23, 59]);
    expect(expiryFromDate('')).toBeUndefined();
    expect(expiryFromDate('15/03/2026')).toBeUndefined();
  });
});
