import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { GroupInfo } from '../../workflows/domain/group-info.ts';
import type { GroupStatus } from '../../workflows/domain/group-status.ts';
import { programmeAcceptsNewGroups, programmeClosedMessage } from '../../workflows/domain/programme-state.ts';
import type { RegistrationStatus } from '../../workflows/domain/registration.ts';
import type { UztProviderData } from '../../workflows/domain/uzt-coupon.ts';
import type { Db, DbOrTx } from '../client.ts';
import type { TrainingGroupRow } from '../schema.ts';
import type { GroupProjectionWrites, GroupRegistrationRow } from '../tables/registrations.ts';
import { diffFields, writeAudit, type AuditEntry } from './audit.ts';
import { queueEmail } from './outbox.ts';
import { saveProviderData } from './uzt-coupons.ts';

/** The programme of a new group is suspended or deregistered (PROG-30); the message says which. */
export class ProgrammeClosedError extends Error {}

/** The group workflow's lifecycle facts, projected with the group (absent in projections recorded before them). */
export interface GroupLifecycleColumns {
  activeRegistrations: number;
  signedContracts: number;
  registrationClosesAt: string | null;
  programmeStartsAt: string | null;
  decisionDueAt: string | null;
  contractSigningStartedAt: string | null;
  completionRecordedAt: string | null;
  /** OQ-12: why the automatic G4 did not start contract signing (absent in projections recorded before it). */
  deliveryBlockedReason?: string | null;
}

/** E-mails the group sends its participants on a change (GRP-33, GRP-34, GRP-42). */
export type RegistrationNotice =
  'GROUP_NOT_FORMED' | 'NO_CONTRACT' | 'CONTRACT_INVITATION' | 'APPROVED' | 'REJECTED' | 'REMOVED' | 'COUPON_REJECTED';

export interface NewRegistration {
  id: string;
  personKey: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  funding: GroupRegistrationRow['funding'];
  /** The participant's KURSUOK account; absent in projections recorded before the portal. */
  participantId?: string | null;
}

export interface GroupProjection {
  groupId: string;
  institutionId: string;
  programmeId: string;
  version: number;
  status: GroupStatus;
  info: GroupInfo;
  action: 'create' | 'update' | 'status' | 'registration' | 'deadline' | 'contract' | 'completion';
  /** Why the status changed (a suspension's reason); absent otherwise. */
  statusReason?: string;
  /** A user's command, or the system applying a rule of L1 (e.g. 'G4'). */
  actor: { userId: string; requestId: string; personalCodeHash?: string } | { system: string };
  lifecycle?: GroupLifecycleColumns;
  /** A registration accepted by the group (P1). */
  newRegistration?: NewRegistration;
  /** Registrations accepted together (P1, the workflow's group commit). */
  newRegistrations?: NewRegistration[];
  /** Registrations whose status changes with this projection, and the e-mail each participant gets. */
  registrationChange?: {
    ids: string[];
    to: RegistrationStatus;
    reason: string | null;
    notice: RegistrationNotice | null;
    /** The institution user who decided (PART-9); absent for the system's changes. */
    decidedBy?: string;
  };
  /** Invite every approved participant to sign the learning contract (GRP-34); UŽT ones once their coupon is approved (UZT-17). */
  inviteApproved?: boolean;
  /** Invite these approved participants (PART-12: approved while "Vykdoma"; UZT-17: coupon approved). */
  inviteIds?: string[];
  /** The provider's UŽT data of a UŽT registration it approves (UZT-6, UZT-8, UZT-14), stored with the approval. */
  couponProviderData?: { registrationId: string; data: UztProviderData };
}

export interface GroupProjectionResult {
  applied: boolean;
  /** Outbox e-mails this projection queued (also when it had been applied before), to deliver. */
  emailIds: string[];
  /** Registrations this projection invited to sign their contract (GRP-34, PART-12, UZT-17): their contracts start. */
  invitedIds?: string[];
}

/** Composes a participant e-mail; activities pass their templates in. */
export type NoticeComposer = (
  notice: RegistrationNotice,
  facts: {
    firstName: string;
    groupName: string;
    programmeId: string;
    institutionId: string;
    programmeStart: string;
    reason: string | null;
  },
) => Promise<{ subject: string; text: string }>;

