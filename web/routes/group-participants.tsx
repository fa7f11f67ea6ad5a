// Tab "Mokymo dalyviai" of a training group (manual §3.7.3.1, §3.7.3.2; PART-1..PART-14, UZT-1..UZT-21,
// DOC-19..DOC-22; issue 11 item 12: the table, a row's card, "Tvirtinti pažymėtus"). The provider's
// decisions go to the group workflow as the Update decideRegistration (updateId = the form's key; for
// rows ticked and approved together, one Update per registration); for a UŽT registration the same
// command carries the provider's UŽT data and Section II, and the group workflow tells the coupon's
// workflow (C2, UZT-16) or ends it (C5). Every route: the group, registration or document of the
// acting institution, or 404 (GEN-5).
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { listEmployers } from '../../db/queries/employers.ts';
import { findGroupParticipantDocument, findGroupRegistration, listGroupParticipants } from '../../db/queries/group-participants.ts';
import { findInstitution } from '../../db/queries/identity.ts';
import { attachmentDisposition, safeDownloadName } from '../../workflows/domain/file-type.ts';
import { SETTLEMENT_TO_UZT, validateUztData, type UztProviderData } from '../../workflows/domain/uzt-coupon.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { decideRegistrationUpdate, type Actor } from '../../workflows/training-group/messages.ts';
import type { CouponSectionII } from '../../workflows/uzt-coupon/messages.ts';
import { sectionIIProblem } from '../../workflows/domain/uzt-coupon.ts';
import type { AppEnv } from '../context.ts';
import { completionOf, keepsFormKey, runCommand, UNAVAILABLE, type CommandAccepted, type CommandFailure } from '../errors.ts';
import { formList, formValues, isHtmx, isUuid, newKey } from '../forms.ts';
import { badRequest, html, respond } from '../render.tsx';
import { commandTarget, loadActingGroup, type ActingGroup as Ctx } from '../route-context.ts';
import { GroupHeader } from '../views/group-page.tsx';
import { isActiveRegistration, RegistrationStatus } from '../../workflows/domain/registration.ts';
import {
  approvalWarning,
  bulkApprovalRefusal,
  PARTICIPANTS_PANEL_ID,
  ParticipantRows,
  participantsPath,
  ParticipantsPanel,
  type BulkApprovalResult,
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
    now: new Date(),
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

/** The tab; `?dalyvis=<registration>` opens that participant's full card below her row (the way without JS). */
groupParticipantRoutes.get('/grupes/:groupId/dalyviai', async (c) => {
  const ctx = await loadActingGroup(c);
  if (!ctx) return c.notFound();
  const notice = NOTICES[c.req.query('pranesimas') ?? ''];
  const open = c.req.query('dalyvis');
  return render(c, ctx, 200, {
    ...(notice ? { success: notice } : {}),
    ...(isUuid(open) ? { open, noticeFor: open } : {}),
  });
});

/**
 * A participant's row with her full card opened below it, or closed (`?uzdaryti=1`), for htmx; the
 * row's tick comes along (`registrationId`). Without htmx: the tab with the card open.
 */
groupParticipantRoutes.get('/grupes/:groupId/dalyviai/:registrationId/kortele', async (c) => {
  const ctx = await loadActingGroup(c);
  if (!ctx) return c.notFound();
  const registrationId = c.req.param('registrationId');
  if (!isUuid(registrationId)) return c.notFound();
  const props = await panelProps(c, ctx);
  const p = props.participants.find((x) => x.registration.id === registrationId);
  if (!p) return c.notFound();
  const open = c.req.query('uzdaryti') === undefined;
  if (!isHtmx(c))
    return c.redirect(`${participantsPath(ctx.group.id)}${open ? `?dalyvis=${registrationId}` : ''}#registracija-${registrationId}`, 303);
  if (!isActiveRegistration(p.registration.status)) {
    // Decided away meanwhile (removed, withdrawn…): its row has moved to the history, so the whole tab is sent.
    c.header('HX-Retarget', `#${PARTICIPANTS_PANEL_ID}`);
    c.header('HX-Reswap', 'outerHTML');
    return html(c, <ParticipantsPanel {...props} />);
  }
  const ticked = (c.req.queries('registrationId') ?? []).filter((id) => id === registrationId);
  return html(c, <ParticipantRows {...props} p={p} expanded={open} ticked={ticked} />);
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
  const ctx = await loadActingGroup(c);
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
      // A field error is shown at its form; a state conflict above the card (or the tab, the card gone).
      ...(Object.keys(errors).length === 0 ? { error: message } : {}),
      open: registration.id,
      noticeFor: registration.id,
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
  const t = commandTarget(c);
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

  // The card stays open (while the registration counts) and says what was done.
  if (!c.req.header('HX-Request'))
    return c.redirect(
      `${participantsPath(ctx.group.id)}?pranesimas=${decision}&dalyvis=${registration.id}#registracija-${registration.id}`,
      303,
    );
  const fresh = (await loadActingGroup(c)) ?? ctx;
  const warning = decision === 'APPROVE' && current ? (approvalWarning(current) ?? undefined) : undefined;
  return render(c, fresh, 200, {
    success: NOTICES[decision],
    ...(warning ? { warning } : {}),
    open: registration.id,
    noticeFor: registration.id,
  });
});

/** At most this many ticked registrations are taken from one form (a group holds far fewer). */
const BULK_LIMIT = 500;

/**
 * "Tvirtinti pažymėtus" (issue 11, item 12; PART-7): the ticked registrations that may be approved at
 * once — eligible IMP-basket participants (DOC-19) and those on personal funds (DOC-21) — are approved,
 * each by its own decideRegistration Update to the group workflow (the owner of the decision), whose
 * updateId is the form's key with the registration and the decision: a replayed or double submit is
 * done once. The others stay as they are, each with its reason; the page lists the result per row.
 */
groupParticipantRoutes.post('/grupes/:groupId/dalyviai/tvirtinimas', async (c) => {
  const ctx = await loadActingGroup(c);
  if (!ctx) return c.notFound();
  const values = await formValues(c);
  const key = values.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  const ids = formList(values.registrationId).filter(isUuid).slice(0, BULK_LIMIT);
  if (ids.length === 0) return render(c, ctx, 422, { error: 'Pažymėkite bent vieną registraciją, kurią norite patvirtinti.' });

  const who = actor(c);
  const { db } = c.get('deps');
  const participants = new Map(
    (await listGroupParticipants(db, ctx.group.institution_id, ctx.group.id)).map((p) => [p.registration.id, p] as const),
  );
  const handle = c.get('deps').temporal.workflow.getHandle(trainingGroupWorkflowId(ctx.group.id));
  const t = commandTarget(c);
  const results: BulkApprovalResult[] = [];
  // Temporal (or Postgres under the workflow) not answering: the rest are not sent, the form keeps its key.
  let outage: CommandFailure | CommandAccepted | undefined;
  for (const registrationId of ids) {
    const p = participants.get(registrationId);
    if (!p) {
      results.push({ registrationId, name: '—', outcome: 'refused', message: 'Nepatvirtinta. Tokios registracijos šioje grupėje nėra.' });
      continue;
    }
    const row = { registrationId, name: `${p.registration.first_name} ${p.registration.last_name}` };
    if (outage) {
      results.push({ ...row, outcome: 'not-done', message: UNAVAILABLE });
      continue;
    }
    if (p.registration.status === RegistrationStatus.Approved) {
      results.push({ ...row, outcome: 'unchanged', message: 'Registracija jau patvirtinta.' });
      continue;
    }
    // Eligibility is asked only of a registration still waiting for the decision; any other state is the workflow's to refuse.
    const refusal = p.registration.status === RegistrationStatus.Registered ? bulkApprovalRefusal(p) : null;
    if (refusal) {
      results.push({ ...row, outcome: 'refused', message: refusal });
      continue;
    }
    const result = await runCommand(() =>
      t.temporal.connection.withDeadline(Date.now() + t.timeoutMs, () =>
        completionOf(
          handle.startUpdate(decideRegistrationUpdate, {
            args: [{ actor: who, registrationId, decision: 'APPROVE' }],
            updateId: `${key}:${registrationId}:APPROVE`,
            waitForStage: 'ACCEPTED',
          }),
        ),
      ),
    );
    if (result.ok) {
      results.push({ ...row, outcome: 'approved', message: 'Patvirtinta. Dalyviui bus išsiųstas pranešimas el. paštu.' });
    } else if (keepsFormKey(result)) {
      outage = result;
      results.push({ ...row, outcome: 'not-done', message: result.message });
    } else {
      results.push({ ...row, outcome: 'refused', message: `Nepatvirtinta. ${result.message}` });
    }
  }
  const fresh = (await loadActingGroup(c)) ?? ctx;
  return render(c, fresh, outage ? outage.status : 200, {
    bulkResults: results,
    // After an outage the boxes of what was not done stay ticked and the key is kept: a retry does nothing twice.
    ...(outage
      ? { bulkKey: key, ticked: results.filter((r) => r.outcome === 'not-done').map((r) => r.registrationId), error: outage.message }
      : {}),
  });
});
