// The participants' KURSUOK portal (PORTAL-1..PORTAL-5, PORTAL-9): the public catalogue of
// "Skelbiama" groups and a group's page; for a logged-in participant (a DALYVIS person session),
// registration through the group workflow, withdrawal, "Mano registracijos" and "Mano dokumentai"
// (uploads checked by their bytes, each starting a DocumentReview workflow). Every ID in a URL is
// checked against the participant: another participant's registration or document is not found.
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { fetchPage } from '../paging.ts';
import {
  catalogueLanguages,
  findPublicGroup,
  listCatalogue,
  publicTimetable,
  publishedLecturers,
  type CatalogueFilters,
  type PublicGroupDetails,
} from '../../db/queries/catalogue.ts';
import {
  findOwnDocumentContent,
  findOwnRegistration,
  insertDocument,
  listOwnDocuments,
  listOwnRegistrations,
  registryEducationOf,
  type OwnDocument,
} from '../../db/queries/participants.ts';
import { markReviewStarted } from '../../db/queries/document-review.ts';
import type { Participant } from '../../db/tables/participants.ts';
import { vilniusDate, isIsoDate } from '../../workflows/domain/calendar.ts';
import { AWAITING_REVIEW, DocumentKind, eligibility, type Eligibility } from '../../workflows/domain/eligibility.ts';
import { attachmentDisposition, MAX_FILE_SIZE_TEXT, safeDownloadName } from '../../workflows/domain/file-type.ts';
import { FundingSource } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import {
  isActiveRegistration,
  isFundingSource,
  REGISTRATION_STATUS_LABELS,
  registrationRefusal,
  RegistrationStatus,
} from '../../workflows/domain/registration.ts';
import { reviewDeadline } from '../../workflows/domain/working-days.ts';
import { requirePerson } from '../auth/person-session.tsx';
import type { AppEnv } from '../context.ts';
import { startDocumentReview } from '../document-review-commands.ts';
import { keepsFormKey } from '../errors.ts';
import { isUuid, newKey } from '../forms.ts';
import type { GroupCommandTarget } from '../group-commands.ts';
import { registerParticipant, withdrawRegistration } from '../portal-commands.ts';
import { checkUpload, readMultipartForm, uploadRequestLimit } from '../uploads.ts';
import { DocumentsPage, RegistrationsPage, type RegistrationView } from '../views/portal-account.tsx';
import { PortalMessage, portalHtml } from '../views/portal-layout.tsx';
import { CataloguePage, GroupPortalPage, type RegistrationBox, type RegistrationFormErrors } from '../views/portal.tsx';
import { currentParticipant, portalAuthRoutes } from './portal-auth.tsx';

type C = Context<AppEnv>;

export const portalRoutes = new Hono<AppEnv>();

// The CSRF check of a person session reads form bodies, so the size limit comes first (one 10 MB file and the fields).
portalRoutes.use(
  '/kursuok/*',
  bodyLimit({
    maxSize: uploadRequestLimit(1),
    onError: (c) => {
      const message = `Siunčiami duomenys per dideli: failas turi būti ne didesnis kaip ${MAX_FILE_SIZE_TEXT}.`;
      return portalHtml(c, <PortalMessage title="Per didelė užklausa" message={message} person={c.get('personSession')} />, 413);
    },
  }),
);
portalRoutes.route('/', portalAuthRoutes);

function commandTarget(c: C): GroupCommandTarget {
  const { temporal, config } = c.get('deps');
  return { temporal, taskQueue: config.temporal.taskQueue, timeoutMs: config.temporal.commandTimeoutMs };
}

function message(c: C, title: string, text: string, status: 400 | 404 | 409 | 503) {
  return portalHtml(
    c,
    <PortalMessage
      title={title}
      message={text}
      person={c.get('personSession')}
      requestId={status >= 500 ? c.get('requestId') : undefined}
    />,
    status,
  );
}

const notFound = (c: C) => message(c, 'Nerasta', 'Puslapis nerastas arba neturite teisės jo matyti.', 404);

// ---- The public catalogue (PORTAL-1) ------------------------------------------------------------------

function catalogueFilters(c: C): CatalogueFilters {
  const q = (name: string) => c.req.query(name)?.trim().slice(0, 200) || undefined;
  const date = (name: string) => {
    const v = q(name);
    return v && isIsoDate(v) ? v : undefined;
  };
  const funding = q('finansavimas');
  return {
    text: q('tekstas'),
    funding: isFundingSource(funding) ? funding : undefined,
    language: q('kalba'),
    place: q('vieta'),
    from: date('nuo'),
    to: date('iki'),
  };
}

