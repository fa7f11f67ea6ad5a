// Phone numbers through the real path (issue 11, item 7): HTTP → Hono → validation → Postgres → HTML.
// A date, 23 digits or letters are refused with the Lithuanian message and HTTP 422, the other typed
// values kept; a valid Lithuanian or foreign number is stored in E.164 and shown in the international
// format. Also: the migration's conversion of numbers stored before.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseStoredPhones } from '../../db/migrations/20261203T0200_phone_e164.ts';
import { createInstitution, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
import { adminSession, personSessionFor, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';

const MESSAGE = 'Neteisingas telefono numeris: įveskite, pvz., +370 612 34567 arba 8 612 34567; užsienio numerį – su šalies kodu.';

let stack: TestStack;
let fx: InstitutionFixture;
let admin: TestSession;
let call: ReturnType<typeof appCaller>;

beforeAll(async () => {
  stack = await startStack('phone-http', { worker: false });
  call = appCaller(stack.app);
  fx = await createInstitution(stack.db, 'Telefonų institucija', { publishable: false });
  admin = await adminSession(stack.db, fx);
});

afterAll(async () => {
  await stack?.stop();
});

const unique = () => crypto.randomUUID().slice(0, 8);

describe('"Institucijos informacija": Telefonas (INST-4)', () => {
  const form = (contactPhone: string) => ({
    description: '',
    contactFirstName: 'Ona',
    contactLastName: 'Onaitienė',
    contactPosition: 'Mokymų vadovė',
    contactPhone,
    contactEmail: 'ona@example.lt',
    iban: 'LT12 1000 0111 0100 1000',
    bankName: 'AB SEB bankas',
  });
  const stored = () =>
    stack.db.selectFrom('institution_info').select('contact_phone').where('institution_id', '=', fx.institutionId).executeTakeFirst();

  it.each(['2026-02-30', '12345678901234567890123', 'skambinti'])('refuses %j with 422, keeping the typed values', async (phone) => {
    const res = await call('/institucija', { as: admin, body: form(phone) });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(MESSAGE);
    expect(html).toContain(`value="${phone}"`);
    expect(html).toContain('value="Onaitienė"');
    expect(html).toContain('value="ona@example.lt"');
    expect(html).toContain('value="AB SEB bankas"');
    expect(await stored()).toBeUndefined();
  });

  it('stores 8 612 34567 as +37061234567 and shows it as +370 612 34567', async () => {
    const res = await call('/institucija', { as: admin, body: form('8 612 34567') });
    expect(res.status).toBe(303);
    expect(await stored()).toEqual({ contact_phone: '+37061234567' });
    const page = await (await call('/institucija', { as: admin })).text();
    expect(page).toContain('value="+370 612 34567"');
    expect(page).not.toContain('+37061234567');
  });
});

describe('"Darbdavio atstovai": Telefono numeris (EMPL-3)', () => {
  const form = (phone: string) => ({
    name: `UAB Telefonai ${unique()}`,
    code: '304050607',
    firstName: 'Rūta',
    lastName: 'Kairienė',
    phone,
    email: 'ruta@telefonai.lt',
    practiceAddress: 'Pramonės g. 5, LT-11110 Vilnius',
    idempotencyKey: crypto.randomUUID(),
    active: '1',
  });
  const byName = (name: string) => stack.db.selectFrom('employers').select('phone').where('name', '=', name).execute();

  it('refuses 23 digits with 422, keeping the typed values', async () => {
    const body = form('12345678901234567890123');
    const res = await call('/darbdaviai', { as: admin, body });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(MESSAGE);
    expect(html).toContain('value="12345678901234567890123"');
    expect(html).toContain(`value="${body.name}"`);
    expect(html).toContain('value="Kairienė"');
    expect(html).toContain('value="Pramonės g. 5, LT-11110 Vilnius"');
    expect(await byName(body.name)).toEqual([]);
  });

  it('stores a Polish number in E.164 and lists it in the international format', async () => {
    const body = form('+48 512-345-678');
    const res = await call('/darbdaviai', { as: admin, body });
    expect(res.status).toBe(303);
    expect(await byName(body.name)).toEqual([{ phone: '+48512345678' }]);
    const list = await (await call(res.headers.get('location')!, { as: admin })).text();
    expect(list).toContain('+48 512 345 678');
  });
});

describe('the participant portal: "Mano duomenys" (PORTAL-2)', () => {
  async function participant() {
    const personKey = `dalyvis-${crypto.randomUUID()}`;
    const row = await stack.db
      .insertInto('participants')
      .values({ person_key: personKey, first_name: 'Eglė', last_name: 'Eglaitė', email: null, citizen: true, registry_education: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = await personSessionFor(stack.db, { audience: 'DALYVIS', personKey, participantId: row.id, names: ['Eglė', 'Eglaitė'] });
    return { id: row.id, session };
  }
  const storedOf = (id: string) =>
    stack.db.selectFrom('participants').select(['email', 'phone']).where('id', '=', id).executeTakeFirstOrThrow();

  it('refuses a date as the phone with 422, keeping the e-mail; stores a valid one in E.164; an empty one stays empty', async () => {
    const p = await participant();
    const bad = await call('/kursuok/profilis', { as: p.session, body: { email: 'egle@dalyviai.example.lt', phone: '2026-02-30' } });
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain(MESSAGE);
    expect(html).toContain('value="egle@dalyviai.example.lt"');
    expect(html).toContain('value="2026-02-30"');
    expect(await storedOf(p.id)).toEqual({ email: null, phone: null });

    const good = await call('/kursuok/profilis', { as: p.session, body: { email: 'egle@dalyviai.example.lt', phone: '+370 612 34567' } });
    expect(good.status).toBe(303);
    expect(await storedOf(p.id)).toEqual({ email: 'egle@dalyviai.example.lt', phone: '+37061234567' });
    expect(await (await call('/kursuok/profilis', { as: p.session })).text()).toContain('value="+370 612 34567"');

    const cleared = await call('/kursuok/profilis', { as: p.session, body: { email: 'egle@dalyviai.example.lt', phone: ' ' } });
    expect(cleared.status).toBe(303);
    expect(await storedOf(p.id)).toEqual({ email: 'egle@dalyviai.example.lt', phone: null });
  });
});

describe('migration 20261203T0200_phone_e164', () => {
  it('converts numbers stored as typed to E.164 and leaves what is not a number as it was', async () => {
    const employer = (phone: string) => ({ institution_id: fx.institutionId, name: `UAB Senoji ${unique()}`, code: '300000001', phone });
    const rows = await stack.db
      .insertInto('employers')
      .values([employer('8 612 34567'), employer('+44 20 7946 0958'), employer('2026-02-30'), employer('+37061234567')])
      .returning('id')
      .execute();
    const ids = rows.map((r) => r.id);
    expect(await normaliseStoredPhones(stack.db as unknown as Kysely<unknown>, { table: 'employers', keys: ids })).toBe(2);
    const after = await stack.db.selectFrom('employers').select(['id', 'phone']).where('id', 'in', ids).execute();
    expect(rows.map((r) => after.find((a) => a.id === r.id)?.phone)).toEqual([
      '+37061234567',
      '+442079460958',
      '2026-02-30',
      '+37061234567',
    ]);
  });
});
