// Demo data for `npm start` (issue 14): the money path can be tried at once.
// - A finished group of the demo institution ("Užbaigta", its end date a few days back) whose three
//   IMP-funded participants have their contracts in force, every completion mark and the
//   questionnaire filled earlier, and their certificates issued by the product's own nightly issuance
//   (the CertificateIssuance workflow, scoped to the institution, run once for today: real numbers,
//   real sealed PDFs, N15 e-mails). "Sąskaitos faktūros" lists the group as "Nepateikta" and the
//   administrator can tick them and submit an invoice. The past (group, registrations, contracts with
//   their marks) is written straight into Postgres: the workflows take no dates in the past.
// - An Employment Service client whose coupon UŽT approved (monthly settlement), in a UŽT-funded group
//   in delivery, so "Dokumentų pateikimas užimtumo tarnybai" lists her (UZTDOC-1, UZTDOC-10); rows
//   straight into Postgres (the UŽT path is exercised by its own tests), her UztSettlement workflow is
//   started by the first submission (update-with-start).
// Idempotent: a group that exists is left as it is.
import type { Client } from '@temporalio/client';
import type { Db, DbOrTx } from '../db/client.ts';
import { findProgramme } from '../db/queries/programmes.ts';
import { findGroup } from '../db/queries/training-groups.ts';
import { DEMO } from '../db/seed/demo.ts';
import type { CertificateIssuanceResult } from '../workflows/certificate-issuance/messages.ts';
import type { certificateIssuanceWorkflow } from '../workflows/certificate-issuance/workflow.ts';
import { addDays, vilniusDate } from '../workflows/domain/calendar.ts';
import { GroupStatus } from '../workflows/domain/group-status.ts';
import { certificateIssuanceWorkflowId } from '../workflows/ids.ts';
import type { Config } from '../worker/config.ts';

export interface DemoPerson {
  personKey: string;
  firstName: string;
  lastName: string;
  email: string;
  birthDate: string;
}

export interface InvoiceDemoSpec {
  institutionId: string;
  programmeId: string;
  venueId: string;
  invoiceGroup: { id: string; name: string; participants: readonly DemoPerson[] };
  uztGroup: { id: string; name: string; client: DemoPerson; couponNumber: string };
}

export const DEMO_INVOICE_GROUP_ID = '4fa15e42-9d70-4152-8e99-000000000007';
export const DEMO_INVOICE_GROUP_NAME = 'VA-B1-2026-09 (baigta, sąskaitai faktūrai)';
export const DEMO_UZT_GROUP_ID = '4fa15e42-9d70-4152-8e99-000000000008';
export const DEMO_UZT_GROUP_NAME = 'VA-B1-2026-UZT (užimtumo tarnybos klientai)';

const person = (key: string, firstName: string, lastName: string, birthDate: string): DemoPerson => ({
  personKey: `demo-${key}`,
  firstName,
  lastName,
  email: `${key}@dalyviai.example.lt`,
  birthDate,
});

/** The demo institution's groups for "Sąskaitos faktūros" and "Dokumentų pateikimas užimtumo tarnybai". */
export function demoInvoiceSpec(): InvoiceDemoSpec {
  return {
    institutionId: DEMO.institution.id,
    programmeId: DEMO.programmes.english.id,
    venueId: DEMO.venues.vilnius.id,
    invoiceGroup: {
      id: DEMO_INVOICE_GROUP_ID,
      name: DEMO_INVOICE_GROUP_NAME,
      participants: [
        person('ona.kazlauskaite', 'Ona', 'Kazlauskaitė', '1988-04-12'),
        person('jonas.petrauskas', 'Jonas', 'Petrauskas', '1979-11-03'),
        person('aiste.urboniene', 'Aistė', 'Urbonienė', '1992-07-21'),
      ],
    },
    uztGroup: {
      id: DEMO_UZT_GROUP_ID,
      name: DEMO_UZT_GROUP_NAME,
      client: person('daiva.stankeviciene', 'Daiva', 'Stankevičienė', '1984-02-09'),
      couponNumber: 'UZT-DEMO-000001',
    },
  };
}

