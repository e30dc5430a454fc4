import { cleanEnv, makeValidator, num, port, str } from 'envalid';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS } from '../auth/token-lifetime';
import { isTimeZone } from '../domain/shared/business-day';
import { Role } from '../domain/shared/vocabulary';
import { DEFAULT_BUSINESS_TIME_ZONE, useBusinessTimeZone } from '../infrastructure/business-day';
import { join } from 'node:path';
import { algorithms, claimPath, DEFAULT_OIDC_ALGORITHMS, idpUrl, issuerOf, OidcConfig, roleMap } from './oidc-settings';

/** Where `npm run build` writes the console: dist/console beside dist/main.js (and the same folder from src/ under ts-node). */
const DEFAULT_CONSOLE_DIR = join(__dirname, '..', '..', 'dist', 'console');

/**
 * The service's configuration, read once from the environment at start-up.
 * A bad value stops the process with a message naming the variable (docs/DESIGN.md).
 */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  eventStore: 'sqlite' | 'esdb';
  eventStoreConnectionString?: string;
  readStore: 'sqlite' | 'mongo';
  /** Where the per-employee personal-data keys live: DATA_DIR/keys.db, or MongoDB's personal_data_keys collection. */
  keyStore: 'sqlite' | 'mongo';
  mongodbUri?: string;
  mongodbDatabase: string;
  logLevel: string;
  /** Origins allowed to call the API from a browser; empty: no cross-origin access. */
  corsOrigins: string[];
  /** Requests per minute, per client IP and per token. */
  rateLimitPerMinute: number;
  /** HS256 secret of the bearer tokens; when unset, one is generated into DATA_DIR on first start (single-node use). */
  authJwtSecret?: string;
  /** Sign-in through an identity provider (OIDC_ISSUER and the rest, oidc-settings.ts); absent: local tokens only. */
  oidc?: OidcConfig;
  /** The longest a bearer token may live (exp − iat, and exp − now), in seconds; default 24 hours (token-lifetime.ts says why). */
  authMaxTokenLifetimeSeconds: number;
  shutdownTimeoutMs: number;
  /** The IANA zone whose calendar day is the business day (deadlines, audit months, "today"). */
  businessTimeZone: string;
  /** Minutes between signed checkpoints of every chain head (src/audit/checkpoints.ts); 0: only on demand. */
  auditCheckpointMinutes: number;
  /** The longest a read with X-Min-Position waits for the read models to reach it before 503 READ_MODEL_BEHIND. */
  readYourWritesTimeoutMs: number;
  /** Bytes of case views, and as many of timeline pages, kept serialised between reads (http/json-answers.ts); 0 keeps none. */
  keptAnswersBytes: number;
  /** Event streams (GET /api/events/stream) one caller may hold open at once. */
  eventStreamsPerCaller: number;
  /** The built web console (npm run build writes it): served at /console. */
  consoleDir: string;
  /** How long a reactor's or the dispatcher's lease holds without renewal (src/projections/lease.ts). */
  leaseTtlMs: number;
  /** Outbound delivery (src/notifications): attempts before a delivery is dead-lettered, per-request timeout, backoff. */
  notify: NotifyConfig;
  /** The hour (0–23, business time zone) from which reminders go out on a working day; default 9. */
  reminderHour: number;
}

export interface NotifyConfig {
  maxAttempts: number;
  timeoutMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Requests in flight per channel: a slow receiver holds up only its own. */
  concurrencyPerChannel: number;
  /** How often the dispatcher looks for due messages when nothing woke it. */
  pollMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const esdbConnectionString = makeValidator<string>((value) => {
  if (!/^esdb(\+discover)?:\/\//.test(value)) {
    throw new Error('must be an esdb:// connection string, e.g. esdb://localhost:2113?tls=false');
  }
  return value;
});

/** HS256 needs a key at least as long as the hash (RFC 7518 §3.2): 32 bytes. */
const jwtSecret = makeValidator<string>((value) => {
  if (Buffer.byteLength(value, 'utf8') < 32) throw new Error('must be at least 32 bytes long');
  return value;
});

/** A comma-separated list of origins such as https://hr.example.com; `*` is refused, as the API carries personal data. */
const origins = makeValidator<string[]>((value) => {
  const list = value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of list) {
    if (!/^https?:\/\/[^/\s*]+$/.test(origin))
      throw new Error('must be comma-separated origins like https://hr.example.com (no paths, no *)');
  }
  return list;
});