function columns(p: GroupProjection) {
  return {
    name: p.info.name,
    funding_sources: p.info.fundingSources,
    price: p.info.price,
    language: p.info.language,
    min_participants: p.info.minParticipants,
    max_participants: p.info.maxParticipants,
    special_needs: p.info.specialNeeds,
    venue_id: p.info.venueId,
    registration_start: p.info.registrationStart,
    registration_end: p.info.registrationEnd,
    programme_start: p.info.programmeStart,
    programme_end: p.info.programmeEnd,
    // GRP-39: absent unless the group is UŽT-funded; stored as null then.
    target_group: p.info.targetGroup ?? null,
    vet_form: p.info.vetForm ?? null,
    duration_weeks: p.info.durationWeeks ?? null,
    duration_days: p.info.durationDays ?? null,
    theory_assessment_date: p.info.theoryAssessmentDate ?? null,
    practice_assessment_date: p.info.practiceAssessmentDate ?? null,
    status: p.status,
    // The reason stays with the status it explains: a later change of status clears it.
    status_reason: p.statusReason ?? null,
  };
}

const instant = (iso: string | null) => (iso === null ? null : new Date(iso));

function lifecycleColumns(l: GroupLifecycleColumns | undefined) {
  if (!l) return {};
  return {
    active_registrations: l.activeRegistrations,
    signed_contracts: l.signedContracts,
    registration_closes_at: instant(l.registrationClosesAt),
    programme_starts_at: instant(l.programmeStartsAt),
    decision_due_at: instant(l.decisionDueAt),
    contract_signing_started_at: instant(l.contractSigningStartedAt),
    completion_recorded_at: instant(l.completionRecordedAt),
    ...(l.deliveryBlockedReason !== undefined ? { delivery_blocked_reason: l.deliveryBlockedReason } : {}),
  };
}

/** The audited form of the lifecycle columns: ISO strings, so the diff compares like with like. */
function auditedLifecycle(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
}

function auditActor(actor: GroupProjection['actor']): AuditEntry['actor'] {
  return 'system' in actor ? { kind: 'system' } : { kind: 'user', userId: actor.userId, personalCodeHash: actor.personalCodeHash ?? null };
}

/**
 * Writes a group workflow's state, with its audit row, its registrations' changes and the e-mails
 * they cause, in one transaction, under the group row's lock.
 *
 * Idempotent by content (issue 16). The workflow projects through a local activity, which its
 * history does not guard: a workflow task retried after the projection committed projects the SAME
 * version again, possibly with other content (a registration batch with more or fewer Updates, a
 * signal handled first). So each projection records what it wrote (group_projection_writes), and
 * - the same version with the same content (a retried regular activity) changes nothing, reports
 *   applied = false and returns the e-mails and invitations it returned then;
 * - the same version with other content first takes back what the earlier attempt wrote (its
 *   registrations p does not carry, the statuses and coupon data it changed, its audit rows, its
 *   unsent e-mails p does not queue again) and then writes p, so Postgres ends exactly as p says;
 * - an older version (or one written before that record existed) changes nothing and returns the
 *   e-mails of its kind still unsent and the participants it would invite, as it always did.
 */
