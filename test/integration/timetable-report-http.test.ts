// "Ataskaita. Tvarkaraščių informacija" over the real path: HTTP → Hono → Postgres → HTML (manual §3.10;
// REP-1..REP-4, REP-8, OQ-45): the rows with programme, group, status, rule and sessions linking to
// "Tvarkaraštis"; only the institution's own groups (and its own lecturers' sessions); the access
// matrix and the menu; a timetable fixed in its tab leaves the report at once; the operator's rules
// (scripts/timetable-rules.ts) switch a rule off and change its parameters; the criteria and the export source.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportCriteriaError } from '../../db/exports/types.ts';
import { timetableReportExport } from '../../db/queries/timetable-report.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { TimetableRuleCode as Code } from '../../workflows/domain/timetable-rules.ts';
import { runTimetableRulesCommand, UsageError } from '../../scripts/timetable-rules.ts';
import { createInstitution, fullSchedule, type InstitutionFixture } from '../support/fixtures.ts';
import { insertGroupRows } from '../support/group-rows.ts';
import { appCaller } from '../support/http.ts';
import { postExport } from '../support/report-rows.ts';
import { adminSession, sessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const REPORT = '/ataskaitos/tvarkarasciai';
/** A Monday; the 40 h programme's full timetable (180 min a day) runs 2027-04-05..2027-04-14, no holiday in it. */
const START = '2027-04-05';

let stack: TestStack;
let call: ReturnType<typeof appCaller>;
let a: InstitutionFixture;
let b: InstitutionFixture;
let asAdmin: TestSession;
let asB: TestSession;
const ids: Record<string, string> = {};
const tag = crypto.randomUUID().slice(0, 6);

async function lecturer(f: InstitutionFixture, firstName: string, lastName: string, email: string, active = true): Promise<string> {
  const row = await stack.db
    .insertInto('lecturers')
    .values({
      institution_id: f.institutionId,
      first_name: firstName,
      last_name: lastName,
      email,
      active,
      requirements: ['KVALIFIKACIJA'],
      publish_consent: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function group(f: InstitutionFixture, name: string, status: GroupStatus): Promise<string> {
  const [id] = await insertGroupRows(stack.db, {
    institutionId: f.institutionId,
    programmeId: f.programmeId,
    venueId: f.venueId,
    count: 1,
    name: () => name,
    status: () => status,
    firstStart: START,
  });
  return id!;
}

async function session(
  f: InstitutionFixture,
  groupId: string,
  date: string,
  startTime: string,
  minutes: number,
  lecturerId: string,
): Promise<string> {
  const row = await stack.db
    .insertInto('group_sessions')
    .values({
      institution_id: f.institutionId,
      group_id: groupId,
      session_date: date,
      start_time: startTime,
      duration_minutes: minutes,
      mode: 'KONTAKTINIS',
      venue_id: f.venueId,
      lecturer_id: lecturerId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The report's rows as (group id, rule) pairs, and the page. */
async function report(
  as: TestSession,
  query = '',
): Promise<{ status: number; html: string; rows: { group: string; rule: string; text: string }[] }> {
  const res = await call(`${REPORT}${query ? `?${query}` : ''}`, { as });
  const html = await res.text();
  const rows = [...html.matchAll(/<tr data-group="([^"]+)" data-rule="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => ({
    group: m[1]!,
    rule: m[2]!,
    text: m[3]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '),
  }));
  return { status: res.status, html, rows };
}

const rulesOf = (rows: { group: string; rule: string }[], groupId: string) =>
  rows
    .filter((r) => r.group === groupId)
    .map((r) => r.rule)
    .sort();

beforeAll(async () => {
  stack = await startStack('timetable-report');
  call = appCaller(stack.app);
  a = await createInstitution(stack.db, 'Tvarkaraščių A');
  b = await createInstitution(stack.db, 'Tvarkaraščių B');
  asAdmin = await adminSession(stack.db, a);
  asB = await adminSession(stack.db, b);

  // A timetable that is right: no row.
  ids.ok = await group(a, `Tvarkinga ${tag}`, GroupStatus.Published);
  await fullSchedule(stack.db, { institutionId: a.institutionId, groupId: ids.ok, venueId: a.venueId });

  // A full timetable with its last day moved onto 1 May (Tarptautinė darbo diena), inside the delivery period.
  ids.holiday = await group(a, `Šventinė ${tag}`, GroupStatus.Draft);
  ids.holidayLecturer = await lecturer(a, 'Rasa', `Šventinė${tag}`, `rasa.${tag}@example.lt`);
  await fullSchedule(stack.db, {
    institutionId: a.institutionId,
    groupId: ids.holiday,
    venueId: a.venueId,
    lecturerId: ids.holidayLecturer,
  });
  const last = await stack.db
    .updateTable('group_sessions')
    .set({ session_date: '2027-05-01' })
    .where('group_id', '=', ids.holiday)
    .where('session_date', '=', '2027-04-14')
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.holidaySession = last.id;

  // One person entered twice in "Lektorių sąrašas" (the same e-mail), teaching two groups at once: the
  // exclusion constraint sees two lecturers and lets it be.
  ids.lina = await lecturer(a, 'Lina', `Dviguba${tag}`, `lina.${tag}@example.lt`);
  ids.linaAgain = await lecturer(a, 'Lina', `Dviguba${tag}`, ` LINA.${tag}@EXAMPLE.LT`);
  ids.delivered = await group(a, `Vykdoma ${tag}`, GroupStatus.InDelivery);
  await fullSchedule(stack.db, { institutionId: a.institutionId, groupId: ids.delivered, venueId: a.venueId, lecturerId: ids.linaAgain });
  ids.short = await group(a, `Trumpa ${tag}`, GroupStatus.Published);
  await session(a, ids.short, START, '17:00', 120, ids.lina);

  // An inactive lecturer's session, in a group whose timetable is otherwise short.
  ids.inactiveGroup = await group(a, `Neaktyvaus ${tag}`, GroupStatus.Draft);
  await session(
    a,
    ids.inactiveGroup,
    '2027-04-06',
    '09:00',
    90,
    await lecturer(a, 'Petras', `Neaktyvus${tag}`, `petras.${tag}@example.lt`, false),
  );

  // Not checked: "Nevykdoma" (its timetable is read-only), even with a holiday session.
  ids.cancelled = await group(a, `Nevykdoma ${tag}`, GroupStatus.NotDelivered);
  await session(a, ids.cancelled, '2027-05-01', '09:00', 90, ids.holidayLecturer);

  // Institution B: a broken timetable of its own, with a lecturer who has A's Lina's e-mail at the same time.
  ids.b = await group(b, `B slapta ${tag}`, GroupStatus.Draft);
  await session(b, ids.b, START, '18:30', 90, await lecturer(b, 'Lina', 'Svetima', `lina.${tag}@example.lt`));
});

afterAll(async () => {
  await stack?.stop();
});

describe('the report (REP-2, REP-4)', () => {
  it('lists each broken rule of each checked group, with programme, status, sessions and the link to "Tvarkaraštis"', async () => {
    const { status, html, rows } = await report(asAdmin);
    expect(status).toBe(200);
    expect(html).toContain('<h1>Ataskaita. Tvarkaraščių informacija</h1>');
    expect(rulesOf(rows, ids.ok!)).toEqual([]);
    expect(rulesOf(rows, ids.holiday!)).toEqual([Code.PublicHoliday]);
    expect(rulesOf(rows, ids.delivered!)).toEqual([Code.LecturerTwoPlaces]);
    expect(rulesOf(rows, ids.short!)).toEqual([Code.ContactHours, Code.LecturerTwoPlaces].sort());
    expect(rulesOf(rows, ids.inactiveGroup!)).toEqual([Code.ContactHours, Code.LecturerMissingOrInactive].sort());
    expect(rulesOf(rows, ids.cancelled!)).toEqual([]);

    const holiday = rows.find((r) => r.group === ids.holiday)!;
    expect(holiday.text).toContain('Testinė programa');
    expect(holiday.text).toContain(`Šventinė ${tag}`);
    expect(holiday.text).toContain('Kuriama');
    expect(holiday.text).toContain('Užsiėmimas valstybinės šventės dieną');
    expect(holiday.text).toContain('2027-05-01 18:00–21:00');
    expect(html).toContain(`href="/grupes/${ids.holiday}/tvarkarastis"`);

    const twice = rows.find((r) => r.group === ids.short && r.rule === Code.LecturerTwoPlaces)!;
    expect(twice.text).toContain('tuo pačiu metu');
    expect(twice.text).toContain(`grupėje „Vykdoma ${tag}“`);
    expect(twice.text).toContain('2027-04-05 17:00–19:00');
  });

  it('shows only the institution’s own groups and never matches another institution’s lecturers (REP-8)', async () => {
    const ownA = await report(asAdmin);
    expect(ownA.html).not.toContain(`B slapta ${tag}`);
    expect(ownA.rows.some((r) => r.group === ids.b)).toBe(false);
    expect(ownA.html).not.toContain('Svetima');
    const ownB = await report(asB);
    expect(rulesOf(ownB.rows, ids.b!)).toEqual([Code.ContactHours]);
    expect(ownB.html).not.toContain(`Šventinė ${tag}`);
    expect(ownB.rows.some((r) => r.group === ids.holiday)).toBe(false);
  });

  it('narrows to a rule and a status from the URL, and refuses unknown criteria with 400 in Lithuanian', async () => {
    const holidays = await report(asAdmin, `taisykle=${Code.PublicHoliday}`);
    expect(holidays.rows.map((r) => r.rule)).toEqual([Code.PublicHoliday]);
    expect(holidays.html).toContain(`<option value="${Code.PublicHoliday}" selected="">`);
    const delivered = await report(asAdmin, 'busena=Vykdoma');
    expect(new Set(delivered.rows.map((r) => r.group))).toEqual(new Set([ids.delivered]));
    const badRule = await report(asAdmin, 'taisykle=NERA');
    expect(badRule.status).toBe(400);
    expect(badRule.html).toContain('nežinoma taisyklė');
    expect(badRule.rows).toEqual([]);
    const badStatus = await report(asAdmin, 'busena=Nevykdoma');
    expect(badStatus.status).toBe(400);
    expect(badStatus.html).toContain('Neteisingi paieškos kriterijai');
  });
});

describe('access (§6 access matrix, APP-1)', () => {
  async function userSession(rights: string[]): Promise<TestSession> {
    const personalCodeHash = `test-${crypto.randomUUID()}`;
    const user = await stack.db
      .insertInto('institution_users')
      .values({
        institution_id: a.institutionId,
        first_name: 'Vardas',
        last_name: rights.join('-'),
        email: `${crypto.randomUUID().slice(0, 8)}@example.lt`,
        rights,
        signing_document: rights.includes('SUTARCIU_PASIRASYMAS') ? 'Įgaliojimas Nr. T-1' : null,
        status: 'ACTIVE',
        personal_code_hash: personalCodeHash,
        confirmed_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return sessionFor(stack.db, { personalCodeHash, institutionId: a.institutionId, userId: user.id });
  }

  it('opens for administrators and employees, with the menu entry; refuses the others with 403', async () => {
    const employee = await userSession(['DARBUOTOJAS']);
    for (const as of [asAdmin, employee]) {
      expect((await report(as)).status).toBe(200);
      const home = await (await call('/', { as })).text();
      expect(home).toContain(`href="${REPORT}"`);
      expect(home).not.toContain('Ataskaita. Tvarkaraščių informacija (dar neįdiegta)');
    }
    const signer = await userSession(['SUTARCIU_PASIRASYMAS']);
    const headHash = `test-head-${crypto.randomUUID()}`;
    await stack.db.updateTable('institutions').set({ head_personal_code_hash: headHash }).where('id', '=', a.institutionId).execute();
    const head = await sessionFor(stack.db, { personalCodeHash: headHash, institutionId: a.institutionId, isHead: true });
    for (const as of [signer, head]) {
      const res = await call(REPORT, { as });
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain(`Šventinė ${tag}`);
      expect(await (await call('/', { as })).text()).not.toContain(`href="${REPORT}"`);
    }
  });

  it('sends a visitor without a session to log in', async () => {
    const res = await call(REPORT);
    expect([302, 303]).toContain(res.status);
  });
});

describe('computed live', () => {
  it('drops a group as soon as its timetable is fixed in "Tvarkaraštis"', async () => {
    const before = await report(asAdmin);
    expect(rulesOf(before.rows, ids.holiday!)).toEqual([Code.PublicHoliday]);
    // "Redaguoti": the 1 May session moved to Thursday 15 April.
    const res = await call(`/grupes/${ids.holiday}/tvarkarastis/${ids.holidaySession}`, {
      as: asAdmin,
      body: {
        date: '2027-04-15',
        startTime: '18:00',
        durationMinutes: '180',
        mode: 'KONTAKTINIS',
        venueId: a.venueId,
        auditorium: '',
        lecturerId: ids.holidayLecturer!,
        additionalInfo: '',
        idempotencyKey: crypto.randomUUID(),
      },
    });
    expect(res.status).toBeLessThan(400);
    const moved = await stack.db
      .selectFrom('group_sessions')
      .select('session_date')
      .where('id', '=', ids.holidaySession!)
      .executeTakeFirstOrThrow();
    expect(moved.session_date).toBe('2027-04-15');
    const after = await report(asAdmin);
    expect(rulesOf(after.rows, ids.holiday!)).toEqual([]);
    expect(after.html).not.toContain(`Šventinė ${tag}`);
    // The others are still there.
    expect(rulesOf(after.rows, ids.delivered!)).toEqual([Code.LecturerTwoPlaces]);
  });
});

describe("the operator's rules (REP-3, scripts/timetable-rules.ts)", () => {
  it('a disabled rule leaves the report and its criteria; a changed parameter applies at once; bad parameters are refused', async () => {
    try {
      expect(await runTimetableRulesCommand(stack.db, ['disable', Code.LecturerTwoPlaces, '--by', 'testas'], 'x')).toContain('išjungta');
      const off = await report(asAdmin);
      expect(off.rows.some((r) => r.rule === Code.LecturerTwoPlaces)).toBe(false);
      expect(rulesOf(off.rows, ids.delivered!)).toEqual([]);
      expect(off.html).not.toContain(`value="${Code.LecturerTwoPlaces}"`);
      const listed = await runTimetableRulesCommand(stack.db, ['list'], 'x');
      expect(listed).toMatch(new RegExp(`${Code.LecturerTwoPlaces} – .*\\n  išjungta; .*pakeitė testas`));

      // 2 academic hours a day: every 180-minute day of the full timetables breaks it.
      expect(await runTimetableRulesCommand(stack.db, ['set', Code.DailyAcademicHours, 'maxAcademicHours=2'], 'testas')).toContain(
        '{"maxAcademicHours":2}',
      );
      const strict = await report(asAdmin, `taisykle=${Code.DailyAcademicHours}`);
      expect(strict.rows.filter((r) => r.group === ids.ok)).toHaveLength(10);
      expect(strict.html).toContain('ne daugiau kaip 2 akad. val.');
      await expect(runTimetableRulesCommand(stack.db, ['set', Code.DailyAcademicHours, 'maxAcademicHours=0'], 'testas')).rejects.toThrow(
        UsageError,
      );
      await expect(runTimetableRulesCommand(stack.db, ['set', Code.DailyAcademicHours, 'kiek=3'], 'testas')).rejects.toThrow(
        'Nežinomas parametras: kiek',
      );
      await expect(runTimetableRulesCommand(stack.db, ['enable', 'NERA'], 'testas')).rejects.toThrow('Nežinomas taisyklės kodas');
      const stored = await stack.db
        .selectFrom('timetable_rules')
        .selectAll()
        .where('code', '=', Code.DailyAcademicHours)
        .executeTakeFirstOrThrow();
      expect(stored.params).toEqual({ maxAcademicHours: 2 });
    } finally {
      await runTimetableRulesCommand(stack.db, ['enable', Code.LecturerTwoPlaces], 'testas');
      await runTimetableRulesCommand(stack.db, ['set', Code.DailyAcademicHours, '{"maxAcademicHours": 8}'], 'testas');
    }
    expect(rulesOf((await report(asAdmin)).rows, ids.delivered!)).toEqual([Code.LecturerTwoPlaces]);
  });
});

describe('the export source (CSV / XLSX)', () => {
  it('gives the same rows as the page, typed, for the criteria; refuses invalid criteria', async () => {
    const page = await report(asAdmin, 'busena=Skelbiama');
    const query = 'busena=Skelbiama&format=csv';
    expect(await timetableReportExport.count(stack.db, a.institutionId, query)).toBe(page.rows.length);
    const rows = [];
    for await (const r of timetableReportExport.rows(stack.db, a.institutionId, query)) rows.push(r);
    expect(rows.map((r) => r.groupStatus)).toEqual(page.rows.map(() => 'Skelbiama'));
    const short = rows.find((r) => r.groupName === `Trumpa ${tag}` && r.ruleName === 'Lektorius tuo pačiu metu dviejose vietose')!;
    expect(short).toMatchObject({ sessionCount: 1, firstSessionDate: START, sessions: `${START} 17:00–19:00` });
    for (const column of timetableReportExport.columns) expect(Object.keys(short)).toContain(column.key);
    expect(await timetableReportExport.count(stack.db, b.institutionId, '')).toBe(1);
    await expect(timetableReportExport.count(stack.db, a.institutionId, 'taisykle=NERA')).rejects.toThrow(ReportCriteriaError);
  });
});

describe('"Eksportuoti CSV" / "Eksportuoti XLSX" on the page', () => {
  it('offers both for the criteria shown, and the CSV holds the page’s rows (BOM, ";", Lithuanian headers)', async () => {
    const page = await report(asAdmin, 'busena=Skelbiama');
    // One POST form: the criteria in its action, a button per format.
    const action = /<form class="export-buttons" method="post" action="(\/ataskaitos\/tvarkarasciai\/eksportas\?[^"]+)"/
      .exec(page.html)![1]!
      .replaceAll('&amp;', '&');
    expect(action).toContain('busena=Skelbiama');
    expect(page.html).toContain('name="format" value="csv"');
    expect(page.html).toContain('name="format" value="xlsx"');
    const csvLink = `${action}&format=csv`;
    const res = await postExport(call, csvLink, { as: asAdmin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]!.split(';')).toEqual(timetableReportExport.columns.map((c) => c.header));
    expect(lines).toHaveLength(1 + page.rows.length);
    expect(lines.slice(1).every((l) => l.includes(`Trumpa ${tag}`) && l.includes('Skelbiama'))).toBe(true);
    const xlsx = await postExport(call, `${action}&format=xlsx`, { as: asAdmin });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    // Refused criteria: a Lithuanian message, never an empty file.
    const bad = await postExport(call, '/ataskaitos/tvarkarasciai/eksportas?format=csv&taisykle=NERA', { as: asAdmin });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('nežinoma taisyklė');
  });
});
