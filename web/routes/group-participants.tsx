// Tab "Mokymo dalyviai" of a training group (manual §3.7.3.1, §3.7.3.2; PART-1..PART-14, UZT-1..UZT-21,
// DOC-19..DOC-22). The provider's decisions go to the group workflow as the Update decideRegistration
// (updateId = the form's key); for a UŽT registration the same command carries the provider's UŽT data
// and Section II, and the group workflow tells the coupon's workflow (C2, UZT-16) or ends it (C5).
// Every route: the group,
// registration or document of the acting institution, or 404 (GEN-5).
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { listEmployers } from '../../db/queries/employers.ts';
import { findGroupParticipantDocument, findGroupRegistration, listGroupParticipants } from '../../db/queries/group-participants.ts';
import { findInstitution } from '../../db/queries/identity.ts';
import { findProgramme } from '../../db/queries/programmes.ts';
import { findGroup } from '../../db/queries/training-groups.ts';
import type { Programme, TrainingGroupRow } from '../../db/schema.ts';
import { attachmentDisposition, safeDownloadName } from '../../workflows/domain/file-type.ts';
import { SETTLEMENT_TO_UZT, validateUztData, type UztProviderData } from '../../workflows/domain/uzt-coupon.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { decideRegistrationUpdate, type Actor } from '../../workflows/training-group/messages.ts';
import type { CouponSectionII } from '../../workflows/uzt-coupon/messages.ts';
import { sectionIIProblem } from '../../workflows/domain/uzt-coupon.ts';
import type { AppEnv } from '../context.ts';
import { completionOf, runCommand } from '../errors.ts';
import { formValues, isUuid, newKey } from '../forms.ts';
import { badRequest, respond } from '../render.tsx';
import { GroupHeader } from '../views/group-page.tsx';
import {
  approvalWarning,
  participantsPath,
  ParticipantsPanel,
  type ParticipantsPanelProps,
  type TypedDecision,
} from '../views/group-participants.tsx';

const APP = 'Institucijos mokymosi programos';
type C = Context<AppEnv>;

export const groupParticipantRoutes = new Hono<AppEnv>();

function actor(c: C): Actor {
  const { user, institution, session } = c.get('acting');
  // Only institution users hold the rights of this application (§6); a head's session has none.
  if (!user) throw new HTTPException(403, { message: 'no institution user' });
  return { userId: user.id, institutionId: institution.id, requestId: c.get('requestId'), personalCodeHash: session.personal_code_hash };
}

function target(c: C) {
  const { temporal, config } = c.get('deps');
  return { temporal, taskQueue: config.temporal.taskQueue, timeoutMs: config.temporal.commandTimeoutMs };
}

interface Ctx {
  group: TrainingGroupRow;
  programme: Programme;
}

async function load(c: C): Promise<Ctx | undefined> {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const id = c.req.param('groupId');
  const group = isUuid(id) ? await findGroup(db, institutionId, id) : undefined;
  if (!group) return undefined;
  const programme = await findProgramme(db, institutionId, group.programme_id);
  return programme ? { group, programme } : undefined;
}

async function panelProps(c: C, ctx: Ctx, extra: Partial<ParticipantsPanelProps> = {}): Promise<ParticipantsPanelProps> {
  const { db } = c.get('deps');
  const institutionId = ctx.group.institution_id;
  const [participants, employers] = await Promise.all([
    listGroupParticipants(db, institutionId, ctx.group.id),
    listEmployers(db, institutionId),
  ]);
  return {
    groupId: ctx.group.id,
    groupStatus: ctx.group.status,
    price: ctx.group.price,
    apprenticeship: ctx.group.vet_form === 'PAMEISTRYSTE',
    participants,
    // EMPL-5, UZT-9: only active employers with their information filled in.
    employers: employers.filter((e) => e.active && e.representative_first_name && e.phone),
    newKey,
    ...extra,
  };
}

async function render(c: C, ctx: Ctx, status: 200 | 202 | 404 | 409 | 422 | 503, extra: Partial<ParticipantsPanelProps> = {}) {
  const props = await panelProps(c, ctx, extra);
  return respond(c, {
    title: ctx.group.name,
    app: APP,
    status,
    page: () => (
      <>
        <GroupHeader programme={ctx.programme} group={ctx.group} tab="dalyviai" />
        <ParticipantsPanel {...props} />
      </>
    ),
    fragment: () => <ParticipantsPanel {...props} />,
  });
}

const NOTICES: Record<string, string> = {
  APPROVE: 'Registracija patvirtinta. Dalyviui bus išsiųstas pranešimas el. paštu.',
  REJECT: 'Registracija atmesta. Dalyviui bus išsiųstas pranešimas el. paštu.',
  REMOVE: 'Mokymo dalyvis pašalintas iš mokymo grupės. Dalyviui bus išsiųstas pranešimas el. paštu.',
};

groupParticipantRoutes.get('/grupes/:groupId/dalyviai', async (c) => {
  const ctx = await load(c);
  if (!ctx) return c.notFound();
  const notice = NOTICES[c.req.query('pranesimas') ?? ''];
  return render(c, ctx, 200, notice ? { success: notice } : {});
});