export async function applyGroupProjection(db: Db, p: GroupProjection, compose?: NoticeComposer): Promise<GroupProjectionResult> {
  const contentHash = hashOf(p);
  const added = [...(p.newRegistration ? [p.newRegistration] : []), ...(p.newRegistrations ?? [])];
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('training_groups').selectAll().where('id', '=', p.groupId).forUpdate().executeTakeFirst();
    let earlier: EarlierAttempt | null = null;
    if (current && current.version >= p.version) {
      const last =
        current.version === p.version
          ? await trx.selectFrom('group_projection_writes').selectAll().where('group_id', '=', p.groupId).executeTakeFirst()
          : undefined;
      if (!last || last.version !== p.version) return repeatedProjection(trx, p);
      if (last.content_hash === contentHash) return { applied: false, ...last.result };
      earlier = await takeBack(trx, p, last, new Set(added.map((r) => r.id)));
    }
    const after = columns(p);
    const lifecycle = lifecycleColumns(p.lifecycle);
    let before: Record<string, unknown> | null;
    if (current) {
      before = earlier ? earlier.groupBefore : auditedLifecycle(pick(current, [...Object.keys(after), ...Object.keys(lifecycle)]));
      await trx
        .updateTable('training_groups')
        .set({ ...after, ...lifecycle, version: p.version, updated_at: new Date() })
        .where('id', '=', p.groupId)
        .execute();
    } else {
      // G1, PROG-30: the programme must still accept groups; FOR SHARE holds off a concurrent suspension.
      const programme = await trx
        .selectFrom('programmes')
        .select('state')
        .where('id', '=', p.programmeId)
        .where('institution_id', '=', p.institutionId)
        .forShare()
        .executeTakeFirst();
      if (programme && !programmeAcceptsNewGroups(programme)) throw new ProgrammeClosedError(programmeClosedMessage(programme));
      // No row to lock yet: a concurrent first write of the same group inserts nothing here.
      const inserted = await trx
        .insertInto('training_groups')
        .values({ ...after, ...lifecycle, id: p.groupId, institution_id: p.institutionId, programme_id: p.programmeId, version: p.version })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) return { applied: false, emailIds: [] };
      before = null;
    }
    const requestId = 'system' in p.actor ? null : p.actor.requestId;
    const changes = diffFields(before, auditedLifecycle({ ...after, ...lifecycle }));
    if ('system' in p.actor) changes.rule = { before: null, after: p.actor.system };
    await writeAudit(trx, {
      actor: auditActor(p.actor),
      institutionId: p.institutionId,
      entityType: 'training_group',
      entityId: p.groupId,
      action: p.action,
      changes,
      requestId,
    });
    const writes: GroupProjectionWrites = { groupBefore: before, inserted: added.map((r) => r.id), changed: [], couponBefore: null };
    if (added.length > 0) await insertRegistrations(trx, p, added, earlier?.kept ?? new Set());
    const mail: Mail = { compose, reusable: earlier?.emails ?? new Map() };
    const emailIds: string[] = [];
    if (p.registrationChange) emailIds.push(...(await changeRegistrations(trx, p, mail, writes)));
    if (p.couponProviderData && !('system' in p.actor)) {
      const { userId, requestId, personalCodeHash } = p.actor;
      writes.couponBefore = await couponBefore(trx, p.couponProviderData.registrationId, p.institutionId);
      await saveProviderData(trx, {
        ...p.couponProviderData,
        institutionId: p.institutionId,
        actor: { userId, requestId, personalCodeHash: personalCodeHash ?? '' },
      });
    }
    const invitedIds: string[] = [];
    if (p.inviteApproved || p.inviteIds?.length) emailIds.push(...(await inviteApproved(trx, p, mail, invitedIds)));
    // The earlier attempt's e-mails that p does not queue again were never the workflow's: unsent, they go.
    if (mail.reusable.size > 0) await dropUnsentEmails(trx, [...mail.reusable.values()]);
    const result = { emailIds, invitedIds };
    await trx
      .insertInto('group_projection_writes')
      .values({ group_id: p.groupId, version: p.version, content_hash: contentHash, written_at: sql<Date>`now()`, writes, result })
      .onConflict((oc) =>
        oc.column('group_id').doUpdateSet({ version: p.version, content_hash: contentHash, written_at: sql<Date>`now()`, writes, result }),
      )
      .execute();
    return { applied: true, ...result };
  });
}

/** A projection not above the stored version, applied before this record existed or older: nothing written. */
async function repeatedProjection(trx: DbOrTx, p: GroupProjection): Promise<GroupProjectionResult> {
  // Applied before (a retried activity): the same e-mails to deliver, the same people to start contracts for.
  const invitedIds = p.inviteApproved || p.inviteIds?.length ? (await invitees(trx, p)).map((r) => r.id) : [];
  return { applied: false, emailIds: await queuedNotices(trx, p), invitedIds };
}

/** A stable digest of a projection's content (keys sorted, so two encodings of the same content agree). */
function hashOf(p: GroupProjection): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(p)))
    .digest('base64url');
}

/** What a re-apply keeps from the earlier attempt of its version. */
interface EarlierAttempt {
  /** The group's columns before that version (the audit's "before"). */
  groupBefore: Record<string, unknown> | null;
  /** Registrations that attempt inserted and p carries too: they stay, with their audit rows. */
  kept: Set<string>;
  /** That attempt's e-mails by kind and registration, reused when p queues the same one. */
  emails: Map<string, string>;
}

const emailKey = (kind: string, registrationId: string) => `${kind}:${registrationId}`;

/**
 * Takes back what the earlier attempt of p's version wrote, so that p can be written as if it were
 * first: its audit rows (they share its transaction's now()), the registrations it inserted that p
 * does not carry, the statuses and the coupon data it changed. Its e-mails are kept for p to reuse.
 */
