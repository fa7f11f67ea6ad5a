import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/client.ts';
import { groupPublishReadinessProblems } from '../db/queries/schedule.ts';
import { applyGroupProjection, type GroupProjection } from '../db/queries/training-groups.ts';
import { ErrorCode } from '../workflows/errors.ts';

export type TrainingGroupProjection = GroupProjection;

export interface GroupPublishReadinessInput {
  groupId: string;
  institutionId: string;
  programmeId: string;
}

const FOREIGN_KEY_VIOLATION = '23503';
const CHECK_VIOLATION = '23514';

export function createTrainingGroupActivities({ db }: { db: Db }) {
  return {
    /** Projects a TrainingGroup workflow's state into Postgres (idempotent by version). */
    async projectTrainingGroup(p: TrainingGroupProjection): Promise<{ applied: boolean }> {
      try {
        return await applyGroupProjection(db, p);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === FOREIGN_KEY_VIOLATION || code === CHECK_VIOLATION) {
          // A venue or programme of another institution, or values the database refuses: retrying cannot help.
          throw ApplicationFailure.nonRetryable('Nuoroda į kitos institucijos duomenis arba neleistinos reikšmės.', ErrorCode.InvalidReference);
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
      return groupPublishReadinessProblems(db, p);
    },
  };
}

export type TrainingGroupActivities = ReturnType<typeof createTrainingGroupActivities>;