const timeZone = makeValidator<string>((value) => {
  if (!isTimeZone(value)) throw new Error('must be an IANA time zone such as Asia/Shanghai');
  return value;
});

const mongoUri = makeValidator<string>((value) => {
  if (!/^mongodb(\+srv)?:\/\//.test(value)) throw new Error('must be a mongodb:// URI, e.g. mongodb://localhost:27017');
  return value;
});

const oidcIssuer = makeValidator((value) => issuerOf(value));
const oidcJwksUrl = makeValidator((value) => idpUrl(value).href);
const oidcClaimPath = makeValidator(claimPath);
const oidcRoleMap = makeValidator(roleMap);
const oidcAlgorithms = makeValidator(algorithms);
const nonEmpty = makeValidator((value) => {
  if (value.trim() === '') throw new Error('must not be empty');
  return value.trim();
});

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const clean = cleanEnv(
    env,
    {
      PORT: port({ default: 3000, desc: 'HTTP port' }),
      HOST: str({ default: '0.0.0.0' }),
      DATA_DIR: str({ default: './data', desc: 'directory of the embedded SQLite stores' }),
      EVENT_STORE: str({ choices: ['sqlite', 'esdb'], default: 'sqlite' }),
      EVENTSTORE_CONNECTION_STRING: esdbConnectionString({ default: undefined }),
      READ_STORE: str({ choices: ['sqlite', 'mongo'], default: 'sqlite' }),
      KEY_STORE: str({ choices: ['sqlite', 'mongo'], default: 'sqlite' }),
      MONGODB_URI: mongoUri({ default: undefined }),
      MONGODB_DATABASE: str({ default: 'offboarding' }),
      LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
      SHUTDOWN_TIMEOUT_MS: num({ default: 10_000 }),
      AUTH_JWT_SECRET: jwtSecret({ default: undefined }),
      AUTH_MAX_TOKEN_LIFETIME_SECONDS: num({
        default: DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
        desc: 'longest accepted bearer-token lifetime, seconds',
      }),
      OIDC_ISSUER: oidcIssuer({ default: undefined, desc: 'the identity provider: its issuer or discovery URL' }),
      OIDC_JWKS_URL: oidcJwksUrl({ default: undefined, desc: 'the JWKS itself, instead of the one discovery names' }),
      OIDC_AUDIENCE: nonEmpty({ default: undefined, desc: 'the aud the tokens must carry' }),
      OIDC_ROLES_CLAIM: oidcClaimPath({ default: ['roles'], desc: 'claim path of the IdP roles or groups' }),
      OIDC_ROLE_MAP: oidcRoleMap({ default: undefined, desc: 'idp-name:role,... onto the five roles' }),
      OIDC_DEPARTMENTS_CLAIM: oidcClaimPath({ default: ['departments'], desc: 'claim path of the department keys' }),
      OIDC_ALGORITHMS: oidcAlgorithms({ default: algorithms(DEFAULT_OIDC_ALGORITHMS) }),
      OIDC_CLOCK_SKEW_SECONDS: num({ default: 30, desc: 'clock difference tolerated on exp/nbf, seconds' }),
      OIDC_JWKS_COOLDOWN_SECONDS: num({ default: 30, desc: 'least time between JWKS fetches on an unknown kid' }),
      OIDC_CLIENT_ID: nonEmpty({ default: undefined, desc: "the console's public OAuth client (PKCE)" }),
      OIDC_SCOPES: nonEmpty({ default: 'openid profile', desc: 'scopes the console asks for' }),
      CORS_ORIGINS: origins({ default: [] }),
      RATE_LIMIT_PER_MINUTE: num({ default: 600 }),
      AUDIT_CHECKPOINT_MINUTES: num({ default: 60, desc: 'minutes between signed checkpoints of the chain heads; 0 for on demand only' }),
      READ_YOUR_WRITES_TIMEOUT_MS: num({ default: 2000, desc: 'longest wait of a read for X-Min-Position, milliseconds' }),
      KEPT_ANSWERS_MIB: num({
        default: 16,
        desc: 'MiB of case views, and as many of timeline pages, kept serialised between reads; 0 for none',
      }),
      EVENT_STREAMS_PER_CALLER: num({ default: 4, desc: 'event streams one token subject may hold open at once' }),
      LEASE_TTL_MS: num({ default: 10_000, desc: 'ms a reactor or dispatcher lease holds without renewal' }),
      NOTIFY_MAX_ATTEMPTS: num({ default: 8, desc: 'delivery attempts before a message is dead-lettered' }),
      NOTIFY_TIMEOUT_MS: num({ default: 5_000, desc: 'per-request timeout of a delivery, ms' }),
      NOTIFY_BACKOFF_BASE_MS: num({ default: 1_000, desc: 'first retry delay (exponential, full jitter), ms' }),
      NOTIFY_BACKOFF_MAX_MS: num({ default: 300_000, desc: 'longest retry delay, ms' }),
      NOTIFY_CONCURRENCY_PER_CHANNEL: num({ default: 4, desc: 'deliveries in flight per channel' }),
      NOTIFY_POLL_MS: num({ default: 500, desc: 'ms between looks for due messages' }),
      BUSINESS_TIME_ZONE: timeZone({ default: DEFAULT_BUSINESS_TIME_ZONE, desc: 'IANA time zone of the business day' }),
      CONSOLE_DIR: str({ default: DEFAULT_CONSOLE_DIR, desc: 'folder of the built web console (npm run build), served at /console' }),
      REMINDER_HOUR: num({ default: 9, desc: 'hour of the business day (0-23) from which reminders are sent on working days' }),
    },
    {
      reporter: ({ errors }) => {
        const named = Object.entries(errors).map(([name, error]) => `${name}: ${describe(error)}`);
        if (named.length) throw new ConfigError(named);
      },
    },
  );
  const problems: string[] = [];
  if (clean.EVENT_STORE === 'esdb' && !clean.EVENTSTORE_CONNECTION_STRING) {
    problems.push('EVENTSTORE_CONNECTION_STRING: required when EVENT_STORE=esdb (e.g. esdb://localhost:2113?tls=false)');
  }
  if (clean.READ_STORE === 'mongo' && !clean.MONGODB_URI) {
    problems.push('MONGODB_URI: required when READ_STORE=mongo (e.g. mongodb://localhost:27017)');
  }
  if (clean.KEY_STORE === 'mongo' && !clean.MONGODB_URI) {
    problems.push('MONGODB_URI: required when KEY_STORE=mongo (e.g. mongodb://localhost:27017)');
  }
  if (!(Number.isInteger(clean.RATE_LIMIT_PER_MINUTE) && clean.RATE_LIMIT_PER_MINUTE > 0)) {
    problems.push('RATE_LIMIT_PER_MINUTE: must be a positive whole number');
  }
  if (!(clean.KEPT_ANSWERS_MIB >= 0 && clean.KEPT_ANSWERS_MIB <= 4096)) {
    problems.push('KEPT_ANSWERS_MIB: must be a number of MiB from 0 (keep no answers) to 4096');
  }
  if (clean.SHUTDOWN_TIMEOUT_MS !== undefined && !(clean.SHUTDOWN_TIMEOUT_MS > 0)) {
    problems.push('SHUTDOWN_TIMEOUT_MS: must be a positive number of milliseconds');
  }
  if (!(Number.isInteger(clean.AUDIT_CHECKPOINT_MINUTES) && clean.AUDIT_CHECKPOINT_MINUTES >= 0)) {
    problems.push('AUDIT_CHECKPOINT_MINUTES: must be a whole number of minutes, 0 to take checkpoints only on demand');
  }
  if (!(Number.isInteger(clean.AUTH_MAX_TOKEN_LIFETIME_SECONDS) && clean.AUTH_MAX_TOKEN_LIFETIME_SECONDS > 0)) {
    problems.push('AUTH_MAX_TOKEN_LIFETIME_SECONDS: must be a positive whole number of seconds');
  }
  if (!(
    Number.isInteger(clean.READ_YOUR_WRITES_TIMEOUT_MS) &&
    clean.READ_YOUR_WRITES_TIMEOUT_MS > 0 &&
    clean.READ_YOUR_WRITES_TIMEOUT_MS <= 60_000
  )) {
    problems.push('READ_YOUR_WRITES_TIMEOUT_MS: must be a whole number of milliseconds from 1 to 60000');
  }
  if (!(Number.isInteger(clean.EVENT_STREAMS_PER_CALLER) && clean.EVENT_STREAMS_PER_CALLER > 0)) {
    problems.push('EVENT_STREAMS_PER_CALLER: must be a positive whole number');
  }
  const positive: Array<[string, number, number]> = [
    ['LEASE_TTL_MS', clean.LEASE_TTL_MS, 100],
    ['NOTIFY_MAX_ATTEMPTS', clean.NOTIFY_MAX_ATTEMPTS, 1],
    ['NOTIFY_TIMEOUT_MS', clean.NOTIFY_TIMEOUT_MS, 1],
    ['NOTIFY_BACKOFF_BASE_MS', clean.NOTIFY_BACKOFF_BASE_MS, 1],
    ['NOTIFY_BACKOFF_MAX_MS', clean.NOTIFY_BACKOFF_MAX_MS, 1],
    ['NOTIFY_CONCURRENCY_PER_CHANNEL', clean.NOTIFY_CONCURRENCY_PER_CHANNEL, 1],
    ['NOTIFY_POLL_MS', clean.NOTIFY_POLL_MS, 1],
  ];
  for (const [name, value, least] of positive) {
    if (!(Number.isInteger(value) && value >= least)) problems.push(`${name}: must be a whole number, at least ${least}`);
  }
  if (clean.NOTIFY_BACKOFF_MAX_MS < clean.NOTIFY_BACKOFF_BASE_MS)
    problems.push('NOTIFY_BACKOFF_MAX_MS: must not be below NOTIFY_BACKOFF_BASE_MS');
  if (!(Number.isInteger(clean.REMINDER_HOUR) && clean.REMINDER_HOUR >= 0 && clean.REMINDER_HOUR <= 23)) {
    problems.push('REMINDER_HOUR: must be a whole hour from 0 to 23 (in BUSINESS_TIME_ZONE), e.g. 9');
  }
  const oidc = oidcSettings(clean, env, problems);
  if (problems.length) throw new ConfigError(problems);
  // Read once at start-up like every other setting; every "today" of this process follows it.
  useBusinessTimeZone(clean.BUSINESS_TIME_ZONE);
  return {
    port: clean.PORT,
    host: clean.HOST,
    dataDir: clean.DATA_DIR,
    eventStore: clean.EVENT_STORE as Config['eventStore'],
    eventStoreConnectionString: clean.EVENTSTORE_CONNECTION_STRING,
    readStore: clean.READ_STORE as Config['readStore'],
    keyStore: clean.KEY_STORE as Config['keyStore'],
    mongodbUri: clean.MONGODB_URI,
    mongodbDatabase: clean.MONGODB_DATABASE,
    logLevel: clean.LOG_LEVEL,
    shutdownTimeoutMs: clean.SHUTDOWN_TIMEOUT_MS,
    authJwtSecret: clean.AUTH_JWT_SECRET,
    authMaxTokenLifetimeSeconds: clean.AUTH_MAX_TOKEN_LIFETIME_SECONDS,
    ...(oidc ? { oidc } : {}),
    corsOrigins: clean.CORS_ORIGINS,
    rateLimitPerMinute: clean.RATE_LIMIT_PER_MINUTE,
    businessTimeZone: clean.BUSINESS_TIME_ZONE,
    auditCheckpointMinutes: clean.AUDIT_CHECKPOINT_MINUTES,
    readYourWritesTimeoutMs: clean.READ_YOUR_WRITES_TIMEOUT_MS,
    keptAnswersBytes: Math.floor(clean.KEPT_ANSWERS_MIB * 1024 * 1024),
    eventStreamsPerCaller: clean.EVENT_STREAMS_PER_CALLER,
    consoleDir: clean.CONSOLE_DIR,
    leaseTtlMs: clean.LEASE_TTL_MS,
    notify: {
      maxAttempts: clean.NOTIFY_MAX_ATTEMPTS,
      timeoutMs: clean.NOTIFY_TIMEOUT_MS,
      backoffBaseMs: clean.NOTIFY_BACKOFF_BASE_MS,
      backoffMaxMs: clean.NOTIFY_BACKOFF_MAX_MS,
      concurrencyPerChannel: clean.NOTIFY_CONCURRENCY_PER_CHANNEL,
      pollMs: clean.NOTIFY_POLL_MS,
    },
    reminderHour: clean.REMINDER_HOUR,
  };
}

