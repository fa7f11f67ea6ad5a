import type { Client } from '@temporalio/client';
import type { RegistryClients } from '../activities/registries/index.ts';
import type { SmirClient } from '../activities/registries/smir.ts';
import type { Db } from '../db/client.ts';
import type { Institution, InstitutionUser, Session } from '../db/schema.ts';
import type { Role } from '../workflows/domain/access.ts';
import type { Config } from '../worker/config.ts';
import type { IdentityGateway } from './auth/oidc.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  temporal: Client;
  identity: IdentityGateway;
  /** ŠMIR, for account creation at first login (the same client as registries.smir). */
  smir: SmirClient;
  /** Every state registry's client (EXT-1). */
  registries: RegistryClients;
}

/** Who acts, for which institution, with which roles (every page and action checks both). */
export interface Acting {
  session: Session;
  institution: Institution;
  /** The institution user; null for a head in a legal-entity session or a free teacher's own session. */
  user: InstitutionUser | null;
  roles: Role[];
  /** How many institutions this person may represent (to offer switching). */
  membershipCount: number;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDeps;
    /** The live session, if the request carries one (any stage). */
    session: Session | undefined;
    /** The request carried a session cookie that is no longer valid (expired, revoked). */
    sessionEnded: boolean;
    /** Set on application routes by requireActiveSession. */
    acting: Acting;
  };
}
