import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
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
    [{ HOST: 'not a host' }, 'HOST'],
    [{ HOST: 'http://0.0.0.0' }, 'HOST'],
    [{ HOST: '999.1.1.1:3000' }, 'HOST'],
    [{ ALERT_EMAIL_FROM: 'Sentinel Wire' }, 'ALERT_EMAIL_FROM'],
  ])('rejects %j with a message naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(variable));
  });

  it.each(['0.0.0.0', '::', '[::1]', '192.168.1.20', 'localhost', 'wire-01.internal.example.org'])('accepts HOST=%s', (host) => {
    expect(loadConfig({ HOST: host }).host).toBe(host.replace(/^\[(.*)\]$/, '$1'));
  });

  it('accepts ALERT_EMAIL_FROM as an address with or without a name', () => {
    expect(loadConfig({ ALERT_EMAIL_FROM: 'Ops <ops@example.org>' }).alerts.emailFrom).toBe('Ops <ops@example.org>');
    expect(loadConfig({ ALERT_EMAIL_FROM: 'ops@example.org' }).alerts.emailFrom).toBe('ops@example.org');
  });
});

describe('loadConfig: files and folders', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sentinel-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves CLIENT_DIST when it is a built client', () => {
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
    expect(loadConfig({ CLIENT_DIST: dir }).clientDist).toBe(dir);
  });

  it('stops when CLIENT_DIST is set to a folder that does not exist, or to a file', () => {
    expect(() => loadConfig({ CLIENT_DIST: path.join(dir, 'missing') })).toThrow(/CLIENT_DIST must be a folder, and ".*missing" is not one/);
    fs.writeFileSync(path.join(dir, 'a-file'), '');
    expect(() => loadConfig({ CLIENT_DIST: path.join(dir, 'a-file') })).toThrow(/CLIENT_DIST must be a folder/);
  });

  it('stops when CLIENT_DIST is a folder without a built client in it', () => {
    expect(() => loadConfig({ CLIENT_DIST: dir })).toThrow(/CLIENT_DIST must be a built client \(run npm run build\), and ".*" has no index.html/);
  });

  it('checks DEFAULT_FEEDS_FILE only when it will be read (DEFAULT_FEEDS=real)', () => {
    const missing = path.join(dir, 'feeds.opml');
    expect(() => loadConfig({ DEFAULT_FEEDS_FILE: missing })).toThrow(/DEFAULT_FEEDS_FILE must be a readable OPML file \(DEFAULT_FEEDS=real\), and ".*feeds\.opml" does not exist/);
    expect(() => loadConfig({ DEFAULT_FEEDS_FILE: dir })).toThrow(/DEFAULT_FEEDS_FILE must be an OPML file, and ".*" is not a file/);
    expect(loadConfig({ DEFAULT_FEEDS_FILE: missing, DEFAULT_FEEDS: 'none' }).defaultFeedsFile).toBe(missing);
    fs.writeFileSync(missing, '<opml version="2.0"><body/></opml>');
    expect(loadConfig({ DEFAULT_FEEDS_FILE: missing }).defaultFeedsFile).toBe(missing);
  });

  it('finds the bundled default feeds without DEFAULT_FEEDS_FILE', () => {
    expect(loadConfig({}).defaultFeedsFile).toMatch(/server\/data\/default-feeds\.opml$/);
  });
});