interface OidcVariables {
  OIDC_ISSUER?: { issuer: string; discoveryUrl: string };
  OIDC_JWKS_URL?: string;
  OIDC_AUDIENCE?: string;
  OIDC_ROLES_CLAIM: string[];
  OIDC_ROLE_MAP?: Map<string, Role[]>;
  OIDC_DEPARTMENTS_CLAIM: string[];
  OIDC_ALGORITHMS: string[];
  OIDC_CLOCK_SKEW_SECONDS: number;
  OIDC_JWKS_COOLDOWN_SECONDS: number;
  OIDC_CLIENT_ID?: string;
  OIDC_SCOPES: string;
}

/** The OIDC_* variables together: an issuer needs its audience and role map; the others mean nothing without an issuer. */
function oidcSettings(clean: OidcVariables, env: NodeJS.ProcessEnv, problems: string[]): OidcConfig | undefined {
  if (!clean.OIDC_ISSUER) {
    for (const name of Object.keys(env).filter((n) => n.startsWith('OIDC_') && env[n] !== undefined && env[n] !== ''))
      problems.push(`${name}: needs OIDC_ISSUER (the identity provider) to be set`);
    return undefined;
  }
  if (!clean.OIDC_AUDIENCE) problems.push('OIDC_AUDIENCE: required with OIDC_ISSUER (the aud its tokens carry for this service)');
  if (!clean.OIDC_ROLE_MAP)
    problems.push('OIDC_ROLE_MAP: required with OIDC_ISSUER, e.g. hr-specialists:hr_specialist,hr-managers:hr_manager');
  if (!(Number.isInteger(clean.OIDC_CLOCK_SKEW_SECONDS) && clean.OIDC_CLOCK_SKEW_SECONDS >= 0 && clean.OIDC_CLOCK_SKEW_SECONDS <= 300))
    problems.push('OIDC_CLOCK_SKEW_SECONDS: must be a whole number of seconds from 0 to 300');
  if (!(Number.isInteger(clean.OIDC_JWKS_COOLDOWN_SECONDS) && clean.OIDC_JWKS_COOLDOWN_SECONDS >= 0))
    problems.push('OIDC_JWKS_COOLDOWN_SECONDS: must be a whole number of seconds, 0 or more');
  if (!clean.OIDC_AUDIENCE || !clean.OIDC_ROLE_MAP) return undefined;
  return {
    ...clean.OIDC_ISSUER,
    ...(clean.OIDC_JWKS_URL ? { jwksUrl: clean.OIDC_JWKS_URL } : {}),
    audience: clean.OIDC_AUDIENCE,
    rolesClaim: clean.OIDC_ROLES_CLAIM,
    roleMap: clean.OIDC_ROLE_MAP,
    departmentsClaim: clean.OIDC_DEPARTMENTS_CLAIM,
    algorithms: clean.OIDC_ALGORITHMS,
    clockSkewSeconds: clean.OIDC_CLOCK_SKEW_SECONDS,
    jwksCooldownSeconds: clean.OIDC_JWKS_COOLDOWN_SECONDS,
    ...(clean.OIDC_CLIENT_ID ? { clientId: clean.OIDC_CLIENT_ID } : {}),
    scopes: clean.OIDC_SCOPES,
  };
}

/** envalid's messages echo the raw value; name only what is wrong, since a secret could be in the value. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const choices = /not in choices \[(.*)\]/.exec(message);
  if (choices) return `must be one of ${choices[1].split(',').join(', ')}`;
  if (/port/i.test(message)) return 'must be a port number from 1 to 65535';
  if (/number/i.test(message)) return 'must be a number';
  return message.replace(/"[^"]*"/g, 'the value');
}

export const CONFIG = Symbol('Config');
