// Tab "Tvarkaraštis" over the real path: HTTP → Hono → Postgres (and the group workflow for status
// changes, the e-mail delivery workflow for N18) → HTML (§3.7.2, SCHED-*, GRP-40, GEN-5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../db/queries/audit.ts';
import { findGroup } from '../../db/queries/training-groups.ts';
import { addDays } from '../../workflows/domain/calendar.ts';
import { createInstitution, fullSchedule, groupForm, type InstitutionFixture } from '../support/fixtures.ts';
import { mailpit, mailpitQuery } from '../support/mailpit.ts';
import { appCaller, type FormBody } from '../support/http.ts';
import { adminSession, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

let stack: TestStack;
let call: ReturnType<typeof appCaller>;
let a: InstitutionFixture;
let b: InstitutionFixture;
const sessions = new Map<InstitutionFixture, TestSession>();
/** A's lecturers: two active, one not; B's one. */
let active1: string;
let active2: string;
let inactive: string;
let bLecturer: string;

/** As the institution's administrator; `csrf: false` sends the form without the session's token. */
function request(path: string, opts: { as: InstitutionFixture; body?: FormBody; htmx?: boolean; csrf?: boolean }) {
  const session = sessions.get(opts.as)!;
  const { body, htmx } = opts;
  return call(path, { as: opts.csrf === false ? { ...session, csrf: '' } : session, ...(body ? { body } : {}), ...(htmx ? { htmx } : {}) });
}

interface Group {
  id: string;
  start: string;
  end: string;
  /** An active lecturer of its own, so that groups on the same dates do not double-book one. */
  lecturerId: string;
}

async function newGroup(f: InstitutionFixture, name: string, offset = 0): Promise<Group> {
  const id = crypto.randomUUID();
  const values = groupForm(f.venueId, { name });
  const start = addDays(values.programmeStart as string, offset);
  const end = addDays(values.programmeEnd as string, offset);
  const res = await request(`/programos/${f.programmeId}/grupes`, {
    as: f,
    body: {
      ...values,
      registrationStart: addDays(values.registrationStart as string, offset),
      registrationEnd: addDays(values.registrationEnd as string, offset),
      programmeStart: start,
      programmeEnd: end,
      idempotencyKey: id,
    },
  });
  expect(res.status).toBe(303);
  return { id, start, end, lecturerId: await lecturer(f, `L${id.slice(0, 8)}`) };
}

async function lecturer(f: InstitutionFixture, lastName: string, active = true): Promise<string> {
  const row = await stack.db
    .insertInto('lecturers')
    .values({
      institution_id: f.institutionId,
      first_name: 'Jonas',
      last_name: lastName,
      email: `${lastName.toLowerCase()}@example.lt`,
      active,
      requirements: ['KVALIFIKACIJA'],
      publish_consent: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A valid contact session form on the given days. */
function sessionBody(g: Group, dates: string[], over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    dates,
    startTime: '18:00',
    durationMinutes: '180',
    mode: 'KONTAKTINIS',
    venueId: a.venueId,
    auditorium: '101',
    lecturerId: g.lecturerId,
    additionalInfo: '',
    idempotencyKey: crypto.randomUUID(),
    ...over,
  };
}

async function sessionRows(groupId: string) {
  return stack.db
    .selectFrom('group_sessions')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('session_date')
    .orderBy('start_time')
    .execute();
}

beforeAll(async () => {
  stack = await startStack('schedule');
  call = appCaller(stack.app);
  a = await createInstitution(stack.db, 'Institucija A');
  b = await createInstitution(stack.db, 'Institucija B');
  sessions.set(a, await adminSession(stack.db, a));
  sessions.set(b, await adminSession(stack.db, b));
  active1 = await lecturer(a, `Aktyvus${a.programmeCode.slice(-6)}`);
  active2 = await lecturer(a, `Antras${a.programmeCode.slice(-6)}`);
  inactive = await lecturer(a, `Neaktyvus${a.programmeCode.slice(-6)}`, false);
  bLecturer = await lecturer(b, `Svetimas${b.programmeCode.slice(-6)}`);
});

afterAll(async () => {
  await stack?.stop();
});

describe('the tab (SCHED-1, SCHED-2, SCHED-17, SCHED-18)', () => {
  it('shows the counter with the warning, "Pridėti", and the tab as current', async () => {
    const g = await newGroup(a, 'Tuščias tvarkaraštis');
    const res = await request(`/grupes/${g.id}/tvarkarastis`, { as: a });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain(`<a href="/grupes/${g.id}/tvarkarastis" aria-current="page">Tvarkaraštis</a>`);
    expect(html).toContain('Suplanuota kontaktinio darbo valandų / Programoje numatyta kontaktinio darbo valandų');
    expect(html).toMatch(/<strong data-state="short">0,00 \/ 40,00<\/strong>/);
    expect(html).toContain('Tvarkaraštyje būtina suplanuoti visas mokymosi programoje numatytas kontaktinio darbo valandas');
    expect(html).toContain('>Pridėti</a>');
    // The group's other tabs link here too.
    expect(await (await request(`/grupes/${g.id}?kortele=informacija`, { as: a })).text()).toContain(`href="/grupes/${g.id}/tvarkarastis"`);
  });

  it('"Pridėti" opens the form: a day calendar of the programme period, both modes (programme mode unknown), active lecturers only', async () => {
    const g = await newGroup(a, 'Forma');
    const html = await (await request(`/grupes/${g.id}/tvarkarastis/naujas`, { as: a, htmx: true })).text();
    expect(html).toContain(`value="${g.start}" aria-label="${g.start}"`);
    expect(html).toContain(`value="${g.end}" aria-label="${g.end}"`);
    expect(html).not.toContain(`aria-label="${addDays(g.end, 1)}"`);
    expect(html).toMatch(/<input type="radio" name="mode" value="KONTAKTINIS" checked=""\/?>/);
    expect(html).toContain('Programos mokymo būdas nenurodytas');
    expect(html).toContain(active1);
    expect(html).not.toContain(inactive);
    expect(html).toContain('Įtraukti naują užsiėmimą');
  });
});

describe('adding sessions (SCHED-3..SCHED-15)', () => {
  it('creates one session per chosen day, with audit rows, and refreshes the counter (SCHED-4, HX-Trigger)', async () => {
    const g = await newGroup(a, 'Kelios dienos');
    const days = [g.start, addDays(g.start, 2), addDays(g.start, 4)];
    const res = await request(`/grupes/${g.id}/tvarkarastis`, { as: a, htmx: true, body: sessionBody(g, days) });
    expect(res.status).toBe(200);
    expect(res.headers.get('HX-Trigger')).toBe('tvarkarastis-pakeistas');
    const html = await res.text();
    expect(html).toContain('Užsiėmimai įtraukti į tvarkaraštį.');
    expect(html).toContain('180 min. (4,00 akad. val.)');
    expect(html).toContain('Mokymus pradėjo');
    expect(html).toContain('Mokymus baigė');
    const rows = await sessionRows(g.id);
    expect(rows.map((r) => [r.session_date, r.start_time, r.duration_minutes, r.lecturer_id, r.auditorium])).toEqual(
      days.map((d) => [d, '18:00:00', 180, g.lecturerId, '101']),
    );
    for (const r of rows) expect((await auditTrail(stack.db, 'group_session', r.id)).map((x) => x.action)).toEqual(['create']);
    const counter = await (await request(`/grupes/${g.id}/tvarkarastis/skaitiklis`, { as: a, htmx: true })).text();
    expect(counter).toMatch(/12,00 \/ 40,00/);
    expect(counter).toContain('trūksta 28,00 akad. val. (1260 min.)');
  });

  it('without JavaScript answers 303 to the tab with a notice', async () => {
    const g = await newGroup(a, 'Be JS');
    const res = await request(`/grupes/${g.id}/tvarkarastis`, { as: a, body: sessionBody(g, [g.start]) });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/grupes/${g.id}/tvarkarastis?pranesimas=itraukta`);
    expect(await (await request(res.headers.get('location')!, { as: a })).text()).toContain('Užsiėmimai įtraukti į tvarkaraštį.');
  });

  it('creates once when the same form is sent twice, even at the same time', async () => {
    const g = await newGroup(a, 'Dvigubas');
    const body = sessionBody(g, [g.start, addDays(g.start, 1)]);
    const [first, second] = await Promise.all([
      request(`/grupes/${g.id}/tvarkarastis`, { as: a, htmx: true, body }),
      request(`/grupes/${g.id}/tvarkarastis`, { as: a, htmx: true, body }),
    ]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const third = await request(`/grupes/${g.id}/tvarkarastis`, { as: a, htmx: true, body });
    expect(third.status).toBe(200);
    expect(await sessionRows(g.id)).toHaveLength(2);
  });

  const refusals: [string, (g: Group) => Record<string, string | string[]>, string, string][] = [
    [
      'a day outside the programme period (SCHED-23)',
      (g) => sessionBody(g, [addDays(g.end, 1)]),
      'dates',
      'Užsiėmimo diena turi būti mokymosi programos vykdymo laikotarpiu',
    ],
    [
      'a remote session with an http link (SCHED-25)',
      (g) => sessionBody(g, [g.start], { mode: 'NUOTOLINIS_SINCHRONINIS', venueId: '', link: 'http://meet.example.lt/x' }),
      'link',
      'prasidedanti https://',
    ],
    [
      'a remote session without a link (SCHED-25)',
      (g) => sessionBody(g, [g.start], { mode: 'NUOTOLINIS_SINCHRONINIS', venueId: '' }),
      'link',
      'būtina nurodyti prisijungimo nuorodą',
    ],
    [
      'a contact session without a venue (SCHED-25)',
      (g) => sessionBody(g, [g.start], { venueId: '' }),
      'venueId',
      'Kontaktiniam užsiėmimui pasirinkite mokymo vietą',
    ],
    [
      'an inactive lecturer (SCHED-13)',
      (g) => sessionBody(g, [g.start], { lecturerId: inactive }),
      'lecturerId',
      'pažymėtą „Aktyvus lektorius“',
    ],
    [
      'another institution’s lecturer',
      (g) => sessionBody(g, [g.start], { lecturerId: bLecturer }),
      'lecturerId',
      'pažymėtą „Aktyvus lektorius“',
    ],
    [
      'a session past midnight (SCHED-7)',
      (g) => sessionBody(g, [g.start], { startTime: '23:00', durationMinutes: '90' }),
      'durationMinutes',
      'iki 24:00',
    ],
  ];
  for (const [what, body, field, message] of refusals) {
    it(`refuses ${what} with 422, keeping what was typed`, async () => {
      const g = await newGroup(a, `Atmesta ${field}`);
      const sent = body(g);
      const res = await request(`/grupes/${g.id}/tvarkarastis`, {
        as: a,
        htmx: true,
        body: { ...sent, additionalInfo: 'Atsineškite nešiojamąjį kompiuterį' },
      });
      expect(res.status).toBe(422);
      const html = await res.text();
      expect(html).toContain(`id="e-${field}"`);
      expect(html).toContain(message);
      expect(html).toContain('Atsineškite nešiojamąjį kompiuterį');
      expect(html).toContain(`name="idempotencyKey" value="${sent.idempotencyKey as string}"`);
      expect(await sessionRows(g.id)).toHaveLength(0);
    });
  }

  it('refuses overlapping sessions of one group, but allows back-to-back ones (SCHED-7, SCHED-26)', async () => {
    const g = await newGroup(a, 'Persidengimas');
    expect(
      (
        await request(`/grupes/${g.id}/tvarkarastis`, {
          as: a,
          htmx: true,
          body: sessionBody(g, [g.start], { startTime: '09:00', durationMinutes: '90' }),
        })
      ).status,
    ).toBe(200);
    const overlap = await request(`/grupes/${g.id}/tvarkarastis`, {
      as: a,
      htmx: true,
      body: sessionBody(g, [g.start], { startTime: '10:00', durationMinutes: '90', lecturerId: active2 }),
    });
    expect(overlap.status).toBe(422);
    expect(await overlap.text()).toContain(
      `Šios grupės užsiėmimai negali persidengti: ${g.start} 09:00–10:30 jau suplanuotas kitas užsiėmimas.`,
    );
    const afterBreak = await request(`/grupes/${g.id}/tvarkarastis`, {
      as: a,
      htmx: true,
      body: sessionBody(g, [g.start], { startTime: '10:45', durationMinutes: '90' }),
    });
    expect(afterBreak.status).toBe(200);
    expect(await sessionRows(g.id)).toHaveLength(2);
  });

  it('refuses a lecturer booked at the same time in another group of the institution (SCHED-26)', async () => {
    const g1 = await newGroup(a, 'Lektoriaus grupė 1', 100);
    const g2 = await newGroup(a, 'Lektoriaus grupė 2', 100);
    expect(
      (await request(`/grupes/${g1.id}/tvarkarastis`, { as: a, htmx: true, body: sessionBody(g1, [g1.start], { lecturerId: active2 }) }))
        .status,
    ).toBe(200);
    const busy = await request(`/grupes/${g2.id}/tvarkarastis`, {
      as: a,
      htmx: true,
      body: sessionBody(g2, [g2.start], { startTime: '20:00', durationMinutes: '60', lecturerId: active2 }),
    });
    expect(busy.status).toBe(422);
    expect(await busy.text()).toContain(`Lektorius tuo metu jau veda užsiėmimą grupėje „Lektoriaus grupė 1“ (${g1.start} 18:00–21:00).`);
    expect(await sessionRows(g2.id)).toHaveLength(0);
  });

  it('lets only one of two concurrent requests book a lecturer at one time (exclusion constraint)', async () => {
    const l = await lecturer(a, `Lenktynės${a.programmeCode.slice(-6)}`);
    const g1 = await newGroup(a, 'Lenktynės 1', 200);
    const g2 = await newGroup(a, 'Lenktynės 2', 200);
    const results = await Promise.all(
      [g1, g2].map((g) =>
        request(`/grupes/${g.id}/tvarkarastis`, { as: a, htmx: true, body: sessionBody(g, [g.start], { lecturerId: l }) }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    const booked = await stack.db.selectFrom('group_sessions').select('id').where('lecturer_id', '=', l).execute();
    expect(booked).toHaveLength(1);
  });

  it('releases the lecturer of a group that is "Nevykdoma" (SCHED-26)', async () => {
    const g1 = await newGroup(a, 'Nevykdoma 1', 300);
    const g2 = await newGroup(a, 'Nevykdoma 2', 300);
    const l = await lecturer(a, `Atlaisvintas${a.programmeCode.slice(-6)}`);
    await fullSchedule(stack.db, { institutionId: a.institutionId, groupId: g1.id, venueId: a.venueId, lecturerId: l });
    for (const to of ['Skelbiama', 'Nevykdoma']) {
      expect((await request(`/grupes/${g1.id}/busena`, { as: a, htmx: true, body: { to, statusKey: crypto.randomUUID() } })).status).toBe(
        200,
      );
    }
    const res = await request(`/grupes/${g2.id}/tvarkarastis`, { as: a, htmx: true, body: sessionBody(g2, [g2.start], { lecturerId: l }) });
    expect(res.status).toBe(200);
  });
});

describe('editing, copying, deleting (SCHED-19..SCHED-21)', () => {
  it('edits a session, copies it to other days and deletes one after confirmation; the counter follows', async () => {
    const g = await newGroup(a, 'Redagavimas');
    await request(`/grupes/${g.id}/tvarkarastis`, { as: a, htmx: true, body: sessionBody(g, [g.start]) });
    const [created] = await sessionRows(g.id);
    // Redaguoti: the form shows the stored values.
    const editForm = await (await request(`/grupes/${g.id}/tvarkarastis/${created!.id}/redaguoti`, { as: a, htmx: true })).text();
    expect(editForm).toContain(`name="date" value="${g.start}"`);
    expect(editForm).toContain('value="180"');
    const edited = await request(`/grupes/${g.id}/tvarkarastis/${created!.id}`, {
      as: a,
      htmx: true,
      body: {
        date: addDays(g.start, 1),
        startTime: '17:30',
        durationMinutes: '135',
        mode: 'KONTAKTINIS',
        venueId: a.venueId,
        auditorium: '202',
        lecturerId: active1,
        additionalInfo: 'Pakeista',
        idempotencyKey: crypto.randomUUID(),
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.headers.get('HX-Trigger')).toBe('tvarkarastis-pakeistas');
    expect(await edited.text()).toContain('Užsiėmimas pakeistas.');
    expect(await sessionRows(g.id)).toMatchObject([
      {
        id: created!.id,
        session_date: addDays(g.start, 1),
        start_time: '17:30:00',
        duration_minutes: 135,
        auditorium: '202',
        additional_info: 'Pakeista',
      },
    ]);
    const audit = await auditTrail(stack.db, 'group_session', created!.id);
    expect(audit.map((r) => r.action)).toEqual(['create', 'update']);
    expect(audit[1]!.changes).toMatchObject({
      date: { before: g.start, after: addDays(g.start, 1) },
      startTime: { before: '18:00', after: '17:30' },
    });

    // Kopijuoti: the same fields on two other days.
    const copyDays = [addDays(g.start, 3), addDays(g.start, 5)];
    const copied = await request(`/grupes/${g.id}/tvarkarastis/${created!.id}/kopija`, {
      as: a,
      htmx: true,
      body: { dates: copyDays, idempotencyKey: crypto.randomUUID() },
    });
    expect(copied.status).toBe(200);
    const rows = await sessionRows(g.id);
    expect(rows.map((r) => [r.session_date, r.start_time, r.duration_minutes, r.auditorium, r.additional_info])).toEqual(
      [addDays(g.start, 1), ...copyDays].map((d) => [d, '17:30:00', 135, '202', 'Pakeista']),
    );
    expect((await auditTrail(stack.db, 'group_session', rows[1]!.id))[0]!.changes).toMatchObject({
      copiedFrom: { before: null, after: created!.id },
    });
    // A copy onto its own day overlaps itself.
    const onto = await request(`/grupes/${g.id}/tvarkarastis/${created!.id}/kopija`, {
      as: a,
      htmx: true,
      body: { dates: [addDays(g.start, 1)], idempotencyKey: crypto.randomUUID() },
    });
    expect(onto.status).toBe(422);
    expect(await onto.text()).toContain('negali persidengti');

    // Trinti: a confirmation first, then the deletion; a second send of the same form changes nothing.
    const confirm = await (await request(`/grupes/${g.id}/tvarkarastis/${rows[2]!.id}/trinti`, { as: a })).text();
    expect(confirm).toContain('Ar tikrai norite ištrinti užsiėmimą');
    const key = /name="idempotencyKey" value="([0-9a-f-]{36})"/.exec(confirm)![1]!;
    const deleted = await request(`/grupes/${g.id}/tvarkarastis/${rows[2]!.id}/trynimas`, {
      as: a,
      htmx: true,
      body: { idempotencyKey: key },
    });
    expect(deleted.status).toBe(200);
    expect(await deleted.text()).toContain('Užsiėmimas ištrintas.');
    const again = await request(`/grupes/${g.id}/tvarkarastis/${rows[2]!.id}/trynimas`, {
      as: a,
      htmx: true,
      body: { idempotencyKey: key },
    });
    expect(again.status).toBe(200);
    expect((await auditTrail(stack.db, 'group_session', rows[2]!.id)).map((r) => r.action)).toEqual(['create', 'delete']);
    expect(await sessionRows(g.id)).toHaveLength(2);
    const counter = await (await request(`/grupes/${g.id}/tvarkarastis/skaitiklis`, { as: a, htmx: true })).text();
    expect(counter).toMatch(/6,00 \/ 40,00/); // 2 × 135 min = 270 min = 6 academic hours
  });
});

describe('statuses, publishing and participants (SCHED-16, SCHED-27, GRP-40, N18)', () => {
  it('blocks publishing until every contact hour is planned, naming the missing hours', async () => {
    const g = await newGroup(a, 'Publikavimas');
    await request(`/grupes/${g.id}/tvarkarastis`, {
      as: a,
      htmx: true,
      body: sessionBody(g, [g.start], { lecturerId: await lecturer(a, `Publ${a.programmeCode.slice(-6)}`) }),
    });
    const page = await (await request(`/grupes/${g.id}?kortele=informacija`, { as: a })).text();
    expect(page).toContain('trūksta 36,00 akad. val. (1620 min.)');
    const refused = await request(`/grupes/${g.id}/busena`, {
      as: a,
      htmx: true,
      body: { to: 'Skelbiama', statusKey: crypto.randomUUID() },
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain(
      'Kortelė „Tvarkaraštis“. Tvarkaraštyje būtina suplanuoti visas mokymosi programoje numatytas kontaktinio darbo valandas: suplanuota 4,00 iš 40,00, trūksta 36,00 akad. val. (1620 min.).',
    );
    expect((await findGroup(stack.db, a.institutionId, g.id))?.status).toBe('Kuriama');
    await stack.db.deleteFrom('group_sessions').where('group_id', '=', g.id).execute();
    await fullSchedule(stack.db, { institutionId: a.institutionId, groupId: g.id, venueId: a.venueId });
    const published = await request(`/grupes/${g.id}/busena`, {
      as: a,
      htmx: true,
      body: { to: 'Skelbiama', statusKey: crypto.randomUUID() },
    });
    expect(published.status).toBe(200);
    expect((await findGroup(stack.db, a.institutionId, g.id))?.status).toBe('Skelbiama');
  });

  it('e-mails the registered participants of a published group about a change (SCHED-27, N18), not the withdrawn ones', async () => {
    const g = await newGroup(a, 'Paskelbta grupė');
    await fullSchedule(stack.db, { institutionId: a.institutionId, groupId: g.id, venueId: a.venueId });
    expect(
      (await request(`/grupes/${g.id}/busena`, { as: a, htmx: true, body: { to: 'Skelbiama', statusKey: crypto.randomUUID() } })).status,
    ).toBe(200);
    const tag = crypto.randomUUID().slice(0, 8);
    const registered = `dalyvis.${tag}@example.lt`;
    const withdrawn = `atsisake.${tag}@example.lt`;
    for (const [email, status] of [
      [registered, 'REGISTERED'],
      [withdrawn, 'WITHDRAWN'],
    ] as const) {
      await stack.db
        .insertInto('group_registrations')
        .values({
          id: crypto.randomUUID(),
          group_id: g.id,
          institution_id: a.institutionId,
          person_key: `p-${email}`,
          first_name: 'Ieva',
          last_name: 'Dalyvė',
          email,
          funding: 'IMP_KREPSELIS',
          status,
        })
        .execute();
    }
    const page = await (await request(`/grupes/${g.id}/tvarkarastis`, { as: a })).text();
    expect(page).toContain('apie kiekvieną tvarkaraščio pakeitimą užsiregistravusiems asmenims pranešama el. paštu');
    const extraDay = addDays(g.end, 0);
    const res = await request(`/grupes/${g.id}/tvarkarastis`, {
      as: a,
      htmx: true,
      body: sessionBody(g, [extraDay], { startTime: '09:00', durationMinutes: '45', lecturerId: await lecturer(a, `Papild${tag}`) }),
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Užsiregistravusiems asmenims bus išsiųstas pranešimas apie tvarkaraščio pakeitimą.');
    const queued = await stack.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('entity_id', '=', g.id)
      .where('kind', '=', 'SCHEDULE_CHANGED')
      .execute();
    expect(queued.map((m) => m.to_address)).toEqual([registered]);
    expect(queued[0]!.text_body).toContain(
      `Naujas užsiėmimas: ${extraDay} 09:00–09:45 (Kontaktinis; Auditorija 101, Gedimino pr. 1, Vilnius, aud. 101;`,
    );
    const mail = await mailpit.waitForMessage((m) => m.To.some((t) => t.Address === registered), 20_000, mailpitQuery({ to: registered }));
    expect(mail.Subject).toBe('Pasikeitė mokymo grupės „Paskelbta grupė“ tvarkaraštis');
    // Counter now over the programme's hours: the warning says so.
    expect(await (await request(`/grupes/${g.id}/tvarkarastis/skaitiklis`, { as: a, htmx: true })).text()).toContain(
      '1,00 akad. val. (45 min.) per daug',
    );
  });

  it('is read-only (409) in "Sustabdyta": no form, no change', async () => {
    const g = await newGroup(a, 'Sustabdyta');
    await request(`/grupes/${g.id}/tvarkarastis`, {
      as: a,
      htmx: true,
      body: sessionBody(g, [g.start], { lecturerId: await lecturer(a, `Sust${a.programmeCode.slice(-6)}`) }),
    });
    const [s] = await sessionRows(g.id);
    const suspended = await request(`/grupes/${g.id}/busena`, {
      as: a,
      htmx: true,
      body: { to: 'Sustabdyta', statusKey: crypto.randomUUID(), priezastis: 'Lektoriaus liga' },
    });
    expect(suspended.status).toBe(200);
    const page = await (await request(`/grupes/${g.id}/tvarkarastis`, { as: a })).text();
    expect(page).toContain('Tvarkaraščio keisti negalima, kai grupės būsena yra „Sustabdyta“.');
    expect(page).not.toContain('>Pridėti</a>');
    expect(page).not.toContain('>Redaguoti</a>');
    const attempts: [string, Record<string, string | string[]>][] = [
      [`/grupes/${g.id}/tvarkarastis`, sessionBody(g, [addDays(g.start, 1)])],
      [`/grupes/${g.id}/tvarkarastis/${s!.id}`, { ...sessionBody(g, []), date: g.start, startTime: '08:00' }],
      [`/grupes/${g.id}/tvarkarastis/${s!.id}/kopija`, { dates: [addDays(g.start, 2)], idempotencyKey: crypto.randomUUID() }],
      [`/grupes/${g.id}/tvarkarastis/${s!.id}/trynimas`, { idempotencyKey: crypto.randomUUID() }],
    ];
    for (const [path, body] of attempts) {
      const res = await request(path, { as: a, htmx: true, body });
      expect(res.status, path).toBe(409);
      expect(await res.text()).toContain('Tvarkaraščio keisti negalima');
    }
    expect((await request(`/grupes/${g.id}/tvarkarastis/naujas`, { as: a })).status).toBe(409);
    expect(await sessionRows(g.id)).toMatchObject([{ id: s!.id, start_time: '18:00:00' }]);
  });
});

describe('access (GEN-5) and CSRF', () => {
  it('answers 404 for another institution’s group or session and for another group’s session, changing nothing', async () => {
    const mine = await newGroup(a, 'Mano');
    const other = await newGroup(a, 'Kita mano');
    const theirs = await newGroup(b, 'Svetima');
    await fullSchedule(stack.db, { institutionId: b.institutionId, groupId: theirs.id, venueId: b.venueId, lecturerId: bLecturer });
    await request(`/grupes/${other.id}/tvarkarastis`, {
      as: a,
      htmx: true,
      body: sessionBody(other, [other.start], { lecturerId: await lecturer(a, `Kita${a.programmeCode.slice(-6)}`) }),
    });
    const [theirSession] = await sessionRows(theirs.id);
    const [otherSession] = await sessionRows(other.id);
    const before = JSON.stringify(await sessionRows(theirs.id));
    for (const path of [
      `/grupes/${theirs.id}/tvarkarastis`,
      `/grupes/${theirs.id}/tvarkarastis/naujas`,
      `/grupes/${theirs.id}/tvarkarastis/${theirSession!.id}/redaguoti`,
    ]) {
      const res = await request(path, { as: a });
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('Svetima');
    }
    expect(
      (await request(`/grupes/${theirs.id}/tvarkarastis`, { as: a, htmx: true, body: sessionBody(theirs, [theirs.start]) })).status,
    ).toBe(404);
    expect(
      (
        await request(`/grupes/${theirs.id}/tvarkarastis/${theirSession!.id}/trynimas`, {
          as: a,
          htmx: true,
          body: { idempotencyKey: crypto.randomUUID() },
        })
      ).status,
    ).toBe(404);
    // A's own group with B's session, and with A's session of another group.
    expect(
      (
        await request(`/grupes/${mine.id}/tvarkarastis/${theirSession!.id}/trynimas`, {
          as: a,
          htmx: true,
          body: { idempotencyKey: crypto.randomUUID() },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await request(`/grupes/${mine.id}/tvarkarastis/${otherSession!.id}/kopija`, {
          as: a,
          htmx: true,
          body: { dates: [mine.start], idempotencyKey: crypto.randomUUID() },
        })
      ).status,
    ).toBe(404);
    expect((await request(`/grupes/${mine.id}/tvarkarastis/${otherSession!.id}/redaguoti`, { as: a })).status).toBe(404);
    expect(JSON.stringify(await sessionRows(theirs.id))).toBe(before);
    expect(await sessionRows(other.id)).toHaveLength(1);
    expect(await sessionRows(mine.id)).toHaveLength(0);
  });

  it('refuses a change without the session’s CSRF token (403)', async () => {
    const g = await newGroup(a, 'CSRF');
    const res = await request(`/grupes/${g.id}/tvarkarastis`, { as: a, htmx: true, csrf: false, body: sessionBody(g, [g.start]) });
    expect(res.status).toBe(403);
    expect(await sessionRows(g.id)).toHaveLength(0);
  });
});
