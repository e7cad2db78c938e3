import * as fs from 'node:fs';
import { isIP } from 'node:net';
import * as path from 'node:path';

/** Typed configuration, read once from the environment and validated at start-up. */
export interface AppConfig {
  port: number;
  host: string;
  database: { type: 'sqlite'; path: string } | { type: 'postgres'; url: string; schema?: string };
  outboundAllowHosts: string[];
  defaultFeeds: 'real' | 'none';
  defaultFeedsFile: string;
  fetch: { maxBodyBytes: number; timeoutMs: number };
  polling: { minIntervalSec: number; maxIntervalSec: number; workers: number; perHost: number; shutdownGraceMs: number; enabled: boolean };
  /** The built client to serve, or null to serve the API alone (no client/dist built and CLIENT_DIST unset). */
  clientDist: string | null;
  alerts: { retryDelaysSec: number[]; smtpUrl: string | null; emailFrom: string };
  auth: AuthConfig;
}

export interface AuthConfig {
  /** Creates the first admin at start when no user exists. */
  adminEmail: string | null;
  adminPassword: string | null;
  sessionTtlMs: number;
  /** The address people use, e.g. https://wire.example.org; sets the default allowed host and Secure cookies. */
  publicUrl: string | null;
  /** Host names the server answers to; null means PUBLIC_URL's host and loopback names; ['*'] means any. */
  allowedHosts: string[] | null;
  /** CSP frame-ancestors: who may embed the pages (walls shown inside another page); default none. */
  frameAncestors: string[];
  socketsPerPrincipal: number;
  socketsPerAddress: number;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`Invalid configuration: ${variable} ${detail}`);
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function hostList(env: Env, name: string): string[] {
  const raw = env[name];
  if (!raw) return [];
  const hosts = raw.split(',').map((h) => h.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1')).filter(Boolean);
  for (const host of hosts) {
    if (!/^[a-z0-9.:-]+$/.test(host)) throw new ConfigError(name, `contains "${host}", which is not a host name or IP address`);
  }
  return hosts;
}

function delays(env: Env, name: string, fallback: number[]): number[] {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const values = raw.split(',').map((v) => v.trim());
  if (values.length > 20 || !values.every((v) => /^\d{1,6}$/.test(v))) {
    throw new ConfigError(name, `must be a comma-separated list of whole seconds such as 5,30,120, got "${raw}"`);
  }
  return values.map(Number);
}

function smtpUrl(env: Env): string | null {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return null;
  if (!/^smtps?:\/\/[^\s]+$/.test(raw)) throw new ConfigError('SMTP_URL', 'must look like smtp://user:password@host:587 or smtps://host:465');
  return raw;
}

function publicUrl(env: Env): string | null {
  const raw = env.PUBLIC_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', `must be the address people open, such as https://wire.example.org, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('PUBLIC_URL', 'must start with http:// or https://');
  return url.origin;
}

function allowedHosts(env: Env): string[] | null {
  const raw = env.ALLOWED_HOSTS?.trim();
  if (!raw) return null;
  if (raw === '*') return ['*'];
  return hostList(env, 'ALLOWED_HOSTS');
}

function frameAncestors(env: Env): string[] {
  const raw = env.FRAME_ANCESTORS?.trim();
  if (!raw || raw === "'none'" || raw === 'none') return [];
  const sources = raw.split(/[\s,]+/).filter(Boolean);
  for (const source of sources) {
    if (source !== "'self'" && !/^https?:\/\/[a-z0-9.*:[\]-]+$/i.test(source)) {
      throw new ConfigError('FRAME_ANCESTORS', `contains "${source}"; list origins such as https://intranet.example.org or 'self'`);
    }
  }
  return sources;
}

function adminAccount(env: Env): { adminEmail: string | null; adminPassword: string | null } {
  const email = env.ADMIN_EMAIL?.trim() || null;
  const password = env.ADMIN_PASSWORD || null;
  if (!email && !password) return { adminEmail: null, adminPassword: null };
  if (!email) throw new ConfigError('ADMIN_EMAIL', 'is required when ADMIN_PASSWORD is set');
  if (!password) throw new ConfigError('ADMIN_PASSWORD', 'is required when ADMIN_EMAIL is set');
  if (!/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(email)) throw new ConfigError('ADMIN_EMAIL', `must be an e-mail address, got "${email}"`);
  if (password.length < 12 || password.length > 200) throw new ConfigError('ADMIN_PASSWORD', 'must be 12 to 200 characters long');
  return { adminEmail: email.toLowerCase(), adminPassword: password };
}

/** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens. */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

function listenHost(env: Env): string {
  const raw = env.HOST?.trim();
  if (!raw) return '127.0.0.1';
  const bare = raw.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare) === 0 && !HOST_NAME.test(bare)) {
    throw new ConfigError('HOST', `must be an IP address (127.0.0.1, 0.0.0.0, ::) or a host name, got "${raw}"`);
  }
  return bare;
}

/**
 * CLIENT_DIST, when set, must be a built client (a folder with index.html): a typo would
 * otherwise start a server that answers every page with 404. Unset, the repository's
 * client/dist is served when it has been built, and the API runs alone when it has not.
 */
