// Route plumbing the provider's tabs share: where a request's commands go, and the acting
// institution's training group named in the URL.
import type { Context } from 'hono';
import { findProgramme } from '../db/queries/programmes.ts';
import { findGroup } from '../db/queries/training-groups.ts';
import type { Programme, TrainingGroupRow } from '../db/schema.ts';
import type { AppEnv } from './context.ts';
import { isUuid } from './forms.ts';
import type { GroupCommandTarget } from './group-commands.ts';

/** The Temporal client, task queue and command timeout of this request's app. */
export function commandTarget(c: Context<AppEnv>): GroupCommandTarget {
  const { temporal, config } = c.get('deps');
  return { temporal, taskQueue: config.temporal.taskQueue, timeoutMs: config.temporal.commandTimeoutMs };
}

export interface ActingGroup {
  group: TrainingGroupRow;
  programme: Programme;
}

/** The group in the URL (`:groupId`) with its programme, only if it belongs to the acting institution (GEN-5). */
export async function loadActingGroup(c: Context<AppEnv>): Promise<ActingGroup | undefined> {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const id = c.req.param('groupId');
  const group = isUuid(id) ? await findGroup(db, institutionId, id) : undefined;
  if (!group) return undefined;
  const programme = await findProgramme(db, institutionId, group.programme_id);
  return programme ? { group, programme } : undefined;
}
