// "Institucijos informacija" through the real path: HTTP → Hono → db → Postgres → HTML (§3.2;
// INST-*, NUM-*, GEN-5, GEN-9, GEN-15, §6): the three tabs, each form's validation, the audit rows,
// who may change what, and another institution's stages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../db/queries/audit.ts';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { adminSession, sessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const ORIGIN = 'http://localhost';
let stack: TestStack;
let a: InstitutionFixture;
let b: InstitutionFixture;
let adminA: TestSession;
let adminB: TestSession;
let headA: TestSession;
let employeeA: TestSession;

type Body = Record<string, string>;

function call(path: string, opts: { as?: TestSession; body?: Body; htmx?: boolean } = {}) {
  const headers: Record<string, string> = {};
  if (opts.as) headers.Cookie = opts.as.cookie;
  if (opts.htmx) headers['HX-Request'] = 'true';
  if (opts.body) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers.Origin = ORIGIN;
    if (opts.as) headers['X-CSRF-Token'] = opts.as.csrf;
  }
  return stack.app.request(`${ORIGIN}${path}`, {
    method: opts.body ? 'POST' : 'GET',
    headers,
    ...(opts.body ? { body: new URLSearchParams(opts.body) } : {}),
  });
}

const today = () => vilniusDate(new Date());

function infoForm(overrides: Body = {}): Body {
  return {
    description: 'Mokome suaugusiuosius nuo 1995 m.',
    contactFirstName: 'Ona',
    contactLastName: 'Onaitienė',
    contactPosition: 'Mokymų vadovė',
    contactPhone: '+370 600 12345',
    contactEmail: 'ona@example.lt',
    iban: 'lt12 1000 0111 0100 1000',
    bankName: 'AB SEB bankas',
    ...overrides,
  };
}

function stageForm(overrides: Body = {}): Body {
  return {
    stageKey: crypto.randomUUID(),
    effectiveFrom: today(),
    startNumber: '1',
    prefix: 'MS-',
    suffix: '/A',
    numberFormat: '00000',
    ...overrides,
  };
}

async function stagesOf(institutionId: string) {
  return stack.db
    .selectFrom('contract_numbering_stages')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('effective_from')
    .execute();
}