portalRoutes.get('/kursuok', async (c) => {
  const { db } = c.get('deps');
  const today = vilniusDate(new Date());
  const filters = catalogueFilters(c);
  const [list, languages] = await Promise.all([
    fetchPage(c.req.query('puslapis'), (slice) => listCatalogue(db, today, filters, slice), 20),
    catalogueLanguages(db, today),
  ]);
  const lecturers = await publishedLecturers(
    db,
    list.items.map((g) => g.id),
  );
  return portalHtml(
    c,
    <CataloguePage person={c.get('personSession')} filters={filters} languages={languages} list={list} lecturers={lecturers} />,
  );
});

/** GRP-41: why registration is not possible now for anyone (not open yet, ended, full); null when it is. */
function closedReason(g: PublicGroupDetails, now: Date): string | null {
  return registrationRefusal({
    status: GroupStatus.Published,
    info: {
      registrationStart: g.registrationStart,
      registrationEnd: g.registrationEnd,
      maxParticipants: g.maxParticipants,
      fundingSources: g.fundingSources as FundingSource[],
    },
    today: vilniusDate(now),
    now: now.getTime(),
    registrationClosesAt: g.registrationClosesAt?.getTime() ?? Number.POSITIVE_INFINITY,
    registrationClosed: false,
    activeRegistrations: g.maxParticipants - g.freePlaces,
    alreadyRegistered: false,
    funding: g.fundingSources[0] as FundingSource,
  });
}

async function groupPage(
  c: C,
  group: PublicGroupDetails,
  box: Partial<RegistrationBox> = {},
  status: 200 | 202 | 404 | 409 | 422 | 503 = 200,
) {
  const { db } = c.get('deps');
  const session = c.get('personSession');
  const [lecturers, sessions, own] = await Promise.all([
    publishedLecturers(db, [group.id]),
    publicTimetable(db, group.id),
    session?.audience === 'DALYVIS' && session.participant_id ? listOwnRegistrations(db, session.participant_id) : Promise.resolve([]),
  ]);
  const active = own.find((r) => r.groupId === group.id && isActiveRegistration(r.status));
  const now = new Date();
  const full: RegistrationBox = {
    closedReason: closedReason(group, now),
    registeredAs: active ? `registracijos būsena „${REGISTRATION_STATUS_LABELS[active.status]}“` : null,
    formKey: newKey(),
    values: {},
    errors: {},
    ...box,
  };
  return portalHtml(
    c,
    <GroupPortalPage person={session} group={group} lecturers={lecturers.get(group.id) ?? []} sessions={sessions} box={full} now={now} />,
    status,
  );
}

portalRoutes.get('/kursuok/grupes/:groupId', async (c) => {
  const groupId = c.req.param('groupId');
  const group = isUuid(groupId) ? await findPublicGroup(c.get('deps').db, groupId) : undefined;
  if (!group) return notFound(c);
  return groupPage(c, group);
});

// ---- The participant's pages -------------------------------------------------------------------------

const own = new Hono<AppEnv>();
for (const path of [
  '/kursuok/grupes/:groupId/registracija',
  '/kursuok/registracijos',
  '/kursuok/registracijos/*',
  '/kursuok/dokumentai',
  '/kursuok/dokumentai/*',
]) {
  own.use(path, requirePerson('DALYVIS'));
}

const COUPON_NUMBER = /^[A-Za-z0-9][A-Za-z0-9-]{2,39}$/;

