// The participants' KURSUOK portal over HTTP (app.request), with the real worker, Postgres and the
// VIISP and registry simulators: the public catalogue (PORTAL-1, GRP-47), login creating the
// account with registry data (PORTAL-2, PART-3, PART-6), registration and its refusals through the
// group workflow (PORTAL-3, GRP-41, OQ-23), withdrawal (PORTAL-9), uploads (PORTAL-4, GEN-12, DOC-7)
// and that a participant reaches only their own registrations and documents.
import type { WorkflowHandle } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vilniusDate, addDays } from '../../workflows/domain/calendar.ts';
import type { GroupDeadlines } from '../../workflows/domain/group-deadlines.ts';
import { validateGroupInfo, type GroupInfo } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { reviewDeadline } from '../../workflows/domain/working-days.ts';
import { documentReviewWorkflowId, trainingGroupWorkflowId } from '../../workflows/ids.ts';
import { changeGroupStatusUpdate, createGroupUpdate, type Actor } from '../../workflows/training-group/messages.ts';
import type { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { createInstitution, fullSchedule, groupForm, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller, ORIGIN } from '../support/http.ts';
import { pdfBytes } from '../support/pdf.ts';
import { Jar } from '../support/login.ts';
import { personSessionFor, sessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { driveViispLogin } from '../sim/viisp/drive.ts';
import { TEST_PEOPLE } from '../sim/viisp/people.ts';

let stack: TestStack;
let fx: InstitutionFixture;
let call: ReturnType<typeof appCaller>;
const today = () => vilniusDate(new Date());

const actor = (): Actor => ({
  userId: fx.userId,
  institutionId: fx.institutionId,
  requestId: 'req-portal',
  personalCodeHash: fx.personalCodeHash,
});

function info(overrides: Record<string, string | string[]> = {}): GroupInfo {
  const result = validateGroupInfo(groupForm(fx.venueId, { registrationStart: today(), ...overrides }));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.info;
}

function deadlines(closeIn: number, startIn: number): GroupDeadlines {
  const now = Date.now();
  return {
    registrationClosesAt: new Date(now + closeIn * 1000).toISOString(),
    programmeStartsAt: new Date(now + startIn * 1000).toISOString(),
  };
}

/** A group created and published through its workflow, with a full timetable (GRP-40). */
async function publishedGroup(
  groupInfo: GroupInfo,
  d: GroupDeadlines = deadlines(600, 1200),
): Promise<{ groupId: string; handle: WorkflowHandle }> {
  const groupId = crypto.randomUUID();
  const handle = await stack.client.workflow.start<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
    workflowId: trainingGroupWorkflowId(groupId),
    taskQueue: stack.config.temporal.taskQueue,
    args: [
      {
        groupId,
        institutionId: fx.institutionId,
        programmeId: fx.programmeId,
        programmeCode: fx.programmeCode,
        programmeName: 'Testinė programa',
      },
    ],
  });
  await handle.executeUpdate(createGroupUpdate, { args: [{ actor: actor(), info: groupInfo, deadlines: d }], updateId: groupId });
  await fullSchedule(stack.db, { institutionId: fx.institutionId, groupId, venueId: fx.venueId });
  await handle.executeUpdate(changeGroupStatusUpdate, { args: [{ actor: actor(), to: GroupStatus.Published }] });
  return { groupId, handle };
}

interface ParticipantFixture {
  id: string;
  personKey: string;
  session: TestSession;
}