async function takeBack(
  trx: DbOrTx,
  p: GroupProjection,
  last: { writes: GroupProjectionWrites; result: { emailIds: string[] } },
  carried: Set<string>,
): Promise<EarlierAttempt> {
  const w = last.writes;
  const kept = new Set(w.inserted.filter((id) => carried.has(id)));
  const dropped = w.inserted.filter((id) => !kept.has(id));
  const touched = [...dropped, ...w.changed.map((c) => c.id)];
  await trx
    .deleteFrom('audit_log')
    // Compared in SQL: written_at keeps microseconds, a JavaScript Date would not.
    .where('occurred_at', '=', trx.selectFrom('group_projection_writes').select('written_at').where('group_id', '=', p.groupId))
    .where('institution_id', '=', p.institutionId)
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'training_group'), eb('entity_id', '=', p.groupId)]),
        ...(touched.length ? [eb.and([eb('entity_type', '=', 'group_registration'), eb('entity_id', 'in', touched)])] : []),
        ...(w.couponBefore ? [eb.and([eb('entity_type', '=', 'uzt_coupon'), eb('entity_id', '=', w.couponBefore.registrationId)])] : []),
      ]),
    )
    .execute();
  if (dropped.length > 0)
    await trx.deleteFrom('group_registrations').where('group_id', '=', p.groupId).where('id', 'in', dropped).execute();
  if (w.changed.length > 0) {
    await sql`
      update group_registrations r
      set status = v.status, status_reason = v.status_reason, decided_by = v.decided_by, decided_at = v.decided_at, updated_at = v.updated_at
      from jsonb_to_recordset(${w.changed}::jsonb)
        as v(id uuid, status text, status_reason text, decided_by uuid, decided_at timestamptz, updated_at timestamptz)
      where r.id = v.id and r.group_id = ${p.groupId}`.execute(trx);
  }
  if (w.couponBefore) {
    await trx
      .updateTable('uzt_coupons')
      .set(w.couponBefore.data as Record<string, never>)
      .where('registration_id', '=', w.couponBefore.registrationId)
      .where('institution_id', '=', p.institutionId)
      .execute();
  }
  const emails = new Map<string, string>();
  if (last.result.emailIds.length > 0) {
    const rows = await trx.selectFrom('email_outbox').select(['id', 'kind', 'entity_id']).where('id', 'in', last.result.emailIds).execute();
    for (const r of rows) emails.set(emailKey(r.kind, r.entity_id), r.id);
  }
  return { groupBefore: w.groupBefore, kept, emails };
}

/** The coupon's provider data as it is before p replaces it (null: no coupon row yet). */
async function couponBefore(trx: DbOrTx, registrationId: string, institutionId: string): Promise<GroupProjectionWrites['couponBefore']> {
  const row = await trx
    .selectFrom('uzt_coupons')
    .select(['bank_account', 'settlement_frequency', 'employer_id', 'employer_phone', 'employer_email', 'practice_address', 'updated_at'])
    .where('registration_id', '=', registrationId)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
  return row ? { registrationId, data: { ...row, updated_at: row.updated_at.toISOString() } } : null;
}

/** Unsent e-mails of an attempt that was taken back (one being delivered right now, or sent, stays: it cannot be unsent). */
async function dropUnsentEmails(trx: DbOrTx, ids: string[]): Promise<void> {
  await trx
    .deleteFrom('email_outbox')
    .where('id', 'in', ids)
    .where('sent_at', 'is', null)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', sql<Date>`now()`)]))
    .execute();
}

/**
 * Inserts the registrations p accepts, each by its own id: one the earlier attempt of the same
 * version inserted (`kept`) stays as it is; an id that is any other existing row is refused.
 */
