// "Vertinimo anketa" in the KURSUOK portal (PORTAL-8, DONE-8): once the provider confirmed her final
// assessment, the participant fills the evaluation questionnaire of her contract. The form is checked
// at the edge (validateQuestionnaire: 422 with Lithuanian messages, what she chose kept); a valid one
// is one Update of the contract's workflow (its updateId from the form key), whose projection stores
// the answers apart from her identity (PROG-31). Only her own contracts: any other id is not found.
import { Hono, type Context } from 'hono';
import type { OwnContract } from '../../db/queries/portal-contracts.ts';
import { QuestionnaireStatus } from '../../workflows/domain/completion.ts';
import {
  COMMENT_FIELD,
  QUESTION_KEYS,
  validateQuestionnaire,
  type QuestionnaireFieldErrors,
} from '../../workflows/domain/questionnaire.ts';
import { requirePerson } from '../auth/person-session.tsx';
import type { AppEnv } from '../context.ts';
import { keepsFormKey } from '../errors.ts';
import { isUuid, newKey } from '../forms.ts';
import { submitQuestionnaire } from '../questionnaire-commands.ts';
import { commandTarget } from '../route-context.ts';
import { portalHtml } from '../views/portal-layout.tsx';
import {
  contractQuestionnaireRefusal,
  contractQuestionnaireStatus,
  QuestionnairePage,
  questionnairePath,
  type QuestionnaireValues,
} from '../views/portal-questionnaire.tsx';
import { ownContract, portalBadRequest as badRequest, portalNotFound as notFound, rereadOwnContract } from './portal-own-contract.tsx';

type C = Context<AppEnv>;

const PATH = '/kursuok/sutartys/:contractId/anketa';

export const portalQuestionnaireRoutes = new Hono<AppEnv>();
portalQuestionnaireRoutes.use(PATH, requirePerson('DALYVIS'));

function page(
  c: C,
  contract: OwnContract,
  opts: {
    thanks?: boolean;
    values?: QuestionnaireValues;
    errors?: QuestionnaireFieldErrors;
    error?: string;
    formKey?: string;
    status?: 200 | 202 | 404 | 409 | 422 | 503;
  } = {},
) {
  return portalHtml(
    c,
    <QuestionnairePage
      person={c.get('personSession')}
      contract={contract}
      formKey={opts.formKey ?? newKey()}
      thanks={opts.thanks ?? false}
      refusal={opts.thanks ? null : contractQuestionnaireRefusal(contract)}
      values={opts.values ?? {}}
      errors={opts.errors ?? {}}
      error={opts.error}
    />,
    opts.status ?? 200,
  );
}

portalQuestionnaireRoutes.get(PATH, async (c) => {
  const own = await ownContract(c);
  if (!own) return notFound(c);
  const thanks = c.req.query('pranesimas') === 'pateikta' && contractQuestionnaireStatus(own.contract) === QuestionnaireStatus.Filled;
  return page(c, own.contract, { thanks });
});

/** "Pateikti anketą": checked here, then one Update of her contract's workflow. */
portalQuestionnaireRoutes.post(PATH, async (c) => {
  const own = await ownContract(c);
  if (!own) return notFound(c);
  const form = await c.req.parseBody();
  const key = form.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  const values: QuestionnaireValues = {};
  for (const k of [...QUESTION_KEYS, COMMENT_FIELD]) {
    const v = form[k];
    if (typeof v === 'string') values[k] = v;
  }
  // Filled already (this form again, or another tab): said at once, nothing sent, nothing changed.
  const refusal = contractQuestionnaireRefusal(own.contract);
  if (refusal) return page(c, own.contract, { error: refusal, status: 409 });
  const checked = validateQuestionnaire(values);
  if (!checked.ok) return page(c, own.contract, { values, errors: checked.errors, formKey: key, status: 422 });
  const result = await submitQuestionnaire(commandTarget(c), {
    contractId: own.contract.id,
    participantId: own.participant.id,
    answers: checked.value,
    idempotencyKey: key,
  });
  if (!result.ok) {
    const again = await rereadOwnContract(c, own.participant, own.contract);
    return page(c, again, {
      values,
      errors: result.status === 422 ? (result.fieldErrors as QuestionnaireFieldErrors) : {},
      error: result.message,
      formKey: keepsFormKey(result) ? key : newKey(),
      status: result.status,
    });
  }
  return c.redirect(`${questionnairePath(own.contract.id)}?pranesimas=pateikta`, 303);
});
