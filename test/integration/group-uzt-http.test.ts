// The UŽT-only fields of "Grupės informacija" over the real path (HTTP → workflow → Postgres → HTML):
// GRP-4, GRP-5, GRP-16..GRP-19, GRP-39 (OQ-56), and the fieldset fragment the form re-renders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findGroup } from '../../db/queries/training-groups.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { groupUztFieldRoutes } from '../../web/routes/group-uzt-fields.tsx';
import { UZT_FIELDS_PATH } from '../../web/views/group-info.tsx';
import { createInstitution, fullSchedule, groupForm, type InstitutionFixture } from '../support/fixtures.ts';
import { adminSession, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const ORIGIN = 'http://localhost';
let stack: TestStack;
let a: InstitutionFixture;
let session: TestSession;

const today = vilniusDate(new Date());
// groupForm(): the programme runs from today + 20 to today + 40 (21 days, at most 3 weeks).
const UZT_VALUES = {
  targetGroup: 'BEDARBIAI',
  vetForm: 'PAMEISTRYSTE',
  durationWeeks: '3',
  durationDays: '15',
  theoryAssessmentDate: addDays(today, 30),
  practiceAssessmentDate: addDays(today, 40),
};
const UZT_COLUMNS = [
  'target_group',
  'vet_form',
  'duration_weeks',
  'duration_days',
  'theory_assessment_date',
  'practice_assessment_date',
] as const;

function form(values: Record<string, string | string[]>): URLSearchParams {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return body;
}

function request(path: string, opts: { body?: Record<string, string | string[]>; htmx?: boolean; anonymous?: boolean } = {}) {
  const headers: Record<string, string> = {};
  if (!opts.anonymous) headers.Cookie = session.cookie;
  if (opts.htmx) headers['HX-Request'] = 'true';
  if (opts.body) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers.Origin = ORIGIN;
    headers['X-CSRF-Token'] = session.csrf;
  }
  return stack.app.request(`${ORIGIN}${path}`, {
    method: opts.body ? 'POST' : 'GET',
    headers,
    ...(opts.body ? { body: form(opts.body) } : {}),
  });
}

async function createGroupOver(overrides: Record<string, string | string[]>) {
  const key = crypto.randomUUID();
  const res = await request(`/programos/${a.programmeId}/grupes`, { body: { ...groupForm(a.venueId, overrides), idempotencyKey: key } });
  // Every contact hour planned, so that the group can be published (GRP-40, SCHED-16).
  if (res.status === 303) await fullSchedule(stack.db, { institutionId: a.institutionId, groupId: key, venueId: a.venueId });
  return { res, groupId: key };
}

beforeAll(async () => {
  stack = await startStack('group-uzt-http');
  a = await createInstitution(stack.db, 'Institucija UŽT');
  session = await adminSession(stack.db, a);
  // Until web/app.tsx mounts the fragment route (beside groupRoutes), mount it here, before the first
  // request builds the router; once app.tsx has it, its own mount answers first and this one is
  // never reached. The session, CSRF and /grupes/* guards registered by createApp apply either way.
  stack.app.route('/', groupUztFieldRoutes);
});

afterAll(async () => {
  await stack?.stop();
});

