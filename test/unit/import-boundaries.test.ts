// "Which folder may import which" (ARCHITECTURE.md, issue 10): the lint rules of eslint.config.js
// per folder, run through ESLint's Node API on one-line samples placed in each folder. Every
// forbidden import is reported by no-restricted-imports and every allowed one is not.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/env.ts';

const eslint = new ESLint({ cwd: ROOT });

/** The no-restricted-imports messages for one import statement in a file at `filePath`. */
async function restrictions(filePath: string, statement: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${statement}\n`, { filePath: `${ROOT}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

type Case = [statement: string];

function boundary(filePath: string, forbidden: Case[], allowed: Case[]) {
  describe(filePath, () => {
    if (forbidden.length > 0) {
      it.each(forbidden)('refuses %s', async (statement) => {
        expect((await restrictions(filePath, statement)).length).toBeGreaterThan(0);
      });
    }
    it.each(allowed)('allows %s', async (statement) => {
      expect(await restrictions(filePath, statement)).toEqual([]);
    });
  });
}

// db ──▶ workflows/domain (vocabulary), config; never activities (not even types), web, worker, test.
boundary(
  'db/queries/probe.ts',
  [
    ["import { scheduleChangedEmail } from '../../activities/emails.ts';"],
    ["import type { CouponSectionII } from '../../activities/registries/uzt.ts';"],
    ["import { hashPersonalCode } from '../../web/auth/crypto.ts';"],
    ["import { createWorker } from '../../worker/worker.ts';"],
    ["import { TEST_PEOPLE } from '../../test/sim/viisp/people.ts';"],
    ["import type { NewUserFields } from '../../workflows/user-invitation/messages.ts';"],
    ["import { trainingGroupWorkflowId } from '../../workflows/ids.ts';"],
    ["import { Client } from '@temporalio/client';"],
  ],
  [
    ["import { ACTIVE_REGISTRATION_STATUSES } from '../../workflows/domain/registration.ts';"],
    ["import type { GroupStatus } from '../../workflows/domain/group-status.ts';"],
    ["import type { Config } from '../../worker/config.ts';"],
    ["import { hashPersonalCode } from '../../worker/crypto.ts';"],
    ["import type { DbOrTx } from '../client.ts';"],
    ["import { sql } from 'kysely';"],
  ],
);

// The seed is db/ too: it takes its people from db/seed, never from the simulators in test/.
boundary(
  'db/seed/probe.ts',
  [["import { TEST_PEOPLE } from '../../test/sim/viisp/people.ts';"]],
  [["import { DEMO_PEOPLE } from './people.ts';"]],
);

// activities ──▶ workflows/domain, db, config; never web; the workflows' contract (messages, ids, errors).
boundary(
  'activities/probe.ts',
  [
    ["import { hashPersonalCode } from '../web/auth/crypto.ts';"],
    ["import type { AppEnv } from '../web/context.ts';"],
    ["import { createWorker } from '../worker/worker.ts';"],
    ["import { ROOT } from '../test/support/env.ts';"],
    ["import { trainingGroupWorkflow } from '../workflows/training-group/workflow.ts';"],
  ],
  [
    ["import { hashPersonalCode } from '../worker/crypto.ts';"],
    ["import { loadConfig } from '../worker/config.ts';"],
    ["import { queueEmail } from '../db/queries/outbox.ts';"],
    ["import { REGISTRY_LABELS } from '../workflows/domain/registries.ts';"],
    ["import { ErrorCode } from '../workflows/errors.ts';"],
    ["import { trainingGroupWorkflowId } from '../workflows/ids.ts';"],
    ["import { registerParticipantUpdate } from '../workflows/training-group/messages.ts';"],
    ["import type { trainingGroupWorkflow } from '../workflows/training-group/workflow.ts';"],
    ["import { readFileSync } from 'node:fs';"],
  ],
);

// web ──▶ workflows/<x>/messages.ts, workflows/domain, db, config, crypto; activities by type only.
boundary(
  'web/routes/probe.tsx',
  [
    ["import { createActivities } from '../../activities/index.ts';"],
    ["import { sectionIIProblem } from '../../activities/registries/uzt.ts';"],
    ["import { connectWorker } from '../../worker/worker.ts';"],
    ["import { ROOT } from '../../test/support/env.ts';"],
    ["import { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';"],
    ["import { workflows } from '../../workflows/index.ts';"],
  ],
  [
    ["import type { RegistryClients } from '../../activities/registries/index.ts';"],
    ["import { decideRegistrationUpdate } from '../../workflows/training-group/messages.ts';"],
    ["import type { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';"],
    ["import { sectionIIProblem } from '../../workflows/domain/uzt-coupon.ts';"],
    ["import { trainingGroupWorkflowId } from '../../workflows/ids.ts';"],
    ["import { findGroup } from '../../db/queries/training-groups.ts';"],
    ["import type { Config } from '../../worker/config.ts';"],
    ["import { hashPersonalCode, verifyInvitationToken } from '../../worker/crypto.ts';"],
  ],
);

// The web process's entry point builds the registry clients, and nothing else of activities/.
boundary(
  'web/server.ts',
  [["import { createActivities } from '../activities/index.ts';"], ["import { ROOT } from '../test/support/env.ts';"]],
  [
    ["import { registryClientsFromConfig } from '../activities/registries/index.ts';"],
    ["import { loadConfig } from '../worker/config.ts';"],
  ],
);

// worker ──▶ workflows, activities, db, config; never web or test.
boundary(
  'worker/probe.ts',
  [["import { createApp } from '../web/app.tsx';"], ["import { ROOT } from '../test/support/env.ts';"]],
  [
    ["import { createActivities } from '../activities/index.ts';"],
    ["import { createDb } from '../db/client.ts';"],
    ["import type { smirRefreshWorkflow } from '../workflows/registry-refresh/workflow.ts';"],
  ],
);

// workflows/domain: pure and self-contained, since web, db and activities all import it.
boundary(
  'workflows/domain/probe.ts',
  [
    ["import { trainingGroupWorkflowId } from '../ids.ts';"],
    ["import { proxyActivities } from '@temporalio/workflow';"],
    ["import { readFileSync } from 'node:fs';"],
    ["import { createDb } from '../../db/client.ts';"],
  ],
  [["import { addDays } from './calendar.ts';"], ["import { z } from 'zod';"]],
);

// test ──▶ anything.
boundary(
  'test/unit/probe.test.ts',
  [],
  [
    ["import { createApp } from '../../web/app.tsx';"],
    ["import { createActivities } from '../../activities/index.ts';"],
    ["import { connectWorker } from '../../worker/worker.ts';"],
    ["import { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';"],
    ["import { createDb } from '../../db/client.ts';"],
  ],
);