async function participantId(db: DbOrTx, p: DemoPerson): Promise<string> {
  await db
    .insertInto('participants')
    .values({
      person_key: p.personKey,
      first_name: p.firstName,
      last_name: p.lastName,
      email: p.email,
      citizen: true,
      birth_date: p.birthDate,
    })
    .onConflict((oc) => oc.column('person_key').doNothing())
    .execute();
  return (await db.selectFrom('participants').select('id').where('person_key', '=', p.personKey).executeTakeFirstOrThrow()).id;
}

interface GroupRow {
  id: string;
  name: string;
  status: GroupStatus;
  funding: 'IMP_KREPSELIS' | 'UZT';
  start: string;
  end: string;
}

async function insertGroup(db: DbOrTx, spec: InvoiceDemoSpec, g: GroupRow): Promise<void> {
  await db
    .insertInto('training_groups')
    .values({
      id: g.id,
      institution_id: spec.institutionId,
      programme_id: spec.programmeId,
      name: g.name,
      funding_sources: [g.funding],
      price: '180.00',
      language: 'anglų',
      min_participants: 1,
      max_participants: 12,
      special_needs: false,
      venue_id: spec.venueId,
      registration_start: addDays(g.start, -21),
      registration_end: addDays(g.start, -7),
      programme_start: g.start,
      programme_end: g.end,
      status: g.status,
      status_reason: null,
      version: 1,
    })
    .execute();
}

async function insertRegistration(db: DbOrTx, spec: InvoiceDemoSpec, groupId: string, p: DemoPerson, funding: 'IMP_KREPSELIS' | 'UZT') {
  const id = crypto.randomUUID();
  await db
    .insertInto('group_registrations')
    .values({
      id,
      group_id: groupId,
      institution_id: spec.institutionId,
      participant_id: await participantId(db, p),
      person_key: p.personKey,
      first_name: p.firstName,
      last_name: p.lastName,
      email: p.email,
      phone: null,
      funding,
      status: 'CONTRACTED',
    })
    .execute();
  return id;
}

/**
 * The finished group with three certified participants; false when it exists already. Runs the
 * certificate issuance for the institution (a few seconds: three PDFs rendered and sealed).
 */
export async function seedInvoiceGroup(
  db: Db,
  temporal: Client,
  config: Config,
  spec: InvoiceDemoSpec,
  now = new Date(),
): Promise<boolean> {
  const g = spec.invoiceGroup;
  const certificates = () => db.selectFrom('certificates').select('id').where('group_id', '=', g.id).execute();
  const exists = await findGroup(db, spec.institutionId, g.id);
  // Seeded before, or a seed stopped before the issuance (which then runs again).
  if (exists && (await certificates()).length === g.participants.length) return false;
  if (!(await findProgramme(db, spec.institutionId, spec.programmeId))) throw new Error(`demo programme ${spec.programmeId} missing`);
  const today = vilniusDate(now);
  if (!exists) await db.transaction().execute((trx) => insertFinishedGroup(trx, spec, today, now));
  // The nightly issuance, for this institution and today (DONE-9, DONE-17).
  const result = (await temporal.workflow.execute<typeof certificateIssuanceWorkflow>('certificateIssuanceWorkflow', {
    workflowId: certificateIssuanceWorkflowId(`${today}-demo-${g.id}`),
    taskQueue: config.temporal.taskQueue,
    args: [{ day: today, institutionIds: [spec.institutionId] }],
    staticSummary: 'Pažymėjimų išdavimas: demonstracinė grupė sąskaitai faktūrai (npm start)',
  })) as CertificateIssuanceResult;
  const certified = await certificates();
  if (certified.length !== g.participants.length)
    throw new Error(`demo group ${g.name}: ${certified.length} certificates issued (${result.summary}; ${result.firstError ?? ''})`);
  console.log(`demo data: group "${g.name}" with ${certified.length} certificates, ready for "Sąskaitos faktūros"`);
  return true;
}