async function insertStage(institutionId: string, values: { effectiveFrom: string; suffix: string; used?: boolean }) {
  return stack.db
    .insertInto('contract_numbering_stages')
    .values({
      institution_id: institutionId,
      effective_from: values.effectiveFrom,
      start_number: 1,
      prefix: 'MS-',
      suffix: values.suffix,
      number_format: '0000',
      first_used_at: values.used ? new Date() : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

beforeAll(async () => {
  stack = await startStack('institution');
  // Both start without "Institucijos informacija" and numbering: these tests fill them in.
  a = await createInstitution(stack.db, 'Institucija A', { publishable: false });
  b = await createInstitution(stack.db, 'Institucija B', { publishable: false });
  adminA = await adminSession(stack.db, a);
  adminB = await adminSession(stack.db, b);
  const headHash = `test-${crypto.randomUUID()}`;
  await stack.db.updateTable('institutions').set({ head_personal_code_hash: headHash }).where('id', '=', a.institutionId).execute();
  headA = await sessionFor(stack.db, {
    personalCodeHash: headHash,
    institutionId: a.institutionId,
    isHead: true,
    names: ['Vida', 'Vadovė'],
  });
  const employeeHash = `test-${crypto.randomUUID()}`;
  const employee = await stack.db
    .insertInto('institution_users')
    .values({
      institution_id: a.institutionId,
      first_name: 'Darius',
      last_name: 'Darbuotojas',
      email: `d-${crypto.randomUUID().slice(0, 8)}@example.lt`,
      rights: ['DARBUOTOJAS'],
      status: 'ACTIVE',
      personal_code_hash: employeeHash,
      confirmed_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  employeeA = await sessionFor(stack.db, { personalCodeHash: employeeHash, institutionId: a.institutionId, userId: employee.id });
});

afterAll(async () => {
  await stack?.stop();
});

describe('the three tabs (INST-2)', () => {
  it('render as pages with the manual’s tab names, and as htmx fragments', async () => {
    for (const [path, marker] of [
      ['/institucija', 'Trumpas institucijos aprašymas'],
      ['/institucija/smir', 'Juridinio asmens kodas'],
      ['/institucija/numeracija', 'Pilnas sutarties numeris'],
    ] as const) {
      const res = await call(path, { as: adminA });
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html).toContain('<h1>Institucijos informacija</h1>');
      for (const tab of ['href="/institucija"', 'href="/institucija/smir"', 'href="/institucija/numeracija"']) expect(html).toContain(tab);
      for (const label of ['>Institucijos informacija</a>', '>ŠMIR informacija</a>', '>Mokymo sutarties numeracija</a>'])
        expect(html).toContain(label);
      expect(html).toContain(marker);
      expect(html).toMatch(new RegExp(`href="${path}" aria-current="page"`));
      const fragment = await (await call(path, { as: adminA, htmx: true })).text();
      expect(fragment).not.toContain('<html');
      expect(fragment).toContain(marker);
    }
  });

  it('tab "Institucijos informacija" offers every field of §3.2.1 in a form with the CSRF token', async () => {
    const html = await (await call('/institucija', { as: adminA })).text();
    for (const label of [
      'Trumpas institucijos aprašymas',
      'Vardas',
      'Pavardė',
      'Pareigos',
      'Telefonas',
      'El. paštas',
      'Sąskaitos numeris (IBAN)',
      'Banko pavadinimas',
    ]) {
      expect(html).toContain(label);
    }
    expect(html).toContain('Už mokymosi programų įgyvendinimą atsakingas asmuo');
    expect(html).toContain('Banko rekvizitai');
    expect(html).toContain('bus nurodyti mokymosi programos baigimo pažymėjime');
    expect(html).toContain('action="/institucija"');
    expect(html).toContain(`name="_csrf" value="${adminA.csrf}"`);
  });

  it('tab "Mokymo sutarties numeracija" explains the format and that SMPKR numbers come from "Mokinių registras" (NUM-9)', async () => {
    const html = await (await call('/institucija/numeracija', { as: adminA })).text();
    for (const label of [
      'Numeracija galioja nuo',
      'Sutarties numeracijos pradžios skaičius',
      'Numeravimo priešdėlis',
      'Priesaga',
      'Sutarties numerio formatas',
    ]) {
      expect(html).toContain(label);
    }
    expect(html).toContain('Neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programų sutarčių numeracija');
    expect(html).toContain('Pilnas sutarties numeris = priešdėlis + eilės numeris + priesaga');
    expect(html).toContain('automatiškai gaunama iš Mokinių registro');
    expect(html).toContain('privalo būti užpildyta iki mokymosi sutarčių pasirašymo inicijavimo');
    // The preview is computed on the server from the form's values (no inline script).
    expect(html).toContain('hx-get="/institucija/numeracija/perziura"');
    expect(html).toContain('<strong class="full-number">00001</strong>');
    expect(html).not.toMatch(/<script(?![^>]*src=)/);
  });
});

describe('tab "Institucijos informacija" (INST-3..INST-6)', () => {
  it('answers an invalid form with 422, every message at once and the typed values (GEN-15)', async () => {
    const res = await call('/institucija', {
      as: adminA,
      body: infoForm({
        contactFirstName: '',
        contactEmail: 'ona-be-eta',
        contactPhone: 'skambinti',
        iban: 'LT13 1000 0111 0100 1000',
        bankName: '',
      }),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Patikrinkite pažymėtus laukus.');
    expect(html).toContain('Privalomas laukas.');
    expect(html).toContain('Neteisingas el. pašto adresas');
    expect(html).toContain('Neteisingas telefono numeris');
    expect(html).toContain('Neteisingas sąskaitos numeris (IBAN): nesutampa kontroliniai skaitmenys.');
    expect(html).toContain('value="ona-be-eta"');
    expect(html).toContain('value="LT13 1000 0111 0100 1000"');
    expect(html).toContain('value="Onaitienė"');
    expect(html).toContain('Mokome suaugusiuosius nuo 1995 m.');
    expect(html.match(/aria-invalid="true"/g)?.length).toBe(5);
    expect(
      await stack.db.selectFrom('institution_info').selectAll().where('institution_id', '=', a.institutionId).executeTakeFirst(),
    ).toBeUndefined();

    const short = await call('/institucija', { as: adminA, body: infoForm({ iban: 'LT12 1000 0111 0100 100' }) });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('LT sąskaitos numerį sudaro 20 simbolių');
    // The htmx answer is the tab's panel, swapped although it is a 422.
    const fragment = await call('/institucija', { as: adminA, htmx: true, body: infoForm({ contactEmail: '' }) });
    expect(fragment.status).toBe(422);
    const fragmentHtml = await fragment.text();
    expect(fragmentHtml).not.toContain('<html');
    expect(fragmentHtml).toContain('id="institucijos-informacijos-kortele"');
  });

  it('saves, with an audit row of the values before and after (GEN-9)', async () => {
    const res = await call('/institucija', { as: adminA, body: infoForm() });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/institucija?pranesimas=issaugota');
    const row = await stack.db
      .selectFrom('institution_info')
      .selectAll()
      .where('institution_id', '=', a.institutionId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      contact_first_name: 'Ona',
      contact_email: 'ona@example.lt',
      iban: 'LT121000011101001000',
      bank_name: 'AB SEB bankas',
    });

    const page = await (await call('/institucija?pranesimas=issaugota', { as: adminA })).text();
    expect(page).toContain('Institucijos informacija išsaugota.');
    expect(page).toContain('value="LT12 1000 0111 0100 1000"');

    const changed = await call('/institucija', {
      as: adminA,
      htmx: true,
      body: infoForm({ contactPosition: 'Direktorė', bankName: 'Swedbank, AB' }),
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('HX-Trigger')).toBe('institucija-pakeista');
    expect(await changed.text()).toContain('Institucijos informacija išsaugota.');
    // The same values again: nothing changes, no audit row.
    const same = await call('/institucija', {
      as: adminA,
      htmx: true,
      body: infoForm({ contactPosition: 'Direktorė', bankName: 'Swedbank, AB' }),
    });
    expect(await same.text()).toContain('Institucijos informacija nepasikeitė.');

    const audit = await auditTrail(stack.db, 'institution_info', a.institutionId);
    expect(audit.map((r) => r.action)).toEqual(['create', 'update']);
    expect(audit[0]).toMatchObject({ institution_id: a.institutionId, actor_user_id: a.userId });
    expect(audit[0]!.changes.iban).toEqual({ before: null, after: 'LT121000011101001000' });
    expect(audit[1]!.changes).toEqual({
      contactPosition: { before: 'Mokymų vadovė', after: 'Direktorė' },
      bankName: { before: 'AB SEB bankas', after: 'Swedbank, AB' },
    });
  });

  it('the head and an employee read it but cannot change anything (§6)', async () => {
    const before = await stack.db
      .selectFrom('institution_info')
      .selectAll()
      .where('institution_id', '=', a.institutionId)
      .executeTakeFirstOrThrow();
    for (const who of [headA, employeeA]) {
      const page = await call('/institucija', { as: who });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Direktorė');
      expect(html).toContain('LT12 1000 0111 0100 1000');
      expect(html).not.toContain('action="/institucija"');
      expect(html).not.toContain('name="contactFirstName"');
      const numbering = await (await call('/institucija/numeracija', { as: who })).text();
      expect(numbering).not.toContain('action="/institucija/numeracija"');
      expect(numbering).toContain(
        'Numeraciją kurti ir keisti gali institucijos naudotojas su „Mokymo institucijos administratorius“ teisėmis.',
      );

      expect((await call('/institucija', { as: who, body: infoForm({ contactPosition: 'Įsibrovėlis' }) })).status).toBe(403);
      expect((await call('/institucija/numeracija', { as: who, body: stageForm({ effectiveFrom: addDays(today(), 400) }) })).status).toBe(
        403,
      );
    }
    expect(
      await stack.db.selectFrom('institution_info').selectAll().where('institution_id', '=', a.institutionId).executeTakeFirstOrThrow(),
    ).toEqual(before);
    expect(await stagesOf(a.institutionId)).toHaveLength(0);
  });
});

describe('tab "ŠMIR informacija" (INST-10, INST-11)', () => {
  it('shows every §3.2.2 field read-only, both dates, and "—" for a missing one', async () => {
    const refreshedAt = new Date('2026-11-20T08:15:00Z');
    await stack.db
      .updateTable('institutions')
      .set({
        smir_data: {
          code: '300000001',
          name: 'Demo mokymo centras',
          nameEn: 'Demo Training Centre',
          abbreviation: 'DMC',
          legalForm: 'Viešoji įstaiga',
          address: 'Gedimino pr. 1, LT-01103 Vilnius',
          email: 'info@demo-centras.lt',
          website: '',
          phone: '+370 5 210 0001',
          headName: 'Vida Vadovė',
          headEmail: 'vadove@demo-centras.lt',
          headPhone: '+370 600 00001',
          lastEditedOn: '2026-10-05',
        },
        smir_refreshed_at: refreshedAt,
        smir_refresh_error: null,
      })
      .where('id', '=', a.institutionId)
      .execute();
    const res = await call('/institucija/smir', { as: employeeA });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const [label, value] of [
      ['Juridinio asmens kodas', '300000001'],
      ['Institucijos pavadinimas lietuvių kalba', 'Demo mokymo centras'],
      ['Institucijos pavadinimas anglų kalba', 'Demo Training Centre'],
      ['Trumpinys', 'DMC'],
      ['Adresas', 'Gedimino pr. 1, LT-01103 Vilnius'],
      ['El. paštas', 'info@demo-centras.lt'],
      ['Vadovo el. paštas', 'vadove@demo-centras.lt'],
      ['Vadovo telefono numeris', '+370 600 00001'],
      ['Paskutinė redagavimo data', '2026-10-05'],
      // 08:15 UTC is 10:15 in Vilnius.
      ['Paskutinio atnaujinimo iš registro data', '2026-11-20 10:15'],
    ] as const) {
      expect(html).toMatch(new RegExp(`<dt>${label}</dt><dd[^>]*>${value.replace(/[.+]/g, '\\$&')}</dd>`));
    }
    expect(html).toMatch(/<dt>Internetinės svetainės adresas<\/dt><dd data-field="website"><span class="muted">—<\/span><\/dd>/);
    expect(html).not.toContain('nepavyko');
    // Nothing on the tab can be edited (INST-11).
    const panel = html.slice(html.indexOf('id="smir-informacijos-kortele"'));
    expect(panel).not.toMatch(/<(form|input|textarea|select)\b/);
  });

  it('says when the last refresh failed and that the data shown is the last good one (EXT-4)', async () => {
    await stack.db
      .updateTable('institutions')
      .set({ smir_refresh_error: 'ŠMIR registry unreachable' })
      .where('id', '=', a.institutionId)
      .execute();
    const html = await (await call('/institucija/smir', { as: headA })).text();
    expect(html).toContain(
      'Paskutinį kartą atnaujinti duomenų iš ŠMIR nepavyko. Rodomi paskutiniai sėkmingai gauti duomenys (atnaujinti 2026-11-20 10:15)',
    );
    expect(html).toContain('Demo mokymo centras');
    // The registry's technical message is not shown to users.
    expect(html).not.toContain('unreachable');
  });
});

describe('tab "Mokymo sutarties numeracija" (NUM-1..NUM-8)', () => {
  it('previews "Pilnas sutarties numeris" as a fragment from the typed values (NUM-2)', async () => {
    const res = await call('/institucija/numeracija/perziura?startNumber=7&prefix=MS-&suffix=%2F2026&numberFormat=0000', {
      as: adminA,
      htmx: true,
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain('<html');
    expect(html).toContain('<strong class="full-number">MS-0007/2026</strong>');
    expect(html).toContain('MS-0008/2026, MS-0009/2026');
    const invalid = await (
      await call('/institucija/numeracija/perziura?startNumber=7&prefix=MS-&suffix=&numberFormat=00x', { as: employeeA, htmx: true })
    ).text();
    expect(invalid).toContain('Sutarties numerio formatas: Formatą sudaro nuo 1 iki 10 nulių');
    expect(invalid).not.toContain('full-number');
  });

  it('answers an invalid stage with 422, every message at once and the typed values', async () => {
    const res = await call('/institucija/numeracija', {
      as: adminA,
      body: stageForm({ effectiveFrom: '2026-02-30', startNumber: '0', prefix: 'M S', numberFormat: '00#' }),
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Nurodykite datą (metai-mėnuo-diena)');
    expect(html).toContain('Nurodykite sveikąjį skaičių nuo 1');
    expect(html).toContain('Gali būti tik raidės, skaitmenys ir ženklai');
    expect(html).toContain('Formatą sudaro nuo 1 iki 10 nulių');
    expect(html).toContain('value="M S"');
    expect(html).toContain('value="00#"');
    expect(await stagesOf(a.institutionId)).toHaveLength(0);
  });

  it('creates stages, each later than the ones before, once per form (NUM-4, NUM-6)', async () => {
    const first = stageForm({ effectiveFrom: addDays(today(), -30) });
    const res = await call('/institucija/numeracija', { as: adminA, body: first });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/institucija/numeracija?pranesimas=sukurtas');
    // The same form again (a double submit) creates nothing more.
    expect((await call('/institucija/numeracija', { as: adminA, body: first })).status).toBe(303);
    expect(await stagesOf(a.institutionId)).toHaveLength(1);

    for (const effectiveFrom of [addDays(today(), -30), addDays(today(), -31)]) {
      const refused = await call('/institucija/numeracija', { as: adminA, body: stageForm({ effectiveFrom, suffix: '/B' }) });
      expect(refused.status).toBe(422);
      const html = await refused.text();
      expect(html).toContain('Naujo sutarties etapo galiojimo data turi būti vėlesnė už ankstesnių etapų');
      expect(html).toContain(`value="${effectiveFrom}"`);
      expect(html).toContain('value="/B"');
    }
    const twin = await call('/institucija/numeracija', { as: adminA, body: stageForm({ effectiveFrom: addDays(today(), 10) }) });
    expect(twin.status).toBe(422);
    expect(await twin.text()).toContain('Toks pat priešdėlis ir priesaga jau naudojami');

    const second = await call('/institucija/numeracija', {
      as: adminA,
      htmx: true,
      body: stageForm({ effectiveFrom: addDays(today(), 10), suffix: '/B' }),
    });
    expect(second.status).toBe(200);
    const html = await second.text();
    expect(html).toContain('Sutarties etapas sukurtas.');
    expect(html).toContain('MS-00001/B');
    const stages = await stagesOf(a.institutionId);
    expect(stages.map((s) => [s.effective_from, s.suffix, s.first_used_at])).toEqual([
      [addDays(today(), -30), '/A', null],
      [addDays(today(), 10), '/B', null],
    ]);
    const audit = await auditTrail(stack.db, 'contract_numbering_stage', stages[1]!.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', institution_id: a.institutionId });
    expect(audit[0]!.changes.suffix).toEqual({ before: null, after: '/B' });

    const page = await (await call('/institucija/numeracija', { as: adminA })).text();
    expect(page).toContain('Galioja');
    expect(page).toContain('Galios ateityje');
    expect(page).toContain(`href="/institucija/numeracija/${stages[1]!.id}/redaguoti"`);
  });

  it('changes and removes a stage not yet used, with audit rows', async () => {
    const stage = (await stagesOf(a.institutionId)).at(-1)!;
    const form = await call(`/institucija/numeracija/${stage.id}/redaguoti`, { as: adminA });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('value="/B"');
    const saved = await call(`/institucija/numeracija/${stage.id}`, {
      as: adminA,
      body: stageForm({ effectiveFrom: addDays(today(), 12), suffix: '/C', numberFormat: '000' }),
    });
    expect(saved.status).toBe(303);
    expect(await stagesOf(a.institutionId).then((s) => s.at(-1))).toMatchObject({
      id: stage.id,
      effective_from: addDays(today(), 12),
      suffix: '/C',
      number_format: '000',
    });
    const invalid = await call(`/institucija/numeracija/${stage.id}`, {
      as: adminA,
      body: stageForm({ effectiveFrom: addDays(today(), -40) }),
    });
    expect(invalid.status).toBe(422);
    expect(await invalid.text()).toContain('Data turi būti vėlesnė už ankstesnio etapo galiojimo datą');

    const removed = await call(`/institucija/numeracija/${stage.id}/salinti`, { as: adminA, htmx: true, body: {} });
    expect(removed.status).toBe(200);
    expect(await removed.text()).toContain('Sutarties etapas pašalintas.');
    expect(await stagesOf(a.institutionId)).toHaveLength(1);
    expect((await auditTrail(stack.db, 'contract_numbering_stage', stage.id)).map((r) => r.action)).toEqual(['create', 'update', 'remove']);
  });

  it('refuses to change or remove a stage used for a contract, and starts a new one tomorrow at the earliest (NUM-6)', async () => {
    const [stage] = await stagesOf(a.institutionId);
    await stack.db.updateTable('contract_numbering_stages').set({ first_used_at: new Date() }).where('id', '=', stage!.id).execute();
    const used = await stack.db.selectFrom('contract_numbering_stages').selectAll().where('id', '=', stage!.id).executeTakeFirstOrThrow();

    const edit = await call(`/institucija/numeracija/${stage!.id}`, {
      as: adminA,
      body: stageForm({ effectiveFrom: stage!.effective_from, startNumber: '50' }),
    });
    expect(edit.status).toBe(409);
    expect(await edit.text()).toContain('Šis sutarties etapas jau panaudotas mokymosi sutarties numeriui');
    expect((await call(`/institucija/numeracija/${stage!.id}/salinti`, { as: adminA, body: {} })).status).toBe(409);
    expect((await call(`/institucija/numeracija/${stage!.id}/redaguoti`, { as: adminA })).status).toBe(409);
    expect(
      await stack.db.selectFrom('contract_numbering_stages').selectAll().where('id', '=', stage!.id).executeTakeFirstOrThrow(),
    ).toEqual(used);

    const page = await (await call('/institucija/numeracija', { as: adminA })).text();
    expect(page).toContain('Keisti negalima');
    expect(page).not.toContain(`/institucija/numeracija/${stage!.id}/redaguoti`);

    const todayStage = await call('/institucija/numeracija', { as: adminA, body: stageForm({ effectiveFrom: today(), suffix: '/D' }) });
    expect(todayStage.status).toBe(422);
    expect(await todayStage.text()).toContain('gali galioti tik nuo rytojaus ar vėliau');
    expect(
      (await call('/institucija/numeracija', { as: adminA, body: stageForm({ effectiveFrom: addDays(today(), 1), suffix: '/D' }) })).status,
    ).toBe(303);
  });

  it('answers 404 to another institution’s stage ids and changes nothing (GEN-5)', async () => {
    const foreign = await insertStage(b.institutionId, { effectiveFrom: addDays(today(), 5), suffix: '/SVETIMAS' });
    const other = await call('/institucija/numeracija', { as: adminB });
    expect(await other.text()).toContain('MS-0001/SVETIMAS');
    const mine = await (await call('/institucija/numeracija', { as: adminA })).text();
    expect(mine).not.toContain('SVETIMAS');

    expect((await call(`/institucija/numeracija/${foreign.id}/redaguoti`, { as: adminA })).status).toBe(404);
    expect(
      (
        await call(`/institucija/numeracija/${foreign.id}`, {
          as: adminA,
          body: stageForm({ effectiveFrom: addDays(today(), 900), suffix: '/X' }),
        })
      ).status,
    ).toBe(404);
    expect((await call(`/institucija/numeracija/${foreign.id}/salinti`, { as: adminA, body: {} })).status).toBe(404);
    expect((await call('/institucija/numeracija/ne-uuid/salinti', { as: adminA, body: {} })).status).toBe(404);
    // Its id as a new stage's key does not touch it either.
    expect(
      (
        await call('/institucija/numeracija', {
          as: adminA,
          body: stageForm({ stageKey: foreign.id, effectiveFrom: addDays(today(), 900), suffix: '/X' }),
        })
      ).status,
    ).toBe(400);
    expect(await stagesOf(b.institutionId)).toEqual([foreign]);
    expect(await auditTrail(stack.db, 'contract_numbering_stage', foreign.id)).toHaveLength(0);
  });
});
