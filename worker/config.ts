// Runtime configuration of the worker and the web server, read from the environment once.
import { fileURLToPath } from 'node:url';
import type { RegistryName } from '../workflows/domain/registries.ts';
import { completionConfigSchema, type CompletionConfig } from '../workflows/domain/completion.ts';
import { DEFAULT_AUTO_COMPLETE_DAYS } from '../workflows/domain/group-completion.ts';

export type Mode = 'development' | 'test' | 'production';

export interface Config {
  mode: Mode;
  databaseUrl: string;
  temporal: {
    address: string;
    namespace: string;
    taskQueue: string;
    commandTimeoutMs: number;
    maxCachedWorkflows: number;
    /** A workflow bundle built ahead (worker/bundle.ts); undefined: the worker bundles at start. */
    workflowBundlePath: string | undefined;
  };
  web: {
    port: number;
    host: string;
    /** The address users reach the app at (links in e-mails, the OIDC redirect URI). */
    publicUrl: string;
  };
  /** The identity gateway (VIISP) as an OpenID Connect provider; the simulator in development. */
  viisp: { issuer: string; clientId: string; clientSecret: string };
  /**
   * Base URL of each state registry (EXT-1): ŠMIR, NŠPR, SMPKR, Licencijų registras, Mokinių
   * registras, Diplomų registras, SoDra, UŽT. In development and tests, the paths of the one
   * registry simulator (test/sim/registries/), e.g. http://localhost:3002/smir.
   */
  registries: Record<RegistryName, string>;
  /** How long a registry call waits for an answer, per attempt (REGISTRY_TIMEOUT_MS). */
  registryTimeoutMs: number;
  /**
   * How often a learning contract of an SMPKR programme asks Mokinių registras again for its number
   * while the register has none (NUM-11, OQ-13; KURSUOK_CONTRACT_NUMBER_RETRY_MS, default 10 minutes).
   */
  contractNumberRetryMs: number;
  /**
   * Issue 14 (INV-17, L8 I9): how often an invoice "Perduota apmokėti" asks the funder's payment system
   * (PAYMENTS_URL, the registry simulator's /mokejimai in development) whether its payment order is paid
   * (KURSUOK_PAYMENT_POLL_MS, default 1 minute).
   */
  paymentPollMs: number;
  /**
   * Completion (issue 13, L6): how many days after the first session day "Mokymus pradėjo" may still be
   * ticked (OQ-35; KURSUOK_START_MARK_GRACE_DAYS, default 0) and the final assessment's format (DONE-20,
   * OQ-39; KURSUOK_ASSESSMENT_FORMAT as JSON, e.g. {"kind":"grade","min":1,"max":10}; default pass/fail),
   * and how many days after "Patvirtinti" a contract still waits for the questionnaire once its group
   * is "Užbaigta" (KURSUOK_QUESTIONNAIRE_OPEN_DAYS, default 90).
   */
  completion: CompletionConfig;
  /**
   * GRP-45, OQ-25 (issue 13): whole days after "Mokymosi programos vykdymo pabaiga" after which a group
   * still "Vykdoma" becomes "Užbaigta" by itself; its administrators are e-mailed 7 days before
   * (KURSUOK_GROUP_AUTO_COMPLETE_DAYS, default 30, 0–365).
   */
  groupAutoCompleteDays: number;
  /**
   * The signing gateway for qualified e-signatures (issue 12); the simulator (test/sim/signing/) in
   * development. The app authenticates with a client id and secret; a returned signature is accepted
   * only from a certificate issued under a trusted CA: SIGNING_TRUSTED_CA_PEM, or the file
   * SIGNING_TRUSTED_CA_FILE (read when a signature is checked; outside production it defaults to the
   * simulator's CA, SIGNING_SIMULATOR_CA_DIR/ca-cert.pem).
   */
  signing: {
    gatewayUrl: string;
    clientId: string;
    clientSecret: string;
    trustedCaPem: string | null;
    trustedCaFile: string | null;
    /** Per request (SIGNING_TIMEOUT_MS). */
    timeoutMs: number;
  };
  mail: { smtpHost: string; smtpPort: number; from: string };
  /**
   * The certificates (issue 13, DONE-10, DONE-17): the system's e-seal they are sealed with — a PKCS#12
   * file (CERTIFICATE_SEAL_P12_FILE) or its bytes in base64 (CERTIFICATE_SEAL_P12, tests) and its
   * passphrase (CERTIFICATE_SEAL_PASSPHRASE); outside production the file defaults to the one the signing
   * gateway simulator issues under its CA (SIGNING_SIMULATOR_CA_DIR/seal.p12). Certificates issued at
   * once per batch activity (KURSUOK_CERTIFICATE_CHUNK, default 25) and such activities in flight
   * (KURSUOK_CERTIFICATE_CONCURRENCY, default 2).
   */
  certificates: { seal: { p12File: string | null; p12Base64: string | null; passphrase: string }; chunkSize: number; concurrency: number };
  /**
   * The issuer key of the certificates' Verifiable Credentials (issue 13; web/credentials.ts): an ES256
   * (P-256) private key as a JWK in KURSUOK_CREDENTIAL_KEY, or a file holding a private JWK or a PKCS#8
   * PEM (KURSUOK_CREDENTIAL_KEY_FILE). With neither, the key is derived from KURSUOK_SIGNING_SECRET, so
   * every web process of one deployment signs with and publishes the same key; production should give
   * its own key (rotating the signing secret would otherwise change the published key).
   */
  credentialKey: { jwk: string | null; file: string | null };
  secrets: {
    /** Signs invitation links and the login transaction cookie. */
    signing: string;
    /** Keyed hash of personal codes: only the hash is stored. */
    personalCodePepper: string;
  };
  /** How long an invitation link is valid, and when before that a reminder goes out (USERS-13). */
  invitation: { validSeconds: number; reminderBeforeSeconds: number };
  /** Version of the privacy policy and confidentiality pledge a consent is recorded against (GEN-13). */
  privacyPolicyVersion: string;
  /**
   * Report exports (issue 15): up to syncMaxRows rows (KURSUOK_EXPORT_SYNC_MAX_ROWS) a CSV/XLSX is
   * streamed straight to the browser; more are made in the background by ReportExport:<id>, whose
   * file is kept retentionMs (KURSUOK_EXPORT_RETENTION_MS, default 24 h) and then deleted.
   */
  reportExports: { syncMaxRows: number; retentionMs: number };
}

