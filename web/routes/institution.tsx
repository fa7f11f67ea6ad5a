// Application "Institucijos informacija" (§3.2; INST-1..INST-12, NUM-1..NUM-11): three tabs.
// Mounted behind requireApplication(Application.InstitutionInfo): the head and employees read,
// administrators change (every POST needs 'full'). Plain master data: written through db/ functions,
// each change in one transaction with its audit row; every stage is looked up within the acting
// institution, so another institution's stage id answers 404 (GEN-5).
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import {
  createNumberingStage,
  deleteNumberingStage,
  findInstitutionInfo,
  findNumberingStage,
  listNumberingStages,
  saveInstitutionInfo,
  updateNumberingStage,
} from '../../db/queries/institution-info.ts';
import type { ContractNumberingStageRow } from '../../db/tables/institution-info.ts';
import { Application, allows } from '../../workflows/domain/access.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import {
  NUMBERING_MESSAGES,
  previewContractNumbers,
  validateNumberingStage,
  type NumberingFieldErrors,
  type NumberingInput,
} from '../../workflows/domain/contract-number.ts';
import { validateInstitutionInfo, type InstitutionInfoInput } from '../../workflows/domain/institution-info.ts';
import type { AppEnv } from '../context.ts';
import { isHtmx, isUuid, newKey } from '../forms.ts';
import { html, respond } from '../render.tsx';
import { InfoTab, INSTITUTION_APP, InstitutionShell, tabLabel, type InfoTabProps, type InstitutionTab } from '../views/institution.tsx';
import {
  NumberingTab,
  PreviewContent,
  StageEditPanel,
  stageFormValues,
  type NumberingTabProps,
  type StageFormProps,
} from '../views/institution-numbering.tsx';
import { SmirTab } from '../views/institution-smir.tsx';
import { changeActor, redirectAfterChange } from '../change-helpers.ts';

export const institutionRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;
type Status = 200 | 400 | 404 | 409 | 422;

/** Other panels listening for institution-information changes (HX-Trigger). */
const CHANGED = 'institucija-pakeista';

const MESSAGES = {
  fixFields: 'Patikrinkite pažymėtus laukus.',
  saved: 'Institucijos informacija išsaugota.',
  unchanged: 'Institucijos informacija nepasikeitė.',
  stageCreated: 'Sutarties etapas sukurtas.',
  stageSaved: 'Sutarties etapas išsaugotas.',
  stageRemoved: 'Sutarties etapas pašalintas.',
  invalidRequest: 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.',
};

function canEdit(c: C): boolean {
  return allows(Application.InstitutionInfo, c.get('acting').roles, 'full');
}

function today(): string {
  return vilniusDate(new Date());
}

/** A submitted form as strings (the CSRF field left out). */
async function readForm(c: C): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (key !== '_csrf' && typeof value === 'string') values[key] = value;
  return values;
}

function tabResponse(c: C, tab: InstitutionTab, panel: () => Child, opts: { status?: Status; trigger?: boolean } = {}) {
  return respond(c, {
    title: tab === 'informacija' ? INSTITUTION_APP : `${tabLabel(tab)} – ${INSTITUTION_APP}`,
    app: INSTITUTION_APP,
    status: opts.status ?? 200,
    ...(opts.trigger ? { trigger: CHANGED } : {}),
    page: () => <InstitutionShell tab={tab}>{panel()}</InstitutionShell>,
    fragment: panel,
  });
}

// ---- Tab "Institucijos informacija" (§3.2.1) -----------------------------------------------------

async function renderInfo(c: C, props: Omit<InfoTabProps, 'canEdit' | 'row'>, opts: { status?: Status; trigger?: boolean } = {}) {
  const row = await findInstitutionInfo(c.get('deps').db, c.get('acting').institution.id);
  return tabResponse(c, 'informacija', () => <InfoTab canEdit={canEdit(c)} row={row} {...props} />, opts);
}

institutionRoutes.get('/institucija', async (c) => {
  return renderInfo(c, { success: c.req.query('pranesimas') === 'issaugota' ? MESSAGES.saved : undefined });
});

