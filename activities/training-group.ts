import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/client.ts';
import { findInstitution } from '../db/queries/identity.ts';
import { groupPublishReadinessProblems } from '../db/queries/schedule.ts';
import { findProgramme } from '../db/queries/programmes.ts';
import {
  applyGroupProjection,
  ProgrammeClosedError,
  type GroupProjection,
  type GroupProjectionResult,
  type NoticeComposer,
} from '../db/queries/training-groups.ts';
import { loadConfig, type Config } from '../worker/config.ts';
import { ErrorCode } from '../workflows/errors.ts';
import { vilniusDate } from '../workflows/domain/calendar.ts';
import {
  contractInvitationEmail,
  couponRejectedEmail,
  groupNotFormedEmail,
  noContractEmail,
  registrationApprovedEmail,
  registrationRejectedEmail,
  registrationRemovedEmail,
} from '../workflows/domain/emails.ts';

export type TrainingGroupProjection = GroupProjection;

export interface GroupPublishReadinessInput {
  groupId: string;
  institutionId: string;
  programmeId: string;
  /**
   * The day the group's contracts are generated, for the numbering check (NUM-8): its registration end
   * when publishing, the current day at "Vykdoma". Absent in histories recorded before the check: today.
   */
  contractsOn?: string;
}

const FOREIGN_KEY_VIOLATION = '23503';
const CHECK_VIOLATION = '23514';

const NOTICE_TEMPLATES = {
  GROUP_NOT_FORMED: groupNotFormedEmail,
  NO_CONTRACT: noContractEmail,
  CONTRACT_INVITATION: contractInvitationEmail,
  APPROVED: registrationApprovedEmail,
  REJECTED: registrationRejectedEmail,
  REMOVED: registrationRemovedEmail,
  COUPON_REJECTED: couponRejectedEmail,
} as const;

export function createTrainingGroupActivities({ db, config }: { db: Db; config?: Pick<Config, 'web'> }) {
  const publicUrl = (config ?? loadConfig()).web.publicUrl;
  /** Where each e-mail sends the participant: "Mano sutartys" for the invitation (N5, N6), else KURSUOK's catalogue (N11). */
  const linkFor = (notice: keyof typeof NOTICE_TEMPLATES) =>
    notice === 'CONTRACT_INVITATION' ? `${publicUrl}/kursuok/sutartys` : `${publicUrl}/kursuok`;
  /** The participants' e-mails (GRP-33, GRP-34, GRP-42), naming the programme and the institution. */
  const compose: NoticeComposer = async (notice, f) => {
    const [programme, institution] = await Promise.all([
      findProgramme(db, f.institutionId, f.programmeId),
      findInstitution(db, f.institutionId),
    ]);
    return NOTICE_TEMPLATES[notice]({
      firstName: f.firstName,
      groupName: f.groupName,
      programmeName: programme?.name ?? '',
      institutionName: institution?.name ?? '',
      programmeStart: f.programmeStart,
      reason: f.reason,
      link: linkFor(notice),
    });
  };

  return {
    /**
     * Projects a TrainingGroup workflow's state into Postgres, with the registrations it changes and
     * the e-mails that causes; returns the e-mails to deliver. Idempotent by version and, for the
     * same version again, by content (issue 16): the workflow runs it as a local activity, which a
     * retried workflow task can run again with another batch (db/queries/training-groups.ts).
     */
    async projectTrainingGroup(p: TrainingGroupProjection): Promise<GroupProjectionResult> {
      try {
        return await applyGroupProjection(db, p, compose);
      } catch (err) {
        if (err instanceof ProgrammeClosedError) throw ApplicationFailure.nonRetryable(err.message, ErrorCode.ProgrammeClosed);
        const code = (err as { code?: string }).code;
        if (code === FOREIGN_KEY_VIOLATION || code === CHECK_VIOLATION) {
          // A venue or programme of another institution, or values the database refuses: retrying cannot help.
          throw ApplicationFailure.nonRetryable(
            'Nuoroda į kitos institucijos duomenis arba neleistinos reikšmės.',
            ErrorCode.InvalidReference,
          );
        }
        throw err;
      }
    },

    /**
     * What outside the group's own information blocks publishing it (GRP-40), read from Postgres, in
     * Lithuanian, each naming the missing item; empty when the group may be published. So far: the
     * programme's "Programos vykdymo ir sutarties informacija" (PROG-19, OQ-12) and the timetable
     * planning every contact hour of the programme (SCHED-16, SCHED-24).
     */
    async groupPublishReadiness(p: GroupPublishReadinessInput): Promise<string[]> {
      return groupPublishReadinessProblems(db, { ...p, contractsOn: p.contractsOn ?? vilniusDate(new Date()) });
    },
  };
}

export type TrainingGroupActivities = ReturnType<typeof createTrainingGroupActivities>;