describe('UŽT-only fields of "Grupės informacija" over HTTP', () => {
  it('GRP-39: with UŽT ticked, answers 422 naming every missing or wrong UŽT field, keeping the typed values; saves nothing', async () => {
    const { res, groupId } = await createGroupOver({
      fundingSources: ['UZT', 'ASMENINES_LESOS'],
      targetGroup: '',
      vetForm: '',
      durationWeeks: '0',
      durationDays: '2,5',
      theoryAssessmentDate: addDays(today, 19),
      practiceAssessmentDate: '',
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    const period = `nuo ${addDays(today, 20)} iki ${addDays(today, 40)}`;
    expect(html).toContain('Patikrinkite pažymėtus laukus.');
    expect(html).toContain('<small id="e-targetGroup" class="field-error">Privalomas laukas.</small>');
    expect(html).toContain('<small id="e-vetForm" class="field-error">Privalomas laukas.</small>');
    expect(html).toContain('<small id="e-durationWeeks" class="field-error">Skaičius turi būti ne mažesnis kaip 1.</small>');
    expect(html).toContain('<small id="e-durationDays" class="field-error">Nurodykite sveikąjį skaičių.</small>');
    expect(html).toContain(
      `<small id="e-theoryAssessmentDate" class="field-error">„Įgytų kompetencijų teorinės dalies (žinių) vertinimo data“ turi būti mokymosi programos vykdymo laikotarpyje (${period}).</small>`,
    );
    expect(html).toContain('<small id="e-practiceAssessmentDate" class="field-error">Privalomas laukas.</small>');
    // The manual's labels, and what was typed.
    for (const label of [
      'Mokymo programa taikoma',
      'Profesinio mokymo organizavimo forma',
      'Mokymosi programos trukmė savaitėmis',
      'Mokymosi programos trukmė dienomis',
      'Įgytų kompetencijų teorinės dalies (žinių) vertinimo data',
      'Įgytų kompetencijų praktinės dalies (gebėjimų) vertinimo data',
    ]) {
      expect(html).toContain(label);
    }
    expect(html).toContain('Pameistrystės forma');
    expect(html).toContain('value="0"');
    expect(html).toContain('value="2,5"');
    expect(html).toContain(`value="${addDays(today, 19)}"`);
    expect(await findGroup(stack.db, a.institutionId, groupId)).toBeUndefined();
  });

  it('GRP-39: without UŽT, the fields are not shown, any sent values are ignored, and they are stored as null', async () => {
    const { res, groupId } = await createGroupOver({ fundingSources: ['IMP_KREPSELIS'], ...UZT_VALUES, durationWeeks: 'daug' });
    expect(res.status).toBe(303);
    const row = await findGroup(stack.db, a.institutionId, groupId);
    expect(row).toBeDefined();
    for (const column of UZT_COLUMNS) expect(row?.[column]).toBeNull();
    const page = await (await request(`/grupes/${groupId}`)).text();
    expect(page).toContain('<div id="uzt-laukai"></div>');
    expect(page).not.toContain('name="targetGroup"');
  });

  it('GRP-39: with UŽT, stores the fields, shows them in the form and read-only; unticking UŽT clears them', async () => {
    const { res, groupId } = await createGroupOver({ fundingSources: ['UZT'], ...UZT_VALUES });
    expect(res.status).toBe(303);
    expect(await findGroup(stack.db, a.institutionId, groupId)).toMatchObject({
      funding_sources: ['UZT'],
      target_group: 'BEDARBIAI',
      vet_form: 'PAMEISTRYSTE',
      duration_weeks: 3,
      duration_days: 15,
      theory_assessment_date: UZT_VALUES.theoryAssessmentDate,
      practice_assessment_date: UZT_VALUES.practiceAssessmentDate,
    });
    const page = await (await request(`/grupes/${groupId}`)).text();
    expect(page).toMatch(/<option value="PAMEISTRYSTE" selected="">Pameistrystės forma<\/option>/);
    expect(page).toMatch(/<option value="BEDARBIAI" selected="">Bedarbiai<\/option>/);
    expect(page).toContain(`value="${UZT_VALUES.theoryAssessmentDate}"`);
    expect(page).toContain(`hx-get="${UZT_FIELDS_PATH}"`);

    const published = await request(`/grupes/${groupId}/busena`, { htmx: true, body: { to: 'Skelbiama', statusKey: crypto.randomUUID() } });
    expect(published.status).toBe(200);
    const readOnly = await published.text();
    expect(readOnly).toContain('<dt>Profesinio mokymo organizavimo forma</dt><dd>Pameistrystės forma</dd>');
    expect(readOnly).toContain('<dt>Mokymo programa taikoma</dt><dd>Bedarbiai</dd>');
    expect(readOnly).toContain('<dt>Mokymosi programos trukmė dienomis</dt><dd>15</dd>');
    expect(readOnly).toContain(
      `<dt>Įgytų kompetencijų praktinės dalies (gebėjimų) vertinimo data</dt><dd>${UZT_VALUES.practiceAssessmentDate}</dd>`,
    );

    expect(
      (await request(`/grupes/${groupId}/busena`, { htmx: true, body: { to: 'Kuriama', statusKey: crypto.randomUUID() } })).status,
    ).toBe(200);
    const saved = await request(`/grupes/${groupId}/informacija`, {
      htmx: true,
      body: { ...groupForm(a.venueId, { fundingSources: ['ASMENINES_LESOS'], ...UZT_VALUES }), idempotencyKey: crypto.randomUUID() },
    });
    expect(saved.status).toBe(200);
    const row = await findGroup(stack.db, a.institutionId, groupId);
    expect(row?.funding_sources).toEqual(['ASMENINES_LESOS']);
    for (const column of UZT_COLUMNS) expect(row?.[column]).toBeNull();
  });

  it('GRP-39: the database refuses UŽT-only values on a group without UŽT', async () => {
    const { groupId } = await createGroupOver({ fundingSources: ['IMP_KREPSELIS'] });
    await expect(
      stack.db.updateTable('training_groups').set({ vet_form: 'MOKYKLINE' }).where('id', '=', groupId).execute(),
    ).rejects.toThrow(/training_groups_uzt_only/);
  });

  it('re-renders the fieldset for the ticked funding sources, keeping the typed values (htmx fragment)', async () => {
    const on = await request(`${UZT_FIELDS_PATH}?fundingSources=IMP_KREPSELIS&fundingSources=UZT&durationWeeks=7&vetForm=MOKYKLINE`, {
      htmx: true,
    });
    expect(on.status).toBe(200);
    const html = await on.text();
    expect(html.startsWith('<div id="uzt-laukai">')).toBe(true);
    expect(html).toContain('name="durationWeeks"');
    expect(html).toContain('value="7"');
    expect(html).toMatch(/<option value="MOKYKLINE" selected="">Mokyklinė forma<\/option>/);
    expect(html).not.toContain('field-error');

    const off = await request(`${UZT_FIELDS_PATH}?fundingSources=IMP_KREPSELIS&durationWeeks=7`, { htmx: true });
    expect(await off.text()).toBe('<div id="uzt-laukai"></div>');
  });

  it('keeps the fragment behind the login, like the rest of /grupes/*', async () => {
    const res = await request(`${UZT_FIELDS_PATH}?fundingSources=UZT`, { anonymous: true });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/prisijungti');
  });
});
