import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses SQLite at data/sentinel.db and port 3000 by default', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.database).toEqual({ type: 'sqlite', path: expect.stringMatching(/data\/sentinel\.db$/) });
    expect(config.defaultFeeds).toBe('real');
    expect(config.fetch.maxBodyBytes).toBe(10 * 1024 * 1024);
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).database).toEqual({
      type: 'postgres',
      url: 'postgres://postgres@127.0.0.1:5432/test',
    });
  });

  it('parses OUTBOUND_ALLOW_HOSTS as a lower-cased list', () => {
    expect(loadConfig({ OUTBOUND_ALLOW_HOSTS: '127.0.0.1, Feeds.Example.org,[::1]' }).outboundAllowHosts).toEqual([
      '127.0.0.1',
      'feeds.example.org',
      '::1',
    ]);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DEFAULT_FEEDS: 'some' }, 'DEFAULT_FEEDS'],
    [{ OUTBOUND_ALLOW_HOSTS: 'good.host,bad host' }, 'OUTBOUND_ALLOW_HOSTS'],
    [{ POLL_MIN_INTERVAL_SEC: '600', POLL_MAX_INTERVAL_SEC: '60' }, 'POLL_MAX_INTERVAL_SEC'],
  ])('rejects %j with a message naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(variable));
  });
});
