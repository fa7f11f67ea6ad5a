// Kysely table type of the evaluation questionnaire's answers (PORTAL-8, PROG-31); migration
// 20261203T0720_questionnaire_answers. Merged into Database by db/schema.ts. No identity: a row
// names its institution, programme and group, the scores, the comment and the day only.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { QuestionKey } from '../../workflows/domain/questionnaire.ts';

export type QuestionnaireAnswersTable = {
  id: Generated<string>;
  institution_id: string;
  programme_id: string;
  group_id: string;
  comment: ColumnType<string | null, string | null | undefined, string | null>;
  /** 'YYYY-MM-DD', the Vilnius day of the submission (never an instant). */
  submitted_on: string;
} & Record<QuestionKey, number>;

export interface QuestionnaireAnswerTables {
  questionnaire_answers: QuestionnaireAnswersTable;
}

export type QuestionnaireAnswerRow = Selectable<QuestionnaireAnswersTable>;