/** DOC-22: a document of a participant registered in this group, as an attachment; 404 otherwise. */
groupParticipantRoutes.get('/grupes/:groupId/dalyviai/dokumentai/:documentId', async (c) => {
  const groupId = c.req.param('groupId');
  const documentId = c.req.param('documentId');
  if (!isUuid(groupId) || !isUuid(documentId)) return c.notFound();
  const doc = await findGroupParticipantDocument(c.get('deps').db, c.get('acting').institution.id, groupId, documentId);
  if (!doc) return c.notFound();
  const body = new Uint8Array(doc.content);
  return c.body(body, 200, {
    'Content-Type': doc.content_type,
    'Content-Length': String(body.byteLength),
    // Never the raw uploaded name (it may carry a path or no extension): the safe name every download uses.
    'Content-Disposition': attachmentDisposition(safeDownloadName(doc.original_name, doc.content_type)),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
});

/** UZT-16, OQ-58: Section II from the group, its programme and the institution, with the provider's UŽT data. */
async function sectionII(c: C, ctx: Ctx, data: UztProviderData): Promise<CouponSectionII> {
  const institution = await findInstitution(c.get('deps').db, ctx.group.institution_id);
  return {
    institutionCode: institution?.code ?? '',
    programmeCode: ctx.programme.code,
    programmeName: ctx.programme.name,
    groupId: ctx.group.id,
    startDate: ctx.group.programme_start,
    endDate: ctx.group.programme_end,
    price: Number(ctx.group.price).toFixed(2),
    contactHours: Number(ctx.programme.contact_hours),
    settlement: SETTLEMENT_TO_UZT[data.settlement],
    bankAccount: data.bankAccount,
  };
}

/** "Tvirtinti" / "Atmesti" (PART-7, UZT-14) and "Mokymo dalyvį pašalinti iš mokymo grupės" (PART-8, UZT-15). */
groupParticipantRoutes.post('/grupes/:groupId/dalyviai/:registrationId/sprendimas', async (c) => {
  const ctx = await load(c);
  if (!ctx) return c.notFound();
  const registrationId = c.req.param('registrationId');
  const { db } = c.get('deps');
  const registration = isUuid(registrationId)
    ? await findGroupRegistration(db, ctx.group.institution_id, ctx.group.id, registrationId)
    : undefined;
  if (!registration) return c.notFound();
  const values = await formValues(c);
  const key = values.idempotencyKey;
  const decision = values.decision;
  if (!isUuid(key) || (decision !== 'APPROVE' && decision !== 'REJECT' && decision !== 'REMOVE')) return badRequest(c);
  const text = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  const typedValues: Record<string, string> = {};
  for (const k of ['reason', 'bankAccount', 'settlement', 'employerId', 'employerPhone', 'employerEmail', 'practiceAddress'])
    typedValues[k] = text(k);
  const refused = (status: 202 | 409 | 422 | 404 | 503, message: string, errors: TypedDecision['errors'] = {}) =>
    render(c, ctx, status, {
      typed: { registrationId: registration.id, decision, values: typedValues, errors, message, idempotencyKey: key },
      // A field error is shown at its form; a state conflict at the top of the tab (its form may be gone).
      ...(Object.keys(errors).length === 0 ? { error: message } : {}),
    });

  const reason = text('reason').trim();
  if (decision === 'REMOVE' && reason === '') {
    const message = 'Nurodykite mokymo dalyvio pašalinimo iš mokymo grupės priežastį.';
    return refused(422, message, { reason: message });
  }

  const uzt = registration.funding === 'UZT';
  const participants = decision === 'APPROVE' ? await listGroupParticipants(db, ctx.group.institution_id, ctx.group.id) : [];
  const current = participants.find((p) => p.registration.id === registration.id);
  let uztData: UztProviderData | null = null;
  if (decision === 'APPROVE' && uzt && current?.coupon?.status !== 'I_SKYRIUS') {
    // C2 needs Section I: without it no Section II can go to UŽT (L4), so the approval waits.
    return refused(
      409,
      current?.coupon
        ? 'Šio dalyvio kuponas jau pateiktas Užimtumo tarnybai arba jos išspręstas.'
        : 'Dar negauti Užimtumo tarnybos kupono I skyriaus duomenys: registraciją patvirtinti bus galima, kai jie bus gauti.',
    );
  }
  if (decision === 'APPROVE' && uzt && current?.coupon) {
    const props = await panelProps(c, ctx);
    const checked = validateUztData(values, { apprenticeship: props.apprenticeship, activeEmployerIds: props.employers.map((e) => e.id) });
    if (!checked.ok) return refused(422, 'Patikrinkite pažymėtus laukus.', checked.errors);
    uztData = checked.value;
    // UZT-16: a Section II UŽT's interface would refuse is not sent (nor the registration approved).
    const problem = sectionIIProblem(await sectionII(c, ctx, uztData));
    if (problem) return refused(409, problem);
  }

  // One command: the group records the decision (with the UŽT data) and tells the coupon (C2 / C5).
  const handle = c.get('deps').temporal.workflow.getHandle(trainingGroupWorkflowId(ctx.group.id));
  const t = target(c);
  const command = {
    actor: actor(c),
    registrationId: registration.id,
    decision,
    ...(decision === 'REMOVE' ? { reason } : {}),
    ...(uztData ? { uzt: { providerData: uztData, sectionII: await sectionII(c, ctx, uztData) } } : {}),
  };
  const result = await runCommand(() =>
    t.temporal.connection.withDeadline(Date.now() + t.timeoutMs, () =>
      completionOf(handle.startUpdate(decideRegistrationUpdate, { args: [command], updateId: key, waitForStage: 'ACCEPTED' })),
    ),
  );
  if (!result.ok) {
    const reasonError = (result.fieldErrors as Record<string, string | undefined>).reason;
    return refused(result.status, result.message, reasonError ? { reason: reasonError } : {});
  }

  if (!c.req.header('HX-Request')) return c.redirect(`${participantsPath(ctx.group.id)}?pranesimas=${decision}`, 303);
  const fresh = (await load(c)) ?? ctx;
  const warning = decision === 'APPROVE' && current ? (approvalWarning(current) ?? undefined) : undefined;
  return render(c, fresh, 200, { success: NOTICES[decision], ...(warning ? { warning } : {}) });
});
