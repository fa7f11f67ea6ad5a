// Runtime configuration of the worker and the web server, read from the environment once.
export type Mode = 'development' | 'test' | 'production';

export interface Config {
  mode: Mode;
  databaseUrl: string;
  temporal: { address: string; namespace: string; taskQueue: string; commandTimeoutMs: number; maxCachedWorkflows: number };
  web: { port: number; host: string };
  /** The development identity switcher (until VIISP login exists). Never on in production. */
  devIdentity: boolean;
}

export const TASK_QUEUE = 'kursuok';

/** A whole number within [min, max] from the environment, or the default when the variable is unset. */
function integer(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not '${raw}'`);
  }
  return Number(raw);
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const mode = (env.KURSUOK_MODE ?? 'development') as Mode;
  if (!['development', 'test', 'production'].includes(mode)) {
    throw new Error(`KURSUOK_MODE must be development, test or production, not '${mode}'`);
  }
  const devIdentity = env.KURSUOK_DEV_IDENTITY === '1';
  if (devIdentity && mode === 'production') {
    throw new Error('KURSUOK_DEV_IDENTITY cannot be enabled in production mode');
  }
  return {
    mode,
    databaseUrl: env.DATABASE_URL ?? 'postgres://kursuok:kursuok@localhost:5432/kursuok',
    temporal: {
      address: env.TEMPORAL_ADDRESS ?? 'localhost:7233',
      namespace: env.TEMPORAL_NAMESPACE ?? 'default',
      taskQueue: env.TEMPORAL_TASK_QUEUE ?? TASK_QUEUE,
      commandTimeoutMs: integer(env, 'KURSUOK_COMMAND_TIMEOUT_MS', 20_000, 100, 600_000),
      maxCachedWorkflows: integer(env, 'KURSUOK_MAX_CACHED_WORKFLOWS', 400, 1, 100_000),
    },
    web: { port: integer(env, 'PORT', 3000, 1, 65_535), host: env.HOST ?? '127.0.0.1' },
    devIdentity: devIdentity && mode !== 'production',
  };
}
