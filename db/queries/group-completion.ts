// "Užbaigta" (L1 G9, GRP-45; issue 13): the rows its rules read — every contract of a group with the
// columns that record the participant's outcome — and the administrators' reminder before the
// automatic completion, queued once in the outbox. Row reads and writes only: which rows count as an
// outcome is workflows/domain/group-completion.ts, the e-mail's text workflows/domain/emails.ts.
import { sql } from 'kysely';
import { Right } from '../../workflows/domain/access.ts';
import type { ContractOutcomeFacts } from '../../workflows/domain/group-completion.ts';
import type { Db, DbOrTx } from '../client.ts';
import { queueEmail } from './outbox.ts';

/** The outcome facts of every contract of the group (GEN-5: only when it belongs to `institutionId`). */
export async function groupContractOutcomes(db: DbOrTx, institutionId: string, groupId: string): Promise<ContractOutcomeFacts[]> {
  const rows = await db
    .selectFrom('learning_contracts')
    .select(['phase', 'started_at', 'locked_at', 'completed_at', 'assessment', 'assessment_confirmed_at'])
    .where('institution_id', '=', institutionId)
    .where('group_id', '=', groupId)
    .execute();
  return rows.map((r) => ({
    phase: r.phase,
    startedAt: r.started_at,
    lockedAt: r.locked_at,
    completedAt: r.completed_at,
    assessment: r.assessment,
    assessmentConfirmedAt: r.assessment_confirmed_at,
  }));
}

/** The institution's administrators who receive its e-mails (confirmed or invited, not removed). */
export async function institutionAdministrators(db: DbOrTx, institutionId: string) {
  return db
    .selectFrom('institution_users')
    .select(['id', 'first_name', 'last_name', 'email'])
    .where('institution_id', '=', institutionId)
    .where('status', '<>', 'REMOVED')
    .where(sql<boolean>`${Right.Administrator} = any(rights)`)
    .orderBy('last_name')
    .orderBy('first_name')
    .execute();
}

export const AUTO_COMPLETION_REMINDER_KIND = 'GROUP_AUTO_COMPLETION_REMINDER';

/**
 * Queues the reminder before the automatic completion (GRP-45) to each administrator, once per group:
 * the group row is locked, and reminders queued before (a retried activity) are returned instead.
 */
export async function queueAutoCompletionReminders(
  db: Db,
  p: { institutionId: string; groupId: string },
  compose: (admin: { firstName: string }) => { subject: string; text: string },
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('training_groups').select('id').where('id', '=', p.groupId).forUpdate().executeTakeFirst();
    const queued = await trx
      .selectFrom('email_outbox')
      .select('id')
      .where('kind', '=', AUTO_COMPLETION_REMINDER_KIND)
      .where('entity_type', '=', 'training_group')
      .where('entity_id', '=', p.groupId)
      .execute();
    if (queued.length > 0) return queued.map((r) => r.id);
    const ids: string[] = [];
    for (const admin of await institutionAdministrators(trx, p.institutionId)) {
      const mail = compose({ firstName: admin.first_name });
      ids.push(
        await queueEmail(trx, {
          to: { address: admin.email, name: `${admin.first_name} ${admin.last_name}` },
          subject: mail.subject,
          text: mail.text,
          kind: AUTO_COMPLETION_REMINDER_KIND,
          entityType: 'training_group',
          entityId: p.groupId,
          institutionId: p.institutionId,
        }),
      );
    }
    return ids;
  });
}
