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
  const clientDist = env.CLIENT_DIST?.trim() || path.join(repoRoot, 'client/dist');
  return {
    port: integer(env, 'PORT', 3000, 0, 65_535),
    host: env.HOST?.trim() || '127.0.0.1',
    database: database(env),
    outboundAllowHosts: hostList(env, 'OUTBOUND_ALLOW_HOSTS'),
    defaultFeeds: oneOf(env, 'DEFAULT_FEEDS', ['real', 'none'] as const, 'real'),
    defaultFeedsFile: env.DEFAULT_FEEDS_FILE?.trim() || path.join(repoRoot, 'server/data/default-feeds.opml'),
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
    clientDist,
    alerts: {
      retryDelaysSec: delays(env, 'ALERT_RETRY_DELAYS_SEC', [5, 30, 120, 600, 1800]),
      smtpUrl: smtpUrl(env),
      emailFrom: env.ALERT_EMAIL_FROM?.trim() || 'Sentinel Wire <alerts@sentinel.invalid>',
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