/** The group, its registrations and contracts with every completion mark in the past (one transaction). */
async function insertFinishedGroup(db: DbOrTx, spec: InvoiceDemoSpec, today: string, now: Date): Promise<void> {
  const g = spec.invoiceGroup;
  await insertGroup(db, spec, {
    ...g,
    status: GroupStatus.Completed,
    funding: 'IMP_KREPSELIS',
    start: addDays(today, -45),
    end: addDays(today, -3),
  });
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
  for (const [i, p] of g.participants.entries()) {
    const id = await insertRegistration(db, spec, g.id, p, 'IMP_KREPSELIS');
    const participant = await db.selectFrom('group_registrations').select('participant_id').where('id', '=', id).executeTakeFirstOrThrow();
    await db
      .insertInto('learning_contracts')
      .values({
        id,
        institution_id: spec.institutionId,
        group_id: g.id,
        programme_id: spec.programmeId,
        participant_id: participant.participant_id!,
        version: 1,
        phase: 'GALIOJA',
        participant_status: 'PASIRASYTA',
        provider_status: 'PASIRASYTA',
        signing_deadline: ago(45),
        number: `SUT-DEMO-2026-${String(i + 1).padStart(4, '0')}`,
        participant_signed_at: ago(50),
        provider_signed_at: ago(49),
        started_at: ago(45),
        completed_at: ago(3),
        assessment: 'Įskaityta',
        assessment_confirmed_at: ago(3),
        questionnaire_filled_at: ago(2),
      })
      .execute();
  }
  await db.updateTable('training_groups').set({ active_registrations: g.participants.length }).where('id', '=', g.id).execute();
}

/** The UŽT client with an approved coupon (monthly settlement); false when her group exists already. */
export async function seedUztClient(db: Db, spec: InvoiceDemoSpec, now = new Date()): Promise<boolean> {
  const u = spec.uztGroup;
  if (await findGroup(db, spec.institutionId, u.id)) return false;
  const programme = await findProgramme(db, spec.institutionId, spec.programmeId);
  if (!programme) throw new Error(`demo programme ${spec.programmeId} missing`);
  const institution = await db.selectFrom('institutions').select('code').where('id', '=', spec.institutionId).executeTakeFirstOrThrow();
  const today = vilniusDate(now);
  const start = addDays(today, -40);
  const end = addDays(today, 50);
  await db.transaction().execute(async (trx) => {
    await insertGroup(trx, spec, { ...u, status: GroupStatus.InDelivery, funding: 'UZT', start, end });
    const registrationId = await insertRegistration(trx, spec, u.id, u.client, 'UZT');
    await trx.updateTable('training_groups').set({ active_registrations: 1 }).where('id', '=', u.id).execute();
    await trx
      .insertInto('uzt_coupons')
      .values({
        registration_id: registrationId,
        institution_id: spec.institutionId,
        section1: { couponNumber: u.couponNumber, givenName: u.client.firstName, familyName: u.client.lastName },
        section2: {
          institutionCode: institution.code,
          programmeCode: programme.code,
          programmeName: programme.name,
          groupId: u.id,
          startDate: start,
          endDate: end,
          price: '180.00',
          contactHours: Number(programme.contact_hours),
          settlement: 'MONTHLY',
          bankAccount: 'LT601010012345678901',
        },
        status: 'PATVIRTINTAS',
        decided_at: now,
        settlement_frequency: 'KAS_MENESI',
        bank_account: 'LT601010012345678901',
      })
      .execute();
  });
  console.log(
    `demo data: UŽT client ${u.client.firstName} ${u.client.lastName} (coupon approved) for "Dokumentų pateikimas užimtumo tarnybai"`,
  );
  return true;
}