institutionRoutes.post('/institucija', async (c) => {
  const values: InstitutionInfoInput = await readForm(c);
  const checked = validateInstitutionInfo(values);
  if (!checked.ok) return renderInfo(c, { values, errors: checked.errors, message: MESSAGES.fixFields }, { status: 422 });
  const saved = await saveInstitutionInfo(c.get('deps').db, {
    institutionId: c.get('acting').institution.id,
    value: checked.value,
    actor: changeActor(c),
  });
  const changed = saved.created || Object.keys(saved.changes).length > 0;
  if (!isHtmx(c)) return redirectAfterChange(c, '/institucija?pranesimas=issaugota');
  return renderInfo(c, { success: changed ? MESSAGES.saved : MESSAGES.unchanged }, { trigger: changed });
});

// ---- Tab "ŠMIR informacija" (§3.2.2) -------------------------------------------------------------

institutionRoutes.get('/institucija/smir', (c) => {
  const i = c.get('acting').institution;
  // The record was received from ŠMIR when the account was created, if no refresh has been recorded since.
  const refreshedAt = i.smir_refreshed_at ?? (i.smir_data ? i.created_at : null);
  return tabResponse(c, 'smir', () => <SmirTab record={i.smir_data} refreshedAt={refreshedAt} refreshError={i.smir_refresh_error} />);
});

// ---- Tab "Mokymo sutarties numeracija" (§3.2.3) --------------------------------------------------

/** What a new stage's form starts with: the day after the latest stage (or today), 1, no affixes, 00000. */
function newStageValues(stages: ContractNumberingStageRow[], day: string): NumberingInput {
  const latest = stages.at(-1);
  let from = day;
  if (latest) {
    const after = addDays(latest.effective_from, 1);
    from = after > day ? after : latest.first_used_at ? addDays(day, 1) : day;
  }
  return { effectiveFrom: from, startNumber: '1', prefix: '', suffix: '', numberFormat: '00000' };
}

function newStageForm(stages: ContractNumberingStageRow[], day: string, overrides: Partial<StageFormProps> = {}): StageFormProps {
  return {
    action: '/institucija/numeracija',
    values: newStageValues(stages, day),
    errors: {},
    stageKey: newKey(),
    submitLabel: stages.length === 0 ? 'Išsaugoti numeraciją' : 'Sukurti sutarties etapą',
    hxTarget: `#numeracijos-kortele`,
    ...overrides,
  };
}

async function renderNumbering(
  c: C,
  props: Omit<NumberingTabProps, 'canEdit' | 'stages' | 'today' | 'form'> & { form?: Partial<StageFormProps> },
  opts: { status?: Status; trigger?: boolean } = {},
) {
  const stages = await listNumberingStages(c.get('deps').db, c.get('acting').institution.id);
  const day = today();
  const editable = canEdit(c);
  const { form, ...rest } = props;
  return tabResponse(
    c,
    'numeracija',
    () => (
      <NumberingTab
        canEdit={editable}
        stages={stages}
        today={day}
        form={editable ? newStageForm(stages, day, form) : undefined}
        {...rest}
      />
    ),
    opts,
  );
}

const NOTICES: Record<string, string> = {
  sukurtas: MESSAGES.stageCreated,
  issaugotas: MESSAGES.stageSaved,
  pasalintas: MESSAGES.stageRemoved,
};

institutionRoutes.get('/institucija/numeracija', async (c) => {
  return renderNumbering(c, { success: NOTICES[c.req.query('pranesimas') ?? ''] });
});

/** NUM-2: "Pilnas sutarties numeris" for the values typed so far (the same formatter contracts use). */
institutionRoutes.get('/institucija/numeracija/perziura', (c) => {
  const q = c.req.query();
  const preview = previewContractNumbers({ startNumber: q.startNumber, prefix: q.prefix, suffix: q.suffix, numberFormat: q.numberFormat });
  return html(c, <PreviewContent preview={preview} />);
});

