// The group workflow's side of "Užbaigta" (L1 G9, GRP-45; issue 13): the participants' outcomes read
// from `learning_contracts` (Postgres is the truth for them), the configured grace period, and the
// administrators' reminder a week before the automatic completion, queued in the outbox.
import type { Db } from '../db/client.ts';
import { groupContractOutcomes, queueAutoCompletionReminders } from '../db/queries/group-completion.ts';
import { findProgramme } from '../db/queries/programmes.ts';
import { loadConfig, type Config } from '../worker/config.ts';
import { groupAutoCompletionReminderEmail } from '../workflows/domain/emails.ts';
import { summariseOutcomes, type OutcomeSummary } from '../workflows/domain/group-completion.ts';

export interface GroupRef {
  groupId: string;
  institutionId: string;
}

export function createGroupCompletionActivities({ db, config }: { db: Db; config?: Pick<Config, 'web' | 'groupAutoCompleteDays'> }) {
  const settings = config ?? loadConfig();
  return {
    /** G9: the group's participants with a contract in force, by outcome (workflows/domain/group-completion.ts). */
    async groupOutcomes(p: GroupRef): Promise<OutcomeSummary> {
      return summariseOutcomes(await groupContractOutcomes(db, p.institutionId, p.groupId));
    },

    /** GRP-45: the grace period after the end date (KURSUOK_GROUP_AUTO_COMPLETE_DAYS). */
    async groupAutoCompletionSettings(): Promise<{ graceDays: number }> {
      return { graceDays: settings.groupAutoCompleteDays };
    },

    /**
     * GRP-45: tells the institution's administrators when the group completes by itself and what is
     * still missing; queued once per group (a retry returns the same e-mails). Returns their outbox ids.
     */
    async queueGroupAutoCompletionReminder(p: GroupRef & { programmeId: string; autoCompletesAt: string }): Promise<string[]> {
      const [outcomes, programme, group] = await Promise.all([
        groupContractOutcomes(db, p.institutionId, p.groupId).then(summariseOutcomes),
        findProgramme(db, p.institutionId, p.programmeId),
        db
          .selectFrom('training_groups')
          .select(['name', 'programme_end'])
          .where('id', '=', p.groupId)
          .where('institution_id', '=', p.institutionId)
          .executeTakeFirst(),
      ]);
      if (!group) return [];
      return queueAutoCompletionReminders(db, p, (admin) =>
        groupAutoCompletionReminderEmail({
          firstName: admin.firstName,
          groupName: group.name,
          programmeName: programme?.name ?? '',
          programmeEnd: group.programme_end,
          autoCompletesAt: p.autoCompletesAt,
          outcomes,
          // The tab "Mokymų baigimas" (web/views/group-completion.tsx completionPath).
          link: `${settings.web.publicUrl}/grupes/${p.groupId}/baigimas`,
        }),
      );
    },
  };
}

export type GroupCompletionActivities = ReturnType<typeof createGroupCompletionActivities>;
