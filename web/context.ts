import type { Client } from '@temporalio/client';
import type { Db } from '../db/client.ts';
import type { ActingUser } from '../db/queries/users.ts';
import type { Config } from '../worker/config.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  temporal: Client;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDeps;
    /** The acting user and institution; set by the identity middleware on application routes. */
    acting: ActingUser;
  };
}