institutionRoutes.post('/institucija/numeracija', async (c) => {
  const values = await readForm(c);
  const key = values.stageKey;
  if (!isUuid(key)) return renderNumbering(c, { error: MESSAGES.invalidRequest }, { status: 400 });
  const refuse = (status: Status, errors: NumberingFieldErrors, message: string) =>
    renderNumbering(c, { form: { values, errors, message, stageKey: key } }, { status });
  const checked = validateNumberingStage(values);
  if (!checked.ok) return refuse(422, checked.errors, MESSAGES.fixFields);
  const result = await createNumberingStage(c.get('deps').db, {
    institutionId: c.get('acting').institution.id,
    stageId: key,
    value: checked.value,
    today: today(),
    actor: changeActor(c),
  });
  if (!result.ok) {
    if (result.reason === 'invalid') return refuse(422, result.errors, MESSAGES.fixFields);
    return renderNumbering(c, { error: MESSAGES.invalidRequest }, { status: 400 });
  }
  if (!isHtmx(c)) return redirectAfterChange(c, '/institucija/numeracija?pranesimas=sukurtas');
  return renderNumbering(c, { success: MESSAGES.stageCreated }, { trigger: true });
});

/** The stage in the URL, only if it belongs to the acting institution. */
async function loadStage(c: C): Promise<ContractNumberingStageRow | undefined> {
  const id = c.req.param('stageId');
  if (!isUuid(id)) return undefined;
  return findNumberingStage(c.get('deps').db, c.get('acting').institution.id, id);
}

function editForm(stage: ContractNumberingStageRow, overrides: Partial<StageFormProps> = {}): StageFormProps {
  return {
    action: `/institucija/numeracija/${stage.id}`,
    values: stageFormValues(stage),
    errors: {},
    submitLabel: 'Išsaugoti',
    hxTarget: 'this',
    cancelHref: '/institucija/numeracija',
    ...overrides,
  };
}

function editResponse(c: C, stage: ContractNumberingStageRow, form: StageFormProps, status: Status) {
  return respond(c, {
    title: `Sutarties etapas nuo ${stage.effective_from} – ${INSTITUTION_APP}`,
    app: INSTITUTION_APP,
    status,
    page: () => (
      <InstitutionShell tab="numeracija">
        <StageEditPanel stage={stage} form={form} />
      </InstitutionShell>
    ),
    fragment: () => <StageEditPanel stage={stage} form={form} />,
  });
}

institutionRoutes.get('/institucija/numeracija/:stageId/redaguoti', async (c) => {
  const stage = await loadStage(c);
  if (!stage) return c.notFound();
  if (!canEdit(c)) return redirectAfterChange(c, '/institucija/numeracija');
  if (stage.first_used_at !== null) return renderNumbering(c, { error: NUMBERING_MESSAGES.used }, { status: 409 });
  return editResponse(c, stage, editForm(stage), 200);
});

institutionRoutes.post('/institucija/numeracija/:stageId', async (c) => {
  const stage = await loadStage(c);
  if (!stage) return c.notFound();
  const values = await readForm(c);
  const refuse = (status: Status, errors: NumberingFieldErrors, message: string) =>
    editResponse(c, stage, editForm(stage, { values, errors, message }), status);
  if (stage.first_used_at !== null) return renderNumbering(c, { error: NUMBERING_MESSAGES.used }, { status: 409 });
  const checked = validateNumberingStage(values);
  if (!checked.ok) return refuse(422, checked.errors, MESSAGES.fixFields);
  const result = await updateNumberingStage(c.get('deps').db, {
    institutionId: c.get('acting').institution.id,
    stageId: stage.id,
    value: checked.value,
    today: today(),
    actor: changeActor(c),
  });
  if (!result.ok) {
    if (result.reason === 'not_found') return c.notFound();
    if (result.reason === 'used') return renderNumbering(c, { error: NUMBERING_MESSAGES.used }, { status: 409 });
    return refuse(422, result.errors, MESSAGES.fixFields);
  }
  return redirectAfterChange(c, '/institucija/numeracija?pranesimas=issaugotas');
});

institutionRoutes.post('/institucija/numeracija/:stageId/salinti', async (c) => {
  const stage = await loadStage(c);
  if (!stage) return c.notFound();
  const result = await deleteNumberingStage(c.get('deps').db, {
    institutionId: c.get('acting').institution.id,
    stageId: stage.id,
    actor: changeActor(c),
  });
  if (!result.ok) {
    if (result.reason === 'not_found') return c.notFound();
    return renderNumbering(c, { error: NUMBERING_MESSAGES.used }, { status: 409 });
  }
  if (!isHtmx(c)) return redirectAfterChange(c, '/institucija/numeracija?pranesimas=pasalintas');
  return renderNumbering(c, { success: MESSAGES.stageRemoved }, { trigger: true });
});