/** A participant's account straight in Postgres (registry data as given) and a DALYVIS session of theirs. */
async function participant(
  p: { citizen?: boolean; levels?: string[]; employed?: boolean | null; email?: string | null } = {},
): Promise<ParticipantFixture> {
  const personKey = `dalyvis-${crypto.randomUUID()}`;
  const row = await stack.db
    .insertInto('participants')
    .values({
      person_key: personKey,
      first_name: 'Dalia',
      last_name: 'Dalyvaitė',
      email: p.email === undefined ? `${personKey}@dalyviai.example.lt` : p.email,
      citizen: p.citizen ?? true,
      registry_education: { documents: (p.levels ?? []).map((level) => ({ level })) },
      sodra_employed: p.employed === undefined ? true : p.employed,
      registry_checked_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = await personSessionFor(stack.db, {
    audience: 'DALYVIS',
    personKey,
    participantId: row.id,
    names: ['Dalia', 'Dalyvaitė'],
  });
  return { id: row.id, personKey, session };
}

const registrationsOf = (groupId: string) =>
  stack.db.selectFrom('group_registrations').selectAll().where('group_id', '=', groupId).orderBy('registered_at').execute();

function register(who: ParticipantFixture, groupId: string, form: Record<string, string> = {}, key = crypto.randomUUID()) {
  return call(`/kursuok/grupes/${groupId}/registracija`, {
    as: who.session,
    body: { idempotencyKey: key, funding: 'IMP_KREPSELIS', ...form },
  });
}

/** A multipart upload as the browser sends it, with the session's token. */
function upload(
  who: ParticipantFixture,
  file: { name: string; bytes: Uint8Array; type?: string } | null,
  fields: Record<string, string> = {},
) {
  const body = new FormData();
  body.set('idempotencyKey', fields.idempotencyKey ?? crypto.randomUUID());
  body.set('kind', fields.kind ?? 'ISSILAVINIMAS');
  if (file) body.set('file', new File([file.bytes], file.name, { type: file.type ?? 'application/pdf' }));
  return Promise.resolve(
    stack.app.request(`${ORIGIN}/kursuok/dokumentai`, {
      method: 'POST',
      headers: { Cookie: who.session.cookie, Origin: ORIGIN, 'X-CSRF-Token': who.session.csrf },
      body,
    }),
  );
}

const PDF = pdfBytes('KURSUOK bandymas');

async function loginToPortal(personalCode: string, jar = new Jar()) {
  const start = jar.take(await stack.app.request(`${ORIGIN}/kursuok/prisijungti/viisp`, { headers: { Cookie: jar.header() } }));
  expect(start.status).toBe(303);
  const back = await driveViispLogin(start.headers.get('location')!, { personalCode });
  const callback = jar.take(await stack.app.request(back, { headers: { Cookie: jar.header() } }));
  return { jar, status: callback.status, landedAt: callback.headers.get('location') ?? '' };
}

beforeAll(async () => {
  // A pepper of this run's own: the accounts the VIISP test people get here are new on every run.
  stack = await startStack('portal', { simulators: true, env: { KURSUOK_PERSONAL_CODE_PEPPER: `portal-${crypto.randomUUID()}` } });
  fx = await createInstitution(stack.db, 'Portalo institucija');
  call = appCaller(stack.app);
});

afterAll(async () => {
  await stack?.stop();
});

describe('the public catalogue (PORTAL-1, GRP-47)', () => {
  it('lists only "Skelbiama" groups whose registration is open or to come, with lecturers who agreed to be published and the contact person', async () => {
    const tag = `Katalogas${crypto.randomUUID().slice(0, 6)}`;
    const statuses: readonly GroupStatus[] = ['Kuriama', 'Skelbiama', 'Vykdoma', 'Nevykdoma', 'Sustabdyta', 'Užbaigta'];
    const ids = await insertGroupRows(stack.db, {
      institutionId: fx.institutionId,
      programmeId: fx.programmeId,
      venueId: fx.venueId,
      count: statuses.length,
      name: (i) => `${tag} ${statuses[i]}`,
      status: (i) => statuses[i]!,
      firstStart: addDays(today(), 30),
    });
    const published = ids[1]!;
    const consenting = await stack.db
      .insertInto('lecturers')
      .values({
        institution_id: fx.institutionId,
        first_name: 'Viešas',
        last_name: 'Lektorius',
        email: `v.${tag}@example.lt`,
        active: true,
        requirements: ['KVALIFIKACIJA'],
        publish_consent: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const privateOne = await stack.db
      .insertInto('lecturers')
      .values({
        institution_id: fx.institutionId,
        first_name: 'Slaptas',
        last_name: 'Dėstytojas',
        email: `s.${tag}@example.lt`,
        active: true,
        requirements: ['KVALIFIKACIJA'],
        publish_consent: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const start = addDays(today(), 30);
    await stack.db
      .insertInto('group_sessions')
      .values([
        {
          institution_id: fx.institutionId,
          group_id: published,
          session_date: start,
          start_time: '18:00',
          duration_minutes: 90,
          mode: 'KONTAKTINIS',
          venue_id: fx.venueId,
          lecturer_id: consenting.id,
        },
        {
          institution_id: fx.institutionId,
          group_id: published,
          session_date: addDays(start, 1),
          start_time: '18:00',
          duration_minutes: 90,
          mode: 'KONTAKTINIS',
          venue_id: fx.venueId,
          lecturer_id: privateOne.id,
        },
      ])
      .execute();

    const page = await (await call(`/kursuok?tekstas=${encodeURIComponent(tag)}`)).text();
    expect(page).toContain(`${tag} Skelbiama`);
    for (const s of statuses.filter((x) => x !== 'Skelbiama')) expect(page).not.toContain(`${tag} ${s}`);
    expect(page).toContain('Viešas Lektorius');
    expect(page).not.toContain('Slaptas Dėstytojas');
    expect(page).toContain('Rasa Kontaktinė');
    expect(page).toContain('Gedimino pr. 1, Vilnius');
    expect(page).toContain('100,00 €');

    const groupPage = await call(`/kursuok/grupes/${published}`);
    expect(groupPage.status).toBe(200);
    const html = await groupPage.text();
    expect(html).toContain('Tvarkaraštis');
    expect(html).toContain('18:00');
    expect(html).toContain('Viešas Lektorius');
    expect(html).not.toContain('Slaptas Dėstytojas');
    expect(html).toContain(`Registracija į grupę prasidės ${addDays(today(), 11)}.`);
    // Any other status is not public.
    for (const id of [ids[0]!, ids[2]!, ids[4]!]) expect((await call(`/kursuok/grupes/${id}`)).status).toBe(404);
    expect((await call('/kursuok/grupes/ne-uuid')).status).toBe(404);
  });

  it('filters by funding source, language, place (remote or a town) and start dates, and pages', async () => {
    const tag = `Filtras${crypto.randomUUID().slice(0, 6)}`;
    const first = addDays(today(), 40);
    const ids = await insertGroupRows(stack.db, {
      institutionId: fx.institutionId,
      programmeId: fx.programmeId,
      venueId: fx.venueId,
      count: 25,
      name: (i) => `${tag} ${String(i).padStart(2, '0')}`,
      status: () => 'Skelbiama',
      firstStart: first,
    });
    await stack.db
      .updateTable('training_groups')
      .set({ funding_sources: ['ASMENINES_LESOS'], language: 'anglų', venue_id: fx.remoteVenueId })
      .where('id', '=', ids[3]!)
      .execute();
    const list = async (query: string) => (await call(`/kursuok?tekstas=${encodeURIComponent(tag)}&${query}`)).text();

    const personal = await list('finansavimas=ASMENINES_LESOS');
    expect(personal).toContain(`${tag} 03`);
    expect(personal).not.toContain(`${tag} 04`);
    const english = await list('kalba=angl%C5%B3');
    expect(english).toContain(`${tag} 03`);
    expect(english).not.toContain(`${tag} 05`);
    const remote = await list('vieta=nuotolinis');
    expect(remote).toContain(`${tag} 03`);
    expect(remote).not.toContain(`${tag} 06`);
    expect(remote).toContain('Nuotolinis mokymas');
    const vilnius = await list('vieta=Vilnius');
    expect(vilnius).toContain(`${tag} 06`);
    expect(vilnius).not.toContain(`${tag} 03`);
    const dates = await list(`nuo=${addDays(first, 2)}&iki=${addDays(first, 4)}`);
    expect([...dates.matchAll(new RegExp(`${tag} \\d\\d`, 'g'))].map((m) => m[0])).toEqual([`${tag} 02`, `${tag} 03`, `${tag} 04`]);
    // 20 a page: the 21st on the second page.
    const page1 = await list('');
    expect(page1).toContain(`${tag} 19`);
    expect(page1).not.toContain(`${tag} 20`);
    expect(page1).toContain('Puslapis 1 iš 2');
    expect(await list('puslapis=2')).toContain(`${tag} 24`);
  });
});

describe('login through VIISP creates the participant with registry data (PORTAL-2, PART-3, PART-6)', () => {
  it('a citizen with a degree and a job: Diplomų registras and SoDra are stored; the first login asks for the e-mail', async () => {
    const { jar, status, landedAt } = await loginToPortal(TEST_PEOPLE.egle.personalCode);
    expect(status).toBe(303);
    expect(landedAt).toBe('/kursuok/profilis');
    const session = await stack.db
      .selectFrom('person_sessions')
      .selectAll()
      .where('audience', '=', 'DALYVIS')
      .where('given_name', '=', 'Eglė')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const p = await stack.db.selectFrom('participants').selectAll().where('id', '=', session.participant_id!).executeTakeFirstOrThrow();
    expect(p).toMatchObject({ first_name: 'Eglė', last_name: 'Paulauskienė', citizen: true, sodra_employed: true, email: null });
    // The contract's birth date, from the personal code 49103120615 (issue 12); the code itself is not kept.
    expect(p.birth_date).toBe('1991-03-12');
    expect(p.person_key).not.toContain(TEST_PEOPLE.egle.personalCode);
    expect(JSON.stringify(p.registry_education)).not.toContain(TEST_PEOPLE.egle.personalCode);
    expect((p.registry_education as { documents: { level: string }[] }).documents.map((d) => d.level)).toContain('HIGHER_UNIVERSITY');
    expect(p.registry_checked_at).not.toBeNull();

    const browse = (path: string, form?: Record<string, string>) =>
      stack.app.request(
        `${ORIGIN}${path}`,
        form
          ? {
              method: 'POST',
              headers: {
                Cookie: jar.header(),
                Origin: ORIGIN,
                'Content-Type': 'application/x-www-form-urlencoded',
                'X-CSRF-Token': session.csrf_token,
              },
              body: new URLSearchParams(form),
            }
          : { headers: { Cookie: jar.header() } },
      );
    const profile = await (await browse('/kursuok/profilis')).text();
    expect(profile).toContain('Nurodykite el. pašto adresą');
    expect(profile).toContain('Aukštasis universitetinis išsilavinimas');
    const invalid = await browse('/kursuok/profilis', { email: 'ne-adresas', phone: '' });
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).toContain('Neteisingas el. pašto adresas');
    const saved = await browse('/kursuok/profilis', { email: 'egle@dalyviai.example.lt', phone: '+370 600 11111' });
    expect(saved.status).toBe(303);
    expect(await stack.db.selectFrom('participants').select(['email', 'phone']).where('id', '=', p.id).executeTakeFirstOrThrow()).toEqual({
      email: 'egle@dalyviai.example.lt',
      phone: '+37060011111', // stored in E.164
    });

    // The next login finds the account: no second row, straight to "Mano registracijos".
    const again = await loginToPortal(TEST_PEOPLE.egle.personalCode);
    expect(again.landedAt).toBe('/kursuok/registracijos');
    expect(await stack.db.selectFrom('participants').select('id').where('person_key', '=', p.person_key).execute()).toHaveLength(1);
    // Logout ends the session.
    const out = await browse('/kursuok/atsijungti', {});
    expect(out.status).toBe(303);
    expect((await browse('/kursuok/registracijos')).headers.get('location')).toBe('/kursuok/prisijungti');
  });

  it('a foreigner with a residence permit is not a citizen; the register without data is stored as no documents', async () => {
    const { status } = await loginToPortal(TEST_PEOPLE.andrii.personalCode);
    expect(status).toBe(303);
    const p = await stack.db
      .selectFrom('participants')
      .selectAll()
      .where('first_name', '=', 'Andrii')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(p).toMatchObject({ citizen: false, sodra_employed: true, registry_education: { documents: [] } });
  });

  it('a registry outage does not block the login: the data stays unknown ("duomenų gauti nepavyko") and is asked again at the next login', async () => {
    stack.registries!.fail('sodra', { mode: 'status', status: 503 });
    let first: Awaited<ReturnType<typeof loginToPortal>>;
    try {
      first = await loginToPortal(TEST_PEOPLE.mindaugas.personalCode);
    } finally {
      stack.registries!.recover('sodra');
    }
    expect(first.status).toBe(303);
    const p = await stack.db
      .selectFrom('participants')
      .selectAll()
      .where('first_name', '=', 'Mindaugas')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(p).toMatchObject({ sodra_employed: null, registry_checked_at: null });
    expect((p.registry_education as { documents: { level: string }[] }).documents.map((d) => d.level)).toEqual(['SECONDARY']);
    const page = await (await stack.app.request(`${ORIGIN}/kursuok/profilis`, { headers: { Cookie: first.jar.header() } })).text();
    expect(page).toContain('duomenų gauti nepavyko');

    await loginToPortal(TEST_PEOPLE.mindaugas.personalCode);
    const after = await stack.db.selectFrom('participants').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow();
    expect(after.sodra_employed).toBe(false);
    expect(after.registry_checked_at).not.toBeNull();
  });
});

describe('the birth date for the contract, from the personal code at every login (issue 12)', () => {
  it('an account made before the birth date was kept gets it at the next login, with an audit row', async () => {
    const person = TEST_PEOPLE.rasa; // 48506110927: born 1985-06-11
    const personKey = hashPersonalCode(stack.config.secrets.personalCodePepper, person.personalCode);
    const existing = await stack.db
      .insertInto('participants')
      .values({
        person_key: personKey,
        first_name: person.givenName,
        last_name: person.familyName,
        email: 'rasa@dalyviai.example.lt',
        citizen: true,
        registry_education: { documents: [] },
        sodra_employed: true,
        registry_checked_at: new Date(),
      })
      .returning(['id', 'birth_date'])
      .executeTakeFirstOrThrow();
    expect(existing.birth_date).toBeNull();

    const { status, landedAt } = await loginToPortal(person.personalCode);
    expect(status).toBe(303);
    expect(landedAt).toBe('/kursuok/registracijos');
    const after = await stack.db.selectFrom('participants').selectAll().where('person_key', '=', personKey).execute();
    expect(after.map((p) => [p.id, p.birth_date])).toEqual([[existing.id, '1985-06-11']]);
    const audit = await stack.db
      .selectFrom('audit_log')
      .select(['action', 'changes', 'actor_personal_code_hash'])
      .where('entity_type', '=', 'participant')
      .where('entity_id', '=', existing.id)
      .execute();
    // Beside it, the personal code sealed for Mokinių registras (NUM-9): audited without its value.
    expect(audit).toHaveLength(2);
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'update', changes: { birth_date: { before: null, after: '1985-06-11' } }, actor_personal_code_hash: personKey },
        {
          action: 'update',
          changes: { personal_code_sealed: { before: null, after: 'užšifruotas' } },
          actor_personal_code_hash: personKey,
        },
      ]),
    );

    // A later login finds it set and writes nothing more.
    await loginToPortal(person.personalCode);
    const audited = await stack.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_type', '=', 'participant')
      .where('entity_id', '=', existing.id)
      .execute();
    expect(audited).toHaveLength(2);
  });
});

describe('registration through the group workflow (PORTAL-3, GRP-41, OQ-23) and withdrawal (PORTAL-9)', () => {
  it('registers once for a double submit, ties the row to the account, and shows it in "Mano registracijos"', async () => {
    const { groupId } = await publishedGroup(info());
    const open = await (await call(`/kursuok/grupes/${groupId}`)).text();
    expect(open).toContain('Prisijunkite, kad galėtumėte registruotis');
    // How long registration stays open (issue 11 item 13): it closes ten minutes after publishing.
    expect(open.replace(/<[^>]*>/g, '')).toMatch(/Registruotis galima iki \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(liko [89] minutės\)\./);
    const p = await participant();
    expect(await (await call(`/kursuok/grupes/${groupId}`, { as: p.session })).text()).toContain('Registruotis</button>');
    const key = crypto.randomUUID();
    const first = await register(p, groupId, {}, key);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/kursuok/registracijos?pranesimas=uzregistruota');
    expect((await register(p, groupId, {}, key)).status).toBe(303);
    const rows = await registrationsOf(groupId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: key,
      participant_id: p.id,
      person_key: p.personKey,
      funding: 'IMP_KREPSELIS',
      status: 'REGISTERED',
    });
    const mine = await (await call('/kursuok/registracijos', { as: p.session })).text();
    expect(mine).toContain('Užsiregistravo');
    expect(mine).toContain('IMP krepšelis');
    expect(mine).toContain('Išsilavinimas: Neatitinka');
    expect(mine).toContain('Atsisakyti registracijos');
    // The group page now says so instead of offering the form again.
    expect(await (await call(`/kursuok/grupes/${groupId}`, { as: p.session })).text()).toContain('Jūs užsiregistravote į šią grupę');
  });

  it('refuses the same person twice, a full group and a funding source the group does not offer, with the Lithuanian reason', async () => {
    const { groupId } = await publishedGroup(info({ minParticipants: '1', maxParticipants: '1' }));
    const p = await participant();
    const q = await participant();
    expect((await register(p, groupId)).status).toBe(303);

    const twice = await register(p, groupId);
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('Jūs jau esate užsiregistravę į šią mokymo grupę.');
    const full = await register(q, groupId);
    expect(full.status).toBe(409);
    expect(await full.text()).toContain('Grupėje nebėra laisvų vietų.');
    const wrongFunding = await register(q, groupId, { funding: 'ASMENINES_LESOS' });
    expect(wrongFunding.status).toBe(422);
    expect(await wrongFunding.text()).toContain('Pasirinkite vieną iš šios grupės finansavimo šaltinių.');
    expect(await registrationsOf(groupId)).toHaveLength(1);
  });

  it('refuses before the registration opens and after it closed', async () => {
    const upcoming = await publishedGroup(info({ registrationStart: addDays(today(), 2) }));
    const p = await participant();
    const early = await register(p, upcoming.groupId);
    expect(early.status).toBe(409);
    expect(await early.text()).toContain(`Registracija į grupę prasidės ${addDays(today(), 2)}.`);

    const closing = await publishedGroup(info(), deadlines(2, 600));
    await new Promise((r) => setTimeout(r, 3000));
    const late = await register(p, closing.groupId);
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('Registracija į šią mokymo grupę baigėsi.');
    expect(await registrationsOf(closing.groupId)).toHaveLength(0);
  });

  it('withdrawal frees the place; another participant’s registration is not found', async () => {
    const { groupId } = await publishedGroup(info({ minParticipants: '1', maxParticipants: '1' }));
    const p = await participant();
    const q = await participant();
    const key = crypto.randomUUID();
    expect((await register(p, groupId, {}, key)).status).toBe(303);
    expect((await register(q, groupId)).status).toBe(409);

    const foreign = await call(`/kursuok/registracijos/${key}/atsisakyti`, {
      as: q.session,
      body: { idempotencyKey: crypto.randomUUID() },
    });
    expect(foreign.status).toBe(404);
    const withdrawn = await call(`/kursuok/registracijos/${key}/atsisakyti`, {
      as: p.session,
      body: { idempotencyKey: crypto.randomUUID() },
    });
    expect(withdrawn.status).toBe(303);
    expect((await registrationsOf(groupId))[0]!.status).toBe('WITHDRAWN');
    expect(await (await call(`/kursuok/grupes/${groupId}`)).text()).toContain('1 iš 1');
    expect((await register(q, groupId)).status).toBe(303);
    // Withdrawing again changes nothing (the workflow answers as before).
    const again = await call(`/kursuok/registracijos/${key}/atsisakyti`, { as: p.session, body: { idempotencyKey: crypto.randomUUID() } });
    expect(again.status).toBe(303);
    expect((await registrationsOf(groupId)).map((r) => r.status)).toEqual(['WITHDRAWN', 'REGISTERED']);
  });

  it('a registration is not possible without a participant session, the CSRF token or an e-mail', async () => {
    const { groupId } = await publishedGroup(info());
    const p = await participant();
    const noToken = await stack.app.request(`${ORIGIN}/kursuok/grupes/${groupId}/registracija`, {
      method: 'POST',
      headers: { Cookie: p.session.cookie, Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ idempotencyKey: crypto.randomUUID(), funding: 'IMP_KREPSELIS' }),
    });
    expect(noToken.status).toBe(403);
    // An institution user's session is not a participant's.
    const staff = await sessionFor(stack.db, { personalCodeHash: fx.personalCodeHash, institutionId: fx.institutionId, userId: fx.userId });
    const asStaff = await call('/kursuok/registracijos', { as: staff });
    expect(asStaff.status).toBe(303);
    expect(asStaff.headers.get('location')).toBe('/kursuok/prisijungti');
    expect(
      (
        await call(`/kursuok/grupes/${groupId}/registracija`, {
          as: staff,
          body: { idempotencyKey: crypto.randomUUID(), funding: 'IMP_KREPSELIS' },
        })
      ).status,
    ).toBe(401);
    // A reviewer's person session is of another audience.
    const reviewer = await stack.db
      .insertInto('staff_members')
      .values({
        person_key: `v-${crypto.randomUUID()}`,
        role: 'VERTINTOJAS',
        first_name: 'Vida',
        last_name: 'Vertintoja',
        email: 'vida@example.lt',
      })
      .returning(['id', 'person_key'])
      .executeTakeFirstOrThrow();
    const asReviewer = await personSessionFor(stack.db, {
      audience: 'VERTINTOJAS',
      personKey: reviewer.person_key,
      staffMemberId: reviewer.id,
    });
    expect((await call('/kursuok/dokumentai', { as: asReviewer })).headers.get('location')).toBe('/kursuok/prisijungti');
    // Without an e-mail the profile comes first.
    const noEmail = await participant({ email: null });
    const res = await register(noEmail, groupId);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/kursuok/profilis');
    expect(await registrationsOf(groupId)).toHaveLength(0);
  });
});