const DEV_SECRET = 'kursuok-development-secret-not-for-production';

/**
 * Issue 15: rows of a report export streamed straight to the browser. Measured over HTTP
 * (test/bench/reports.bench.ts, the participants report's 18 columns, 2 shared cores): 5,000 rows of XLSX
 * took 0.77 s on a quiet machine and 1.14 s under a load average of 4–5 (4,400–6,500 rows/s with the
 * query), so 4,000 keeps the quick path under ~1 s; CSV is about three times faster.
 */
const EXPORT_SYNC_MAX_ROWS = 4_000;

export const TASK_QUEUE = 'kursuok';

/** Registry → [environment variable, path of the registry simulator]. */
export const REGISTRY_ENV: Record<RegistryName, readonly [string, string]> = {
  smir: ['SMIR_URL', 'smir'],
  nspr: ['NSPR_URL', 'nspr'],
  smpkr: ['SMPKR_URL', 'smpkr'],
  licenses: ['LICENSES_URL', 'licencijos'],
  students: ['STUDENTS_URL', 'mokiniai'],
  diplomas: ['DIPLOMAS_URL', 'diplomai'],
  sodra: ['SODRA_URL', 'sodra'],
  uzt: ['UZT_URL', 'uzt'],
  /** The funder's payment system (issue 14, INV-17): payment orders of invoices passed for payment. */
  payments: ['PAYMENTS_URL', 'mokejimai'],
};

/** Where `npm start` runs the registry simulator. */
export const REGISTRY_SIMULATOR_URL = 'http://localhost:3002';

/** Where `npm start` runs the signing gateway simulator, and where it keeps its test CA. */
export const SIGNING_GATEWAY_SIMULATOR_URL = 'http://localhost:3003';
export const SIGNING_SIMULATOR_CA_DIR = fileURLToPath(new URL('../.data/signing-sim/', import.meta.url));
/** The passphrase of the e-seal the signing gateway simulator issues for development (never in production). */
export const SIMULATOR_SEAL_PASSPHRASE = 'kursuok-seal-simulator';

