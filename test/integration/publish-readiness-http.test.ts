// Issue 11, item 9: what publishing a group requires of the institution itself — the contact person
// and bank details (INST-8) and, for a non-formal adult education programme, contract numbering valid
// when the contracts are generated (NUM-8) — checked at publication (GRP-40) and again by the
// automatic G4 before contract signing starts (OQ-12). Real path: HTTP → workflow Update → activity →
// Postgres → page; the G4 timer runs in the group's workflow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, vilniusDate } from '../../workflows/domain/calendar.ts';
import type { GroupDeadlines } from '../../workflows/domain/group-deadlines.ts';
import { validateGroupInfo } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { registerParticipantUpdate } from '../../workflows/training-group/messages.ts';
import { createInstitution, fullSchedule, groupForm, type InstitutionFixture } from '../support/fixtures.ts';
import { appCaller } from '../support/http.ts';
import { publishedGroup } from '../support/participants.ts';
import { adminSession, type TestSession } from '../support/session.ts';
import { startStack, type TestStack } from '../support/stack.ts';
import { eventually } from '../support/wait.ts';

let stack: TestStack;
let call: ReturnType<typeof appCaller>;
const today = () => vilniusDate(new Date());

const groupRow = (id: string) => stack.db.selectFrom('training_groups').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  stack = await startStack('publish-readiness');
  call = appCaller(stack.app);
});

afterAll(async () => {
  await stack?.stop();
});

function changeStatus(groupId: string, as: TestSession, to: string) {
  return call(`/grupes/${groupId}/busena`, { as, htmx: true, body: { to, statusKey: crypto.randomUUID() } });
}

/** A group created over HTTP with a full timetable (SCHED-16): only the institution's part may be missing. */
async function draftGroup(fx: InstitutionFixture, as: TestSession): Promise<string> {
  const groupId = crypto.randomUUID();
  const created = await call(`/programos/${fx.programmeId}/grupes`, { as, body: { ...groupForm(fx.venueId), idempotencyKey: groupId } });
  expect(created.status).toBe(303);
  await fullSchedule(stack.db, { institutionId: fx.institutionId, groupId, venueId: fx.venueId });
  return groupId;
}

describe('publishing requires the institution contact, bank details and contract numbering (GRP-40, INST-8, NUM-8)', () => {
  it('names each missing item on the page and in the 409, and publishes once the institution has filled them in', async () => {
    const fx = await createInstitution(stack.db, 'Neparengta institucija', { publishable: false });
    const admin = await adminSession(stack.db, fx);
    const groupId = await draftGroup(fx, admin);
    const missingInfo =
      'Neužpildyta institucijos kortelė „Institucijos informacija“: nurodykite už mokymosi programų įgyvendinimą atsakingą asmenį, jo pareigas ir banko rekvizitus.';
    const missingNumbering = 'Nesukurta mokymo sutarčių numeracija: užpildykite institucijos kortelę „Mokymo sutarties numeracija“.';

    const page = await (await call(`/grupes/${groupId}`, { as: admin })).text();
    expect(page).toContain(missingInfo);
    expect(page).toContain(missingNumbering);
    const refused = await changeStatus(groupId, admin, 'Skelbiama');
    expect(refused.status).toBe(409);
    const refusal = await refused.text();
    expect(refusal).toContain(missingInfo);
    expect(refusal).toContain(missingNumbering);
    expect((await groupRow(groupId)).status).toBe('Kuriama');

    // "Institucijos informacija" through its own form.
    const saved = await call('/institucija', {
      as: admin,
      body: {
        description: '',
        contactFirstName: 'Aldona',
        contactLastName: 'Atsakingoji',
        contactPosition: 'Direktorė',
        contactPhone: '+37061234567',
        contactEmail: 'aldona@institucija.example.lt',
        iban: 'LT12 1000 0111 0100 1000',
        bankName: 'AB SEB bankas',
      },
    });
    expect(saved.status).toBeLessThan(400);
    const stillNumbering = await changeStatus(groupId, admin, 'Skelbiama');
    expect(stillNumbering.status).toBe(409);
    const text = await stillNumbering.text();
    expect(text).not.toContain('Neužpildyta institucijos kortelė');
    expect(text).toContain(missingNumbering);

    // A stage valid only after registration ends does not number this group's contracts (NUM-7).
    const group = await groupRow(groupId);
    const late = addDays(group.registration_end, 1);
    await stack.db
      .insertInto('contract_numbering_stages')
      .values({ institution_id: fx.institutionId, effective_from: late, start_number: 1, prefix: 'V-', suffix: '', number_format: '0000' })
      .execute();
    const tooLate = await changeStatus(groupId, admin, 'Skelbiama');
    expect(tooLate.status).toBe(409);
    expect(await tooLate.text()).toContain(
      `Nėra mokymo sutarčių numeracijos etapo, galiojančio ${group.registration_end}: papildykite institucijos kortelę „Mokymo sutarties numeracija“.`,
    );

    // A stage valid from today, through the tab's form.
    await stack.db.deleteFrom('contract_numbering_stages').where('institution_id', '=', fx.institutionId).execute();
    const stage = await call('/institucija/numeracija', {
      as: admin,
      body: { stageKey: crypto.randomUUID(), effectiveFrom: today(), startNumber: '1', prefix: 'MS-', suffix: '', numberFormat: '00000' },
    });
    expect(stage.status).toBeLessThan(400);
    expect(
      await stack.db.selectFrom('contract_numbering_stages').select('id').where('institution_id', '=', fx.institutionId).execute(),
    ).toHaveLength(1);
    const published = await changeStatus(groupId, admin, 'Skelbiama');
    expect(published.status).toBe(200);
    expect(await published.text()).toContain('Grupės būsena pakeista į „Skelbiama“.');
    expect((await groupRow(groupId)).status).toBe('Skelbiama');
  });
});