/** PORTAL-3, P1: the registration goes to the group workflow; its answer decides. */
own.post('/kursuok/grupes/:groupId/registracija', async (c) => {
  const { db } = c.get('deps');
  const participant = await currentParticipant(c);
  const groupId = c.req.param('groupId');
  const group = isUuid(groupId) ? await findPublicGroup(db, groupId) : undefined;
  if (!participant || !group) return notFound(c);
  // The group e-mails its participants: the address comes first (the profile form).
  if (!participant.email) return c.redirect('/kursuok/profilis', 303);
  const form = await c.req.parseBody();
  const key = form.idempotencyKey;
  if (!isUuid(key)) return message(c, 'Neteisinga užklausa', 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.', 400);
  const funding = typeof form.funding === 'string' ? form.funding : '';
  const couponNumber = typeof form.couponNumber === 'string' ? form.couponNumber.trim() : '';
  const values = { funding, couponNumber };
  const errors: RegistrationFormErrors = {};
  if (!isFundingSource(funding) || !group.fundingSources.includes(funding))
    errors.funding = 'Pasirinkite vieną iš šios grupės finansavimo šaltinių.';
  if (funding === FundingSource.EmploymentService && !COUPON_NUMBER.test(couponNumber))
    errors.couponNumber = 'Nurodykite Užimtumo tarnybos išduoto kupono numerį, pvz., MK-2026-000123.';
  if (Object.keys(errors).length > 0) return groupPage(c, group, { formKey: key, values, errors }, 422);

  const result = await registerParticipant(commandTarget(c), {
    groupId: group.id,
    registrationId: key,
    person: {
      personKey: participant.person_key,
      participantId: participant.id,
      firstName: participant.first_name,
      lastName: participant.last_name,
      email: participant.email,
      ...(participant.phone ? { phone: participant.phone } : {}),
    },
    funding: funding as FundingSource,
    // UZT-10: one command; the group starts the coupon's workflow with the registration.
    ...(funding === FundingSource.EmploymentService ? { coupon: { number: couponNumber } } : {}),
  });
  if (!result.ok)
    return groupPage(c, group, { formKey: keepsFormKey(result) ? key : newKey(), values, error: result.message }, result.status);
  return c.redirect('/kursuok/registracijos?pranesimas=uzregistruota', 303);
});

function eligibilityOf(p: Participant, documents: readonly OwnDocument[]): Eligibility {
  return eligibility({
    registryEducationLevels: registryEducationOf(p)?.documents.map((d) => d.level) ?? [],
    sodraEmployed: p.sodra_employed,
    citizen: p.citizen,
    documents: documents.map((d) => ({ kind: d.kind, status: d.status })),
  });
}

const NOTICES: Record<string, string> = {
  uzregistruota: 'Užsiregistravote į mokymus. Mokymo teikėjas patvirtins arba atmes jūsų registraciją; apie sprendimą gausite el. laišką.',
  atsisakyta: 'Registracijos atsisakėte.',
  ikelta: 'Dokumentas įkeltas. Jis bus įvertintas per 3 darbo dienas.',
  'ikelta-velesnis':
    'Dokumentas įkeltas ir išsaugotas. Sistema šiuo metu lėtai atsako, todėl jo vertinimas bus pradėtas automatiškai per kelias minutes; vertinimo terminas – 3 darbo dienos nuo įkėlimo.',
};

async function registrationsPage(c: C, participant: Participant, opts: { error?: string; status?: 200 | 202 | 404 | 409 | 503 } = {}) {
  const { db } = c.get('deps');
  const [registrations, documents] = await Promise.all([listOwnRegistrations(db, participant.id), listOwnDocuments(db, participant.id)]);
  const now = Date.now();
  const views: RegistrationView[] = registrations.map((r) => ({
    registration: r,
    eligibility: r.funding === FundingSource.ImpBasket && isActiveRegistration(r.status) ? eligibilityOf(participant, documents) : null,
    // PORTAL-9: before a contract is signed and before the training starts.
    canWithdraw:
      (r.status === RegistrationStatus.Registered || r.status === RegistrationStatus.Approved) &&
      (r.programmeStartsAt === null || r.programmeStartsAt.getTime() > now),
  }));
  return portalHtml(
    c,
    <RegistrationsPage
      person={c.get('personSession')}
      registrations={views}
      documents={documents}
      now={new Date(now)}
      notice={NOTICES[c.req.query('pranesimas') ?? '']}
      error={opts.error}
      formKey={newKey()}
    />,
    opts.status ?? 200,
  );
}

own.get('/kursuok/registracijos', async (c) => {
  const participant = await currentParticipant(c);
  if (!participant) return notFound(c);
  return registrationsPage(c, participant);
});

/** PORTAL-9, P10: withdrawal, through the group workflow. */
own.post('/kursuok/registracijos/:registrationId/atsisakyti', async (c) => {
  const { db } = c.get('deps');
  const participant = await currentParticipant(c);
  const id = c.req.param('registrationId');
  const registration = participant && isUuid(id) ? await findOwnRegistration(db, participant.id, id) : undefined;
  if (!participant || !registration) return notFound(c);
  const form = await c.req.parseBody();
  const key = typeof form.idempotencyKey === 'string' && form.idempotencyKey.length <= 100 ? form.idempotencyKey : '';
  if (!key) return message(c, 'Neteisinga užklausa', 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.', 400);
  const result = await withdrawRegistration(commandTarget(c), {
    groupId: registration.groupId,
    registrationId: registration.id,
    personKey: participant.person_key,
    idempotencyKey: key,
  });
  if (!result.ok) return registrationsPage(c, participant, { error: result.message, status: result.status === 422 ? 409 : result.status });
  return c.redirect('/kursuok/registracijos?pranesimas=atsisakyta', 303);
});

// ---- "Mano dokumentai" (PORTAL-4) ---------------------------------------------------------------------

/** The kinds a participant may upload now: not while one of the kind awaits review; residence only for non-citizens (DOC-12). */
function uploadableKinds(p: Participant, documents: readonly OwnDocument[]): DocumentKind[] {
  const kinds: DocumentKind[] = [DocumentKind.Education, DocumentKind.Employment, ...(p.citizen ? [] : [DocumentKind.Residence])];
  return kinds.filter((k) => !documents.some((d) => d.kind === k && d.status === AWAITING_REVIEW));
}

async function documentsPage(
  c: C,
  participant: Participant,
  opts: { error?: string; kind?: string; status?: 200 | 409 | 422 | 503; formKey?: string } = {},
) {
  const { db } = c.get('deps');
  const [documents, registrations] = await Promise.all([listOwnDocuments(db, participant.id), listOwnRegistrations(db, participant.id)]);
  // DOC-21: documents are asked for IMP-basket registrations only.
  const needed = registrations.some((r) => r.funding === FundingSource.ImpBasket && isActiveRegistration(r.status));
  return portalHtml(
    c,
    <DocumentsPage
      person={c.get('personSession')}
      participant={participant}
      documents={documents}
      eligibility={needed ? eligibilityOf(participant, documents) : null}
      kinds={uploadableKinds(participant, documents)}
      now={new Date()}
      values={{ ...(opts.kind ? { kind: opts.kind } : {}) }}
      error={opts.error}
      notice={NOTICES[c.req.query('pranesimas') ?? '']}
      formKey={opts.formKey ?? newKey()}
    />,
    opts.status ?? 200,
  );
}

own.get('/kursuok/dokumentai', async (c) => {
  const participant = await currentParticipant(c);
  if (!participant) return notFound(c);
  return documentsPage(c, participant);
});

own.post('/kursuok/dokumentai', async (c) => {
  const { db, temporal, config } = c.get('deps');
  const participant = await currentParticipant(c);
  if (!participant) return notFound(c);
  const { values, files } = await readMultipartForm(c);
  const key = values.idempotencyKey;
  if (!isUuid(key)) return message(c, 'Neteisinga užklausa', 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.', 400);
  const kind = typeof values.kind === 'string' ? values.kind : '';
  const documents = await listOwnDocuments(db, participant.id);
  const again = documents.find((d) => d.id === key);
  if (!again) {
    const refuse = (error: string, status: 409 | 422) => documentsPage(c, participant, { error, kind, status, formKey: key });
    if (!(Object.values(DocumentKind) as string[]).includes(kind) || (kind === DocumentKind.Residence && participant.citizen))
      return refuse('Pasirinkite dokumento rūšį iš sąrašo.', 422);
    if (!uploadableKinds(participant, documents).includes(kind as DocumentKind))
      return refuse('Šios rūšies dokumentas jau vertinamas: naują galėsite įkelti, kai bus priimtas sprendimas.', 409);
    const file = files.file;
    if (!file) return refuse('Pasirinkite įkeliamą failą.', 422);
    const checked = await checkUpload(file);
    if (!checked.ok) return refuse(checked.error, 422);
    const uploadedAt = new Date();
    await insertDocument(db, {
      id: key,
      participant,
      kind: kind as DocumentKind,
      contentType: checked.type,
      originalName: checked.originalName,
      bytes: checked.bytes,
      sha256: createHash('sha256').update(checked.bytes).digest('hex'),
      uploadedAt,
      reviewDueAt: reviewDeadline(uploadedAt).dueAt,
      requestId: c.get('requestId'),
    });
  }
  const stored = again ?? (await listOwnDocuments(db, participant.id)).find((d) => d.id === key)!;
  // D1: the review starts (again harmlessly, when the same form is sent twice).
  const started = await startDocumentReview(
    { temporal, taskQueue: config.temporal.taskQueue, timeoutMs: config.temporal.commandTimeoutMs },
    {
      documentId: key,
      participantId: participant.id,
      kind: stored.kind,
      uploadedAt: stored.uploaded_at.toISOString(),
      participantName: `${participant.first_name} ${participant.last_name}`,
    },
  );
  // Not started now (Temporal unreachable): the document is kept and the review relay starts its review.
  if (!started.ok) return c.redirect('/kursuok/dokumentai?pranesimas=ikelta-velesnis', 303);
  await markReviewStarted(db, key);
  return c.redirect('/kursuok/dokumentai?pranesimas=ikelta', 303);
});

/** The participant's own document, as an attachment; anybody else's is not found. */
own.get('/kursuok/dokumentai/:documentId', async (c) => {
  const participant = await currentParticipant(c);
  const id = c.req.param('documentId');
  const doc = participant && isUuid(id) ? await findOwnDocumentContent(c.get('deps').db, participant.id, id) : undefined;
  if (!doc) return notFound(c);
  const body = new Uint8Array(doc.content);
  return c.body(body, 200, {
    'Content-Type': doc.content_type,
    'Content-Length': String(body.byteLength),
    'Content-Disposition': attachmentDisposition(safeDownloadName(doc.original_name, doc.content_type)),
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
  });
});

portalRoutes.route('/', own);