function completionConfig(env: Record<string, string | undefined>): CompletionConfig {
  let format: unknown = undefined;
  if (env.KURSUOK_ASSESSMENT_FORMAT) {
    try {
      format = JSON.parse(env.KURSUOK_ASSESSMENT_FORMAT);
    } catch {
      throw new Error('KURSUOK_ASSESSMENT_FORMAT must be JSON, e.g. {"kind":"passFail"}');
    }
  }
  const parsed = completionConfigSchema.safeParse({
    startMarkGraceDays: env.KURSUOK_START_MARK_GRACE_DAYS === undefined ? undefined : Number(env.KURSUOK_START_MARK_GRACE_DAYS),
    assessmentFormat: format,
    questionnaireOpenDays: env.KURSUOK_QUESTIONNAIRE_OPEN_DAYS === undefined ? undefined : Number(env.KURSUOK_QUESTIONNAIRE_OPEN_DAYS),
  });
  if (!parsed.success) throw new Error(`completion settings: ${parsed.error.message}`);
  return parsed.data;
}

function registryUrls(env: Record<string, string | undefined>): Record<RegistryName, string> {
  const entries = Object.entries(REGISTRY_ENV).map(([name, [variable, path]]) => {
    const raw = env[variable] ?? `${REGISTRY_SIMULATOR_URL}/${path}`;
    if (!/^https?:\/\/[^/]/.test(raw)) throw new Error(`${variable} must be an http(s) URL, not '${raw}'`);
    return [name, raw.replace(/\/+$/, '')];
  });
  return Object.fromEntries(entries) as Record<RegistryName, string>;
}

