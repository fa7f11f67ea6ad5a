// Groups and registrations through the real group workflow, and participants with their documents
// straight in Postgres, for the tests of "Mokymo dalyviai" and the UŽT coupon (the participants'
// portal is not what they test).
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Db } from '../../db/client.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import type { GroupDeadlines } from '../../workflows/domain/group-deadlines.ts';
import { validateGroupInfo, type FundingSource, type GroupInfo } from '../../workflows/domain/group-info.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { trainingGroupWorkflowId } from '../../workflows/ids.ts';
import {
  changeGroupStatusUpdate,
  createGroupUpdate,
  registerParticipantUpdate,
  type Actor,
  type RegisterParticipantCommand,
} from '../../workflows/training-group/messages.ts';
import type { trainingGroupWorkflow } from '../../workflows/training-group/workflow.ts';
import { fullSchedule, groupForm, type InstitutionFixture } from './fixtures.ts';
import { pdfBytes } from './pdf.ts';
import { personalCodeCheckDigit } from '../../workflows/domain/personal-code.ts';

export function groupInfo(fx: InstitutionFixture, overrides: Record<string, string | string[]> = {}): GroupInfo {
  const result = validateGroupInfo(groupForm(fx.venueId, { registrationStart: vilniusDate(new Date()), ...overrides }));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.info;
}

/** Registration closes and delivery starts this many seconds from now. */
export function deadlinesIn(closeIn: number, startIn: number): GroupDeadlines {
  const now = Date.now();
  return {
    registrationClosesAt: new Date(now + closeIn * 1000).toISOString(),
    programmeStartsAt: new Date(now + startIn * 1000).toISOString(),
  };
}

export const fixtureActor = (fx: InstitutionFixture): Actor => ({
  userId: fx.userId,
  institutionId: fx.institutionId,
  requestId: 'req-test',
  personalCodeHash: fx.personalCodeHash,
});

/** A group created and published through its workflow, with a full timetable (GRP-40). */
export async function publishedGroup(
  s: { client: Client; db: Db; taskQueue: string },
  fx: InstitutionFixture,
  d: GroupDeadlines,
  info: GroupInfo,
): Promise<{ groupId: string; handle: WorkflowHandle }> {
  const groupId = crypto.randomUUID();
  const handle = await s.client.workflow.start<typeof trainingGroupWorkflow>('trainingGroupWorkflow', {
    workflowId: trainingGroupWorkflowId(groupId),
    taskQueue: s.taskQueue,
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
  await handle.executeUpdate(createGroupUpdate, { args: [{ actor: fixtureActor(fx), info, deadlines: d }], updateId: groupId });
  await fullSchedule(s.db, { institutionId: fx.institutionId, groupId, venueId: fx.venueId });
  await handle.executeUpdate(changeGroupStatusUpdate, { args: [{ actor: fixtureActor(fx), to: GroupStatus.Published }] });
  return { groupId, handle };
}

export interface TestParticipant {
  participantId: string;
  personKey: string;
  firstName: string;
  email: string;
}

/** A KURSUOK account as the portal would store it at the first login (PART-3, PART-6). */
export async function insertParticipant(
  db: Db,
  p: {
    firstName: string;
    personKey?: string;
    sodraEmployed?: boolean | null;
    citizen?: boolean;
    education?: { level: string; qualification: string }[] | null;
  },
): Promise<TestParticipant> {
  const personKey = p.personKey ?? `key-${crypto.randomUUID()}`;
  // Unique per call: the Mailpit inbox is shared and kept between runs.
  const email = `${p.firstName.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}@dalyviai.example.lt`;
  const education = p.education === undefined ? [] : p.education;
  const row = await db
    .insertInto('participants')
    .values({
      person_key: personKey,
      first_name: p.firstName,
      last_name: 'Dalyvaitė',
      email,
      phone: '+370 600 11111',
      citizen: p.citizen ?? true,
      sodra_employed: p.sodraEmployed === undefined ? false : p.sodraEmployed,
      registry_education:
        education === null
          ? null
          : {
              documents: education.map((e) => ({
                type: 'DIPLOMA',
                series: 'A',
                number: '1',
                issuedOn: '2010-06-30',
                issuer: 'Vilniaus kolegija',
                programme: 'Programa',
                ...e,
              })),
            },
      registry_checked_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { participantId: row.id, personKey, firstName: p.firstName, email };
}

/** The participant registers for the group through its Update (as the portal does) and the row is linked to the account. */
export async function registerThroughWorkflow(
  db: Db,
  handle: WorkflowHandle,
  p: TestParticipant,
  funding: FundingSource = 'IMP_KREPSELIS',
  coupon?: RegisterParticipantCommand['coupon'],
): Promise<string> {
  const registrationId = crypto.randomUUID();
  const person = {
    personKey: p.personKey,
    firstName: p.firstName,
    lastName: 'Dalyvaitė',
    email: p.email,
    ...(coupon ? { participantId: p.participantId } : {}),
  };
  await handle.executeUpdate(registerParticipantUpdate, {
    args: [{ registrationId, funding, person, ...(coupon ? { coupon } : {}) }],
    updateId: registrationId,
  });
  await db.updateTable('group_registrations').set({ participant_id: p.participantId }).where('id', '=', registrationId).execute();
  return registrationId;
}

export async function insertDocument(
  db: Db,
  participantId: string,
  kind: 'ISSILAVINIMAS' | 'UZIMTUMAS' | 'GYVENIMAS',
  name: string,
): Promise<string> {
  const id = crypto.randomUUID();
  // A real PDF (showing its name), as an upload would have stored.
  const content = pdfBytes(name);
  await db
    .insertInto('participant_documents')
    .values({
      id,
      participant_id: participantId,
      kind,
      content_type: 'application/pdf',
      original_name: name,
      size: content.byteLength,
      sha256: 'x',
      content,
      review_due_at: new Date(Date.now() + 3 * 86_400_000),
    })
    .execute();
  return id;
}

/**
 * A valid Lithuanian personal code no other test uses (a random birth date in 1960–1999 and serial,
 * with its check digit): tests that share the database must not share people, whose keyed hashes are unique.
 */
export function uniquePersonalCode(): string {
  const gender = Math.random() < 0.5 ? '3' : '4';
  const year = 60 + Math.floor(Math.random() * 40);
  const month = 1 + Math.floor(Math.random() * 12);
  const day = 1 + Math.floor(Math.random() * 28);
  const serial = Math.floor(Math.random() * 1000);
  const firstTen = `${gender}${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(serial).padStart(3, '0')}`;
  return `${firstTen}${personalCodeCheckDigit(firstTen)}`;
}