async function insertRegistrations(trx: DbOrTx, p: GroupProjection, added: NewRegistration[], kept: Set<string>): Promise<void> {
  const fresh = added.filter((r) => !kept.has(r.id));
  if (fresh.length === 0) return;
  const inserted = await trx
    .insertInto('group_registrations')
    .values(
      fresh.map((r) => ({
        id: r.id,
        group_id: p.groupId,
        institution_id: p.institutionId,
        person_key: r.personKey,
        first_name: r.firstName,
        last_name: r.lastName,
        email: r.email,
        phone: r.phone,
        funding: r.funding,
        participant_id: r.participantId ?? null,
        status: 'REGISTERED' as const,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .execute();
  if (inserted.length !== fresh.length) {
    const taken = new Set(inserted.map((r) => r.id));
    const clash = fresh.filter((r) => !taken.has(r.id)).map((r) => r.id);
    throw new Error(`group ${p.groupId} version ${p.version}: registration ids already used: ${clash.join(', ')}`);
  }
  await trx
    .insertInto('audit_log')
    .values(
      fresh.map((r) => ({
        actor_kind: 'system' as const,
        actor_user_id: null,
        actor_personal_code_hash: null,
        institution_id: p.institutionId,
        entity_type: 'group_registration',
        entity_id: r.id,
        action: 'create',
        changes: diffFields(null, { group_id: p.groupId, funding: r.funding, status: 'REGISTERED' }),
        request_id: null,
      })),
    )
    .execute();
}

function mailFacts(p: GroupProjection, firstName: string) {
  return {
    firstName,
    groupName: p.info.name,
    programmeId: p.programmeId,
    institutionId: p.institutionId,
    programmeStart: p.info.programmeStart,
    reason: p.registrationChange?.reason ?? null,
  };
}

/** How a projection queues its e-mails: composed by the activity's templates; the earlier attempt's reused. */
interface Mail {
  compose: NoticeComposer | undefined;
  /** E-mails of the earlier attempt of the same version, by kind and registration; each taken at most once. */
  reusable: Map<string, string>;
}

async function changeRegistrations(trx: DbOrTx, p: GroupProjection, mail: Mail, writes: GroupProjectionWrites): Promise<string[]> {
  const change = p.registrationChange!;
  if (change.ids.length === 0) return [];
  // The values before, so that a re-apply of this version can put them back (issue 16).
  const before = await trx
    .selectFrom('group_registrations')
    .select(['id', 'status', 'status_reason', 'decided_by', 'decided_at', 'updated_at'])
    .where('group_id', '=', p.groupId)
    .where('id', 'in', change.ids)
    .forUpdate()
    .execute();
  writes.changed = before.map((r) => ({
    ...r,
    decided_at: r.decided_at ? r.decided_at.toISOString() : null,
    updated_at: r.updated_at.toISOString(),
  }));
  const rows = await trx
    .updateTable('group_registrations')
    .set({
      status: change.to,
      status_reason: change.reason,
      updated_at: new Date(),
      ...(change.decidedBy ? { decided_by: change.decidedBy, decided_at: new Date() } : {}),
    })
    .where('group_id', '=', p.groupId)
    .where('id', 'in', change.ids)
    .returning(['id', 'status', 'first_name', 'last_name', 'email'])
    .execute();
  const emailIds: string[] = [];
  for (const row of rows) {
    await writeAudit(trx, {
      actor: auditActor(p.actor),
      institutionId: p.institutionId,
      entityType: 'group_registration',
      entityId: row.id,
      action: 'status',
      changes: {
        status: { before: null, after: change.to },
        ...(change.reason ? { status_reason: { before: null, after: change.reason } } : {}),
      },
      requestId: 'system' in p.actor ? null : p.actor.requestId,
    });
    if (change.notice && mail.compose) emailIds.push(await queueNotice(trx, p, change.notice, row, mail));
  }
  return emailIds;
}

/** GRP-34, PART-12, UZT-17: who is invited to sign now (approved; a UŽT participant once UŽT approved the coupon). */
function invitees(trx: DbOrTx, p: GroupProjection) {
  let q = trx
    .selectFrom('group_registrations as r')
    .leftJoin('uzt_coupons as c', 'c.registration_id', 'r.id')
    .select(['r.id', 'r.first_name', 'r.last_name', 'r.email'])
    .where('r.group_id', '=', p.groupId)
    .where('r.status', '=', 'APPROVED')
    .where((eb) => eb.or([eb('r.funding', '<>', 'UZT'), eb('c.status', '=', 'PATVIRTINTAS')]));
  if (!p.inviteApproved) q = q.where('r.id', 'in', p.inviteIds!);
  return q.execute();
}

async function inviteApproved(trx: DbOrTx, p: GroupProjection, mail: Mail, invited: string[]): Promise<string[]> {
  const rows = await invitees(trx, p);
  invited.push(...rows.map((r) => r.id));
  if (!mail.compose) return [];
  const ids: string[] = [];
  for (const row of rows) ids.push(await queueNotice(trx, p, 'CONTRACT_INVITATION', row, mail));
  return ids;
}

async function queueNotice(
  trx: DbOrTx,
  p: GroupProjection,
  notice: RegistrationNotice,
  row: { id: string; first_name: string; last_name: string; email: string },
  mail: Mail,
): Promise<string> {
  const text = await mail.compose!(notice, mailFacts(p, row.first_name));
  const to = { address: row.email, name: `${row.first_name} ${row.last_name}` };
  const key = emailKey(notice, row.id);
  const earlier = mail.reusable.get(key);
  if (earlier) {
    // The earlier attempt of this version queued it already: the same e-mail, never a second one.
    mail.reusable.delete(key);
    await trx
      .updateTable('email_outbox')
      .set({ to_address: to.address.trim(), to_name: to.name, subject: text.subject, text_body: text.text })
      .where('id', '=', earlier)
      .where('sent_at', 'is', null)
      .execute();
    return earlier;
  }
  return queueEmail(trx, {
    to,
    subject: text.subject,
    text: text.text,
    kind: notice,
    entityType: 'group_registration',
    entityId: row.id,
    institutionId: p.institutionId,
  });
}

/** The e-mails an already applied projection queued: those of its kind for the registrations it names. */
async function queuedNotices(trx: DbOrTx, p: GroupProjection): Promise<string[]> {
  const kinds: RegistrationNotice[] = [];
  if (p.registrationChange?.notice) kinds.push(p.registrationChange.notice);
  if (p.inviteApproved || p.inviteIds?.length) kinds.push('CONTRACT_INVITATION');
  if (kinds.length === 0) return [];
  const rows = await trx
    .selectFrom('email_outbox')
    .select('id')
    .where('entity_type', '=', 'group_registration')
    .where('kind', 'in', kinds)
    .where(
      'entity_id',
      'in',
      trx
        .selectFrom('group_registrations')
        .select(sql<string>`id::text`.as('id'))
        .where('group_id', '=', p.groupId),
    )
    .where('sent_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

function pick(row: TrainingGroupRow, keys: string[]): Record<string, unknown> {
  const r = row as unknown as Record<string, unknown>;
  return Object.fromEntries(keys.map((k) => [k, r[k]]));
}

/** One group, only if it belongs to the institution (GEN-5): otherwise undefined. */
export async function findGroup(db: DbOrTx, institutionId: string, groupId: string): Promise<TrainingGroupRow | undefined> {
  return db
    .selectFrom('training_groups')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .where('id', '=', groupId)
    .executeTakeFirst();
}

/** The institution a group id belongs to (any institution's), or undefined when no group has it. */
export async function groupInstitutionId(db: DbOrTx, groupId: string): Promise<string | undefined> {
  const row = await db.selectFrom('training_groups').select('institution_id').where('id', '=', groupId).executeTakeFirst();
  return row?.institution_id;
}

/** The stored "Grupės informacija" of a group, in the domain's shape. */
export function groupInfoFromRow(g: TrainingGroupRow): GroupInfo {
  // The UŽT-only fields appear only when stored (GRP-39), as the workflow's GroupInfo has them.
  const uzt: Partial<GroupInfo> = {};
  if (g.target_group !== null) uzt.targetGroup = g.target_group as NonNullable<GroupInfo['targetGroup']>;
  if (g.vet_form !== null) uzt.vetForm = g.vet_form as NonNullable<GroupInfo['vetForm']>;
  if (g.duration_weeks !== null) uzt.durationWeeks = g.duration_weeks;
  if (g.duration_days !== null) uzt.durationDays = g.duration_days;
  if (g.theory_assessment_date !== null) uzt.theoryAssessmentDate = g.theory_assessment_date;
  if (g.practice_assessment_date !== null) uzt.practiceAssessmentDate = g.practice_assessment_date;
  return {
    name: g.name,
    fundingSources: g.funding_sources as GroupInfo['fundingSources'],
    price: g.price,
    language: g.language,
    minParticipants: g.min_participants,
    maxParticipants: g.max_participants,
    specialNeeds: g.special_needs,
    venueId: g.venue_id,
    registrationStart: g.registration_start,
    registrationEnd: g.registration_end,
    programmeStart: g.programme_start,
    programmeEnd: g.programme_end,
    ...uzt,
  };
}