describe('the automatic G4 checks again what publishing required (OQ-12)', () => {
  it('numbering gone by registration end: the group stays "Skelbiama", says why, and the provider sets "Vykdoma" once fixed', async () => {
    const fx = await createInstitution(stack.db, 'G4 institucija');
    const admin = await adminSession(stack.db, fx);
    const info = validateGroupInfo(groupForm(fx.venueId, { registrationStart: today(), minParticipants: '1' }));
    if (!info.ok) throw new Error(JSON.stringify(info.errors));
    // Registration ends in a few seconds; delivery starts in two minutes (the web derives both from the dates).
    const now = Date.now();
    const deadlines: GroupDeadlines = {
      registrationClosesAt: new Date(now + 8_000).toISOString(),
      programmeStartsAt: new Date(now + 120_000).toISOString(),
    };
    const s = { client: stack.client, db: stack.db, taskQueue: stack.config.temporal.taskQueue };
    const { groupId, handle } = await publishedGroup(s, fx, deadlines, info.info);
    const registrationId = crypto.randomUUID();
    await handle.executeUpdate(registerParticipantUpdate, {
      args: [
        {
          registrationId,
          funding: 'IMP_KREPSELIS',
          person: {
            personKey: `key-${registrationId}`,
            firstName: 'Ona',
            lastName: 'Dalyvė',
            email: `ona-${registrationId.slice(0, 8)}@example.lt`,
          },
        },
      ],
      updateId: registrationId,
    });
    // After publication the institution's numbering disappears (what publishing checked no longer holds).
    await stack.db.deleteFrom('contract_numbering_stages').where('institution_id', '=', fx.institutionId).execute();

    const blocked = await eventually(
      () => groupRow(groupId),
      (g) => g.decision_due_at !== null,
    );
    expect(blocked.status).toBe(GroupStatus.Published);
    expect(blocked.contract_signing_started_at).toBeNull();
    expect(blocked.delivery_blocked_reason).toBe(
      'Nesukurta mokymo sutarčių numeracija: užpildykite institucijos kortelę „Mokymo sutarties numeracija“.',
    );
    const page = await (await call(`/grupes/${groupId}?kortele=informacija`, { as: admin })).text();
    expect(page).toContain(
      'Registracija baigėsi ir užsiregistravo pakankamai asmenų, tačiau grupės būsena automatiškai nepakeista į „Vykdoma“, nes mokymosi sutarčių pasirašymo pradėti negalima.',
    );
    expect(page).toContain('Nesukurta mokymo sutarčių numeracija');
    const audit = await stack.db
      .selectFrom('audit_log')
      .select(['actor_kind', 'changes'])
      .where('entity_type', '=', 'training_group')
      .where('entity_id', '=', groupId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.actor_kind).toBe('system');

    // G5 is refused with the same reason until the numbering is back, then contract signing starts.
    const refused = await changeStatus(groupId, admin, 'Vykdoma');
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Grupės būsenos pakeisti į „Vykdoma“ negalima: Nesukurta mokymo sutarčių numeracija');
    await stack.db
      .insertInto('contract_numbering_stages')
      .values({
        institution_id: fx.institutionId,
        effective_from: today(),
        start_number: 1,
        prefix: 'MS-',
        suffix: '',
        number_format: '00000',
      })
      .execute();
    expect((await changeStatus(groupId, admin, 'Vykdoma')).status).toBe(200);
    const running = await groupRow(groupId);
    expect(running).toMatchObject({ status: 'Vykdoma', delivery_blocked_reason: null, decision_due_at: null });
    expect(running.contract_signing_started_at).not.toBeNull();
    await handle.terminate('test done');
  });
});
