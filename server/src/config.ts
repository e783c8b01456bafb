import { defaultThreadCount } from './platform/threads.ts';
import { resolve } from 'node:path';

/** The only reader of process.env: typed, validated, frozen. */
export interface Config {
  port: number;
  host: string;
  /** Public URL of this server, used in links (setup, invitations, widget snippet). */
  publicUrl: string;
  /** Empty → embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  /** Named prepared statements on PostgreSQL (`DATABASE_PREPARE=off` for a pooler in transaction mode). */
  databasePrepare: boolean;
  dataDir: string;
  /** Empty → in-memory event bus (single node). */
  redisUrl: string | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Secure cookies: on when publicUrl is https. */
  secureCookies: boolean;
  sessionDays: number;
  nodeId: string;
  /** Where built console and widget files are served from. */
  staticRoot: string;
  trustProxy: boolean;
  /** Built-in SMTP receiver for inbound mail (MX or forwarding); null = off. */
  smtpPort: number | null;
  smtpHost: string;
  /** Largest inbound mail accepted, in bytes. */
  smtpMaxBytes: number;
  /** Threads that read inbound mail off the main thread (`MAIL_THREADS`; 0 reads inline); default one fewer than the cores, at most 4. */
  mailThreads: number;
  /** Where notification mail goes out (`smtp://user:pass@host:587`, `smtps://…`); null = through the workspace's email inbox. */
  mailSmtpUrl: string | null;
  /** Sender of notification mail when `mailSmtpUrl` is used. */
  mailFrom: string;
  /**
   * What this node runs: `all` (HTTP and the worker: jobs, schedules, stored webhook events), `web`
   * (HTTP only; another node runs the worker) or `worker` (no HTTP).
   */
  role: 'all' | 'web' | 'worker';
  /** Key material for secrets at rest (channel tokens, passwords); null = a key file in `dataDir`. */
  secretsKey: string | null;
  /** Let automation webhooks call private and loopback addresses (tests, an intranet); off by default. */
  allowPrivateWebhooks: boolean;
  /** Vendor API base URLs (channels.md §0.1), configurable so tests and proxies can stand in. */
  vendors: { graphApiBase: string; graphApiVersion: string; zaloOpenApiBase: string; zaloOauthBase: string; telegramApiBase: string; viberApiBase: string };
}

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function int(env: Env, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${key} must be a whole number, got "${raw}"`);
  return n;
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Readonly<Config> {
  const port = int(env, 'PORT', 3000);
  const host = env.HOST || '0.0.0.0';
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/$/, '');
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!['debug', 'info', 'warn', 'error', 'silent'].includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be debug|info|warn|error|silent`);
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  const redisUrl = env.REDIS_URL || null;
  if (env.MAIL_SMTP_URL && !/^smtps?:\/\//.test(env.MAIL_SMTP_URL)) throw new ConfigError('MAIL_SMTP_URL must start with smtp:// or smtps://');
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError('REDIS_URL must start with redis:// or rediss://');
  const role = (env.CARELOOP_ROLE || 'all') as Config['role'];
  if (!['all', 'web', 'worker'].includes(role)) throw new ConfigError('CARELOOP_ROLE must be all|web|worker');
  if (env.CARELOOP_SECRETS_KEY && env.CARELOOP_SECRETS_KEY.length < 32) throw new ConfigError('CARELOOP_SECRETS_KEY must be at least 32 characters (e.g. `openssl rand -base64 32`)');
  const config: Config = {
    port,
    host,
    publicUrl,
    databaseUrl,
    databasePrepare: env.DATABASE_PREPARE !== 'off',
    dataDir: resolve(env.CARELOOP_DATA_DIR || 'data'),
    redisUrl,
    logLevel,
    secureCookies: env.SECURE_COOKIES ? env.SECURE_COOKIES === 'true' : publicUrl.startsWith('https://'),
    sessionDays: int(env, 'SESSION_DAYS', 14),
    nodeId: env.NODE_ID || `node-${process.pid}`,
    staticRoot: resolve(env.CARELOOP_STATIC_ROOT || '.'),
    trustProxy: env.TRUST_PROXY === 'true',
    smtpPort: env.SMTP_PORT ? int(env, 'SMTP_PORT', 0) : null,
    smtpHost: env.SMTP_HOST || '0.0.0.0',
    smtpMaxBytes: int(env, 'SMTP_MAX_BYTES', 25 * 1024 * 1024),
    mailThreads: int(env, 'MAIL_THREADS', defaultThreadCount()),
    mailSmtpUrl: env.MAIL_SMTP_URL || null,
    mailFrom: env.MAIL_FROM || `CareLoop <noreply@${new URL(publicUrl).hostname}>`,
    role,
    secretsKey: env.CARELOOP_SECRETS_KEY || null,
    allowPrivateWebhooks: env.CARELOOP_WEBHOOKS_ALLOW_PRIVATE === 'true',
    vendors: {
      graphApiBase: (env.GRAPH_API_BASE || 'https://graph.facebook.com').replace(/\/$/, ''),
      graphApiVersion: env.GRAPH_API_VERSION || 'v25.0',
      zaloOpenApiBase: (env.ZALO_OPENAPI_BASE || 'https://openapi.zalo.me').replace(/\/$/, ''),
      zaloOauthBase: (env.ZALO_OAUTH_BASE || 'https://oauth.zaloapp.com').replace(/\/$/, ''),
      telegramApiBase: (env.TELEGRAM_API_BASE || 'https://api.telegram.org').replace(/\/$/, ''),
      viberApiBase: (env.VIBER_API_BASE || 'https://chatapi.viber.com').replace(/\/$/, ''),
    },
    ...overrides,
  };
  return Object.freeze(config);
}