/** A whole number within [min, max] from the environment, or the default when the variable is unset. */
function integer(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not '${raw}'`);
  }
  return Number(raw);
}

/** KURSUOK_WORKER_HEAP_MB's default: see workerNodeArgs. */
export const DEFAULT_WORKER_HEAP_MB = 512;

/**
 * The Node.js flags the worker process is started with (scripts/dev.ts, the tests' and benchmarks'
 * worker processes; docker-compose.yml passes the same setting): a V8 heap limit per isolate (the main
 * thread and the workflow thread), KURSUOK_WORKER_HEAP_MB. Without one V8 lets the heap grow towards
 * its default limit before collecting, and the worker sat at 2.9–3.1 GiB RSS after taking 5,000 or
 * 20,000 open group workflows (`npm run bench -- national-seed`, README "Našumas (issue 16)"); with
 * 1,024 MiB (cache 400) at 1.5 GiB, 25 first workflow tasks/s; with 512 MiB and a cache of 200 at
 * 1.0 GiB, 22/s; with 384 MiB garbage collection took the worker's cores (under 16/s).
 */
export function workerNodeArgs(env: Record<string, string | undefined> = process.env): string[] {
  return [`--max-old-space-size=${workerHeapMb(env)}`];
}

/** KURSUOK_WORKER_HEAP_MB: the worker's V8 heap limit per isolate, MiB (see workerNodeArgs). */
export function workerHeapMb(env: Record<string, string | undefined> = process.env): number {
  return integer(env, 'KURSUOK_WORKER_HEAP_MB', DEFAULT_WORKER_HEAP_MB, 128, 65_536);
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const mode = (env.KURSUOK_MODE ?? 'development') as Mode;
  if (!['development', 'test', 'production'].includes(mode)) {
    throw new Error(`KURSUOK_MODE must be development, test or production, not '${mode}'`);
  }
  const signing = env.KURSUOK_SIGNING_SECRET ?? DEV_SECRET;
  const pepper = env.KURSUOK_PERSONAL_CODE_PEPPER ?? DEV_SECRET;
  if (mode === 'production' && (signing === DEV_SECRET || pepper === DEV_SECRET || signing.length < 32 || pepper.length < 32)) {
    throw new Error('production mode needs KURSUOK_SIGNING_SECRET and KURSUOK_PERSONAL_CODE_PEPPER of at least 32 characters');
  }
  const port = integer(env, 'PORT', 3000, 1, 65_535);
  return {
    mode,
    databaseUrl: env.DATABASE_URL ?? 'postgres://kursuok:kursuok@localhost:5432/kursuok',
    temporal: {
      address: env.TEMPORAL_ADDRESS ?? 'localhost:7233',
      namespace: env.TEMPORAL_NAMESPACE ?? 'default',
      taskQueue: env.TEMPORAL_TASK_QUEUE ?? TASK_QUEUE,
      // Keep it above 8 s (80 % of the 10 s workflow task timeout): a group command whose local projection
      // is held up (Postgres stalled) is known as accepted only when the worker heartbeats its workflow
      // task, and a shorter wait would answer 503 "not done" for a command that will be done (issue 16).
      commandTimeoutMs: integer(env, 'KURSUOK_COMMAND_TIMEOUT_MS', 20_000, 100, 600_000),
      // 200 with the 512 MiB heap above (workerNodeArgs): the cached workflows live in that heap.
      maxCachedWorkflows: integer(env, 'KURSUOK_MAX_CACHED_WORKFLOWS', 200, 1, 100_000),
      workflowBundlePath: env.KURSUOK_WORKFLOW_BUNDLE || undefined,
    },
    web: { port, host: env.HOST ?? '127.0.0.1', publicUrl: (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '') },
    viisp: {
      issuer: env.VIISP_ISSUER ?? 'http://localhost:3001',
      clientId: env.VIISP_CLIENT_ID ?? 'kursuok',
      clientSecret: env.VIISP_CLIENT_SECRET ?? 'kursuok-viisp-simulator-secret',
    },
    registries: registryUrls(env),
    registryTimeoutMs: integer(env, 'REGISTRY_TIMEOUT_MS', 5_000, 100, 120_000),
    contractNumberRetryMs: integer(env, 'KURSUOK_CONTRACT_NUMBER_RETRY_MS', 10 * 60_000, 100, 24 * 3600_000),
    paymentPollMs: integer(env, 'KURSUOK_PAYMENT_POLL_MS', 60_000, 100, 24 * 3600_000),
    completion: completionConfig(env),
    groupAutoCompleteDays: integer(env, 'KURSUOK_GROUP_AUTO_COMPLETE_DAYS', DEFAULT_AUTO_COMPLETE_DAYS, 0, 365),
    signing: {
      gatewayUrl: (env.SIGNING_GATEWAY_URL ?? SIGNING_GATEWAY_SIMULATOR_URL).replace(/\/+$/, ''),
      clientId: env.SIGNING_CLIENT_ID ?? 'kursuok',
      clientSecret: env.SIGNING_CLIENT_SECRET ?? 'kursuok-signing-simulator-secret',
      trustedCaPem: env.SIGNING_TRUSTED_CA_PEM || null,
      trustedCaFile:
        env.SIGNING_TRUSTED_CA_FILE ??
        (mode === 'production' || env.SIGNING_TRUSTED_CA_PEM ? null : `${SIGNING_SIMULATOR_CA_DIR}ca-cert.pem`),
      timeoutMs: integer(env, 'SIGNING_TIMEOUT_MS', 15_000, 100, 600_000),
    },
    certificates: {
      seal: {
        p12File:
          env.CERTIFICATE_SEAL_P12_FILE ??
          (mode === 'production' || env.CERTIFICATE_SEAL_P12 ? null : `${SIGNING_SIMULATOR_CA_DIR}seal.p12`),
        p12Base64: env.CERTIFICATE_SEAL_P12 || null,
        passphrase: env.CERTIFICATE_SEAL_PASSPHRASE ?? (mode === 'production' ? '' : SIMULATOR_SEAL_PASSPHRASE),
      },
      chunkSize: integer(env, 'KURSUOK_CERTIFICATE_CHUNK', 25, 1, 500),
      concurrency: integer(env, 'KURSUOK_CERTIFICATE_CONCURRENCY', 2, 1, 32),
    },
    mail: {
      smtpHost: env.SMTP_HOST ?? 'localhost',
      smtpPort: integer(env, 'SMTP_PORT', 1025, 1, 65_535),
      from: env.MAIL_FROM ?? 'IMP IS <noreply@kursuok.lt>',
    },
    credentialKey: { jwk: env.KURSUOK_CREDENTIAL_KEY || null, file: env.KURSUOK_CREDENTIAL_KEY_FILE || null },
    secrets: { signing, personalCodePepper: pepper },
    privacyPolicyVersion: env.KURSUOK_PRIVACY_POLICY_VERSION ?? '2024-01',
    reportExports: {
      syncMaxRows: integer(env, 'KURSUOK_EXPORT_SYNC_MAX_ROWS', EXPORT_SYNC_MAX_ROWS, 0, 1_000_000),
      retentionMs: integer(env, 'KURSUOK_EXPORT_RETENTION_MS', 24 * 3600_000, 1_000, 30 * 24 * 3600_000),
    },
    invitation: {
      validSeconds: integer(env, 'KURSUOK_INVITATION_VALID_SECONDS', 7 * 24 * 3600, 1, 90 * 24 * 3600),
      reminderBeforeSeconds: integer(env, 'KURSUOK_INVITATION_REMINDER_BEFORE_SECONDS', 24 * 3600, 0, 90 * 24 * 3600),
    },
  };
}