function clientDist(env: Env, repoRoot: string): string | null {
  const raw = env.CLIENT_DIST?.trim();
  if (!raw) {
    const built = path.join(repoRoot, 'client/dist');
    return fs.existsSync(path.join(built, 'index.html')) ? built : null;
  }
  const folder = path.resolve(raw);
  if (!isDirectory(folder)) throw new ConfigError('CLIENT_DIST', `must be a folder, and "${folder}" is not one`);
  if (!fs.existsSync(path.join(folder, 'index.html'))) {
    throw new ConfigError('CLIENT_DIST', `must be a built client (run npm run build), and "${folder}" has no index.html`);
  }
  return folder;
}

/** DEFAULT_FEEDS_FILE is read only to seed an empty database (DEFAULT_FEEDS=real), so it is checked only then. */
function defaultFeedsFile(env: Env, repoRoot: string, defaultFeeds: AppConfig['defaultFeeds']): string {
  const file = path.resolve(env.DEFAULT_FEEDS_FILE?.trim() || path.join(repoRoot, 'server/data/default-feeds.opml'));
  if (defaultFeeds !== 'real') return file;
  try {
    if (!fs.statSync(file).isFile()) throw new ConfigError('DEFAULT_FEEDS_FILE', `must be an OPML file, and "${file}" is not a file`);
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    throw new ConfigError('DEFAULT_FEEDS_FILE', `must be a readable OPML file (DEFAULT_FEEDS=real), and "${file}" ${reason}`);
  }
  return file;
}

function isDirectory(folder: string): boolean {
  try {
    return fs.statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** "Name <address>" or a bare address: what nodemailer accepts as a sender. */
function emailFrom(env: Env): string {
  const raw = env.ALERT_EMAIL_FROM?.trim();
  if (!raw) return 'Sentinel Wire <alerts@sentinel.invalid>';
  if (!/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(raw)) {
    throw new ConfigError('ALERT_EMAIL_FROM', `must be an e-mail address, optionally with a name (Sentinel Wire <alerts@example.org>), got "${raw}"`);
  }
  return raw;
}

function database(env: Env): AppConfig['database'] {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\/.+/.test(url)) {
      throw new ConfigError('DATABASE_URL', 'must be a postgres:// or postgresql:// URL');
    }
    const schema = env.DATABASE_SCHEMA?.trim();
    if (schema && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new ConfigError('DATABASE_SCHEMA', `must be a lower-case SQL identifier, got "${schema}"`);
    }
    return schema ? { type: 'postgres', url, schema } : { type: 'postgres', url };
  }
  const file = env.SQLITE_PATH?.trim() || 'data/sentinel.db';
  return { type: 'sqlite', path: file === ':memory:' ? file : path.resolve(file) };
}

export function loadConfig(env: Env = process.env): AppConfig {
  const minIntervalSec = integer(env, 'POLL_MIN_INTERVAL_SEC', 120, 1, 86_400);
  const maxIntervalSec = integer(env, 'POLL_MAX_INTERVAL_SEC', 3600, 1, 7 * 86_400);
  if (maxIntervalSec < minIntervalSec) {
    throw new ConfigError('POLL_MAX_INTERVAL_SEC', `must not be below POLL_MIN_INTERVAL_SEC (${minIntervalSec})`);
  }
  const repoRoot = path.resolve(__dirname, '../../..');
  const defaultFeeds = oneOf(env, 'DEFAULT_FEEDS', ['real', 'none'] as const, 'real');
  return {
    port: integer(env, 'PORT', 3000, 0, 65_535),
    host: listenHost(env),
    database: database(env),
    outboundAllowHosts: hostList(env, 'OUTBOUND_ALLOW_HOSTS'),
    defaultFeeds,
    defaultFeedsFile: defaultFeedsFile(env, repoRoot, defaultFeeds),
    fetch: {
      maxBodyBytes: integer(env, 'FETCH_MAX_BODY_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      timeoutMs: integer(env, 'FETCH_TIMEOUT_SEC', 30, 1, 600) * 1000,
    },
    polling: {
      minIntervalSec,
      maxIntervalSec,
      workers: integer(env, 'POLL_WORKERS', 16, 1, 256),
      perHost: integer(env, 'POLL_PER_HOST', 2, 1, 64),
      shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_SEC', 20, 0, 600) * 1000,
      enabled: boolean(env, 'POLLING_ENABLED', true),
    },
    clientDist: clientDist(env, repoRoot),
    alerts: {
      retryDelaysSec: delays(env, 'ALERT_RETRY_DELAYS_SEC', [5, 30, 120, 600, 1800]),
      smtpUrl: smtpUrl(env),
      emailFrom: emailFrom(env),
    },
    auth: {
      ...adminAccount(env),
      sessionTtlMs: integer(env, 'SESSION_TTL_HOURS', 168, 1, 24 * 90) * 3_600_000,
      publicUrl: publicUrl(env),
      allowedHosts: allowedHosts(env),
      frameAncestors: frameAncestors(env),
      socketsPerPrincipal: integer(env, 'SOCKETS_PER_PRINCIPAL', 20, 1, 10_000),
      socketsPerAddress: integer(env, 'SOCKETS_PER_ADDRESS', 100, 1, 100_000),
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