describe('"Mano dokumentai" (PORTAL-4, DOC-4, DOC-6, DOC-12, GEN-12)', () => {
  it('shows what an IMP-basket registration still needs, stores a PDF with its review deadline and starts its review', async () => {
    const { groupId } = await publishedGroup(info());
    const p = await participant({ levels: ['SECONDARY'], employed: false });
    expect((await register(p, groupId)).status).toBe(303);
    const page = await (await call('/kursuok/dokumentai', { as: p.session })).text();
    expect(page).toContain('Išsilavinimą patvirtinantis dokumentas');
    expect(page).toContain('Užimtumą patvirtinantis dokumentas');
    expect(page).not.toContain('<option value="GYVENIMAS"');

    const key = crypto.randomUUID();
    // A path in the file's name is not stored (issue 11, item 2).
    const res = await upload(p, { name: '../../dokumentai/atestatas.pdf', bytes: PDF }, { idempotencyKey: key, kind: 'ISSILAVINIMAS' });
    expect(res.status).toBe(303);
    expect((await upload(p, { name: 'atestatas.pdf', bytes: PDF }, { idempotencyKey: key, kind: 'ISSILAVINIMAS' })).status).toBe(303);
    const docs = await stack.db.selectFrom('participant_documents').selectAll().where('participant_id', '=', p.id).execute();
    expect(docs).toHaveLength(1);
    expect(docs[0]).toMatchObject({
      id: key,
      kind: 'ISSILAVINIMAS',
      status: 'LAUKIA',
      content_type: 'application/pdf',
      size: PDF.byteLength,
      original_name: 'atestatas.pdf',
    });
    // Its review started at once, and is recorded as started (the review relay leaves it alone).
    expect(docs[0]!.review_started_at).not.toBeNull();
    expect(docs[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(docs[0]!.review_due_at.toISOString()).toBe(reviewDeadline(docs[0]!.uploaded_at).dueAt.toISOString());
    const described = await stack.client.workflow.getHandle(documentReviewWorkflowId(key)).describe();
    expect(described.type).toBe('documentReviewWorkflow');

    const after = await (await call('/kursuok/dokumentai', { as: p.session })).text();
    expect(after).toContain('Laukia vertinimo');
    // The end of the last working day, with the time left (issue 11 item 13).
    expect(after.replace(/<[^>]*>/g, '')).toMatch(
      new RegExp(`iki ${reviewDeadline(docs[0]!.uploaded_at).lastDay} 23:59 \\(liko \\d+ dien`),
    );
    // A second education document while the first awaits review is refused.
    const second = await upload(p, { name: 'kitas.pdf', bytes: PDF }, { kind: 'ISSILAVINIMAS' });
    expect(second.status).toBe(409);
    const mine = await (await call('/kursuok/registracijos', { as: p.session })).text();
    expect(mine).toContain('Išsilavinimas: Laukiama dokumento vertinimo');

    // The participant downloads their own document; another participant gets 404.
    const download = await call(`/kursuok/dokumentai/${key}`, { as: p.session });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    const q = await participant();
    expect((await call(`/kursuok/dokumentai/${key}`, { as: q.session })).status).toBe(404);
  });

  it('refuses a forged type, an oversize and an empty file with a Lithuanian message (422) and stores nothing', async () => {
    const p = await participant({ citizen: false });
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00]);
    const forged = await upload(p, { name: 'diplomas.pdf', bytes: exe }, { kind: 'GYVENIMAS' });
    expect(forged.status).toBe(422);
    expect(await forged.text()).toContain('Netinkamas failo formatas: galima įkelti tik PDF, JPEG arba PNG failą.');
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF.subarray(0, 5));
    const oversize = await upload(p, { name: 'didelis.pdf', bytes: big });
    expect(oversize.status).toBe(422);
    expect(await oversize.text()).toContain('Failas per didelis: leidžiama ne daugiau kaip 10 MB.');
    const empty = await upload(p, { name: 'tuscias.pdf', bytes: new Uint8Array(0) });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain('Failas tuščias');
    const none = await upload(p, null);
    expect(none.status).toBe(422);
    const citizenResidence = await upload(await participant(), { name: 'leidimas.pdf', bytes: PDF }, { kind: 'GYVENIMAS' });
    expect(citizenResidence.status).toBe(422);
    expect(await stack.db.selectFrom('participant_documents').select('id').where('participant_id', '=', p.id).execute()).toHaveLength(0);
  });

  it('refuses a file that starts like a PDF but does not open as one, and keeps a real PDF (GEN-12; issue 11, item 5)', async () => {
    const p = await participant({ citizen: false });
    const documents = () =>
      stack.db.selectFrom('participant_documents').select(['id', 'size']).where('participant_id', '=', p.id).execute();
    // An HTML page behind a PDF header: the magic bytes say PDF, the parser does not.
    const html = new TextEncoder().encode('%PDF-1.7\n<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n');
    const disguised = await upload(p, { name: 'leidimas.pdf', bytes: html }, { kind: 'GYVENIMAS' });
    expect(disguised.status).toBe(422);
    expect(await disguised.text()).toContain('Failas nėra tinkamas PDF dokumentas: įkelkite tikrą PDF, JPEG arba PNG failą.');
    const truncated = await upload(p, { name: 'leidimas.pdf', bytes: PDF.subarray(0, Math.floor(PDF.length / 2)) }, { kind: 'GYVENIMAS' });
    expect(truncated.status).toBe(422);
    expect(await truncated.text()).toContain('Failas nėra tinkamas PDF dokumentas: įkelkite tikrą PDF, JPEG arba PNG failą.');
    const locked = await upload(
      p,
      { name: 'leidimas.pdf', bytes: pdfBytes('Leidimas gyventi', { passwordProtected: true }) },
      { kind: 'GYVENIMAS' },
    );
    expect(locked.status).toBe(422);
    expect(await locked.text()).toContain('PDF failas apsaugotas slaptažodžiu: įkelkite failą be slaptažodžio.');
    expect(await documents()).toHaveLength(0);

    const real = pdfBytes('Leidimas gyventi');
    expect((await upload(p, { name: 'leidimas.pdf', bytes: real }, { kind: 'GYVENIMAS' })).status).toBe(303);
    expect(await documents()).toEqual([{ id: expect.any(String), size: real.byteLength }]);
  });
});
