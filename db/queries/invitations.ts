// Institution users' invitations (L9): each change with its audit row and, where the change causes
// an e-mail, the outbox message, in one transaction.
import type { EmailText } from '../../workflows/domain/emails.ts';
import type { DbOrTx } from '../client.ts';
import type { NewUserFields } from '../../workflows/domain/user-form.ts';
import type { UserInvitation } from '../schema.ts';
import { diffFields, writeAudit, type AuditEntry } from './audit.ts';
import { queueEmail } from './outbox.ts';

export interface InvitationActorRow {
  userId: string | null;
  personalCodeHash: string;
  requestId: string;
}

function actorOf(a: InvitationActorRow): AuditEntry['actor'] {
  return a.userId
    ? { kind: 'user', userId: a.userId, personalCodeHash: a.personalCodeHash }
    : { kind: 'person', personalCodeHash: a.personalCodeHash };
}

/** The user window's data, as the invitation workflow carries it. */
type InvitedUser = NewUserFields;

export async function findInvitation(db: DbOrTx, invitationId: string): Promise<UserInvitation | undefined> {
  return db.selectFrom('user_invitations').selectAll().where('id', '=', invitationId).executeTakeFirst();
}

export async function findLatestInvitationOfUser(db: DbOrTx, userId: string): Promise<UserInvitation | undefined> {
  return db
    .selectFrom('user_invitations')
    .selectAll()
    .where('institution_user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** U1: the invited user, the invitation and its e-mail. Idempotent by invitation id. */
export async function createInvitedUser(
  db: DbOrTx,
  a: {
    invitationId: string;
    institutionId: string;
    tokenId: string;
    expiresAt: Date;
    user: InvitedUser;
    actor: InvitationActorRow;
    email: (userId: string) => EmailText;
  },
): Promise<{ userId: string; outboxId: string; created: boolean }> {
  const existing = await findInvitation(db, a.invitationId);
  if (existing) {
    const first = await db
      .selectFrom('email_outbox')
      .select('id')
      .where('entity_type', '=', 'user_invitation')
      .where('entity_id', '=', a.invitationId)
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    return { userId: existing.institution_user_id, outboxId: first.id, created: false };
  }
  const u = a.user;
  const user = await db
    .insertInto('institution_users')
    .values({
      institution_id: a.institutionId,
      first_name: u.firstName,
      last_name: u.lastName,
      email: u.email,
      phone: u.phone,
      position: u.position,
      rights: u.rights,
      employer_id: u.employerId,
      signing_document: u.signingDocument,
      personal_code_hash: u.personalCodeHash,
      status: 'INVITED',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('user_invitations')
    .values({
      id: a.invitationId,
      institution_user_id: user.id,
      institution_id: a.institutionId,
      expected_personal_code_hash: u.personalCodeHash,
      current_token_id: a.tokenId,
      expires_at: a.expiresAt,
    })
    .execute();
  const text = a.email(user.id);
  const outboxId = await queueEmail(db, {
    to: { address: u.email, name: `${u.firstName} ${u.lastName}` },
    subject: text.subject,
    text: text.text,
    kind: 'USER_INVITATION',
    entityType: 'user_invitation',
    entityId: a.invitationId,
    institutionId: a.institutionId,
  });
  const { personalCodeHash: _hidden, ...visible } = u;
  await writeAudit(db, {
    actor: actorOf(a.actor),
    institutionId: a.institutionId,
    entityType: 'institution_user',
    entityId: user.id,
    action: 'invite',
    changes: diffFields(null, { ...visible, status: 'INVITED' }),
    requestId: a.actor.requestId,
  });
  return { userId: user.id, outboxId, created: true };
}

/** U2: a new link (the old one stops working) and its e-mail. */
export async function renewInvitationLink(
  db: DbOrTx,
  a: {
    invitationId: string;
    tokenId: string;
    expiresAt: Date;
    actor: InvitationActorRow;
    email: EmailText;
    to: { address: string; name: string };
  },
): Promise<string> {
  const inv = await db
    .updateTable('user_invitations')
    .set({ current_token_id: a.tokenId, expires_at: a.expiresAt, status: 'PENDING', updated_at: new Date() })
    .where('id', '=', a.invitationId)
    .where('status', 'in', ['PENDING', 'EXPIRED'])
    .returning(['institution_user_id', 'institution_id'])
    .executeTakeFirst();
  if (!inv) throw new InvitationStateError('Kvietimas jau patvirtintas arba atšauktas.');
  const outboxId = await queueEmail(db, {
    to: a.to,
    subject: a.email.subject,
    text: a.email.text,
    kind: 'USER_INVITATION',
    entityType: 'user_invitation',
    entityId: a.invitationId,
    institutionId: inv.institution_id,
  });
  await writeAudit(db, {
    actor: actorOf(a.actor),
    institutionId: inv.institution_id,
    entityType: 'institution_user',
    entityId: inv.institution_user_id,
    action: 'resend_invitation',
    changes: { invitation_expires_at: { before: null, after: a.expiresAt.toISOString() } },
    requestId: a.actor.requestId,
  });
  return outboxId;
}

export class InvitationStateError extends Error {}
export class WrongPersonError extends Error {}

/** U3: the right person confirmed: the user becomes active, the consent is recorded, N2 is queued. */
export async function confirmInvitedUser(
  db: DbOrTx,
  a: { invitationId: string; tokenId: string; personalCodeHash: string; policyVersion: string; requestId: string; email: EmailText },
): Promise<{ userId: string; outboxId: string }> {
  const inv = await db.selectFrom('user_invitations').selectAll().where('id', '=', a.invitationId).forUpdate().executeTakeFirst();
  if (!inv || inv.status !== 'PENDING' || inv.current_token_id !== a.tokenId || inv.expires_at.getTime() <= Date.now()) {
    throw new InvitationStateError('Kvietimo nuoroda nebegalioja.');
  }
  if (inv.expected_personal_code_hash !== a.personalCodeHash)
    throw new WrongPersonError('Prisijungęs asmuo nėra tas, kuriam skirtas kvietimas.');
  const now = new Date();
  const user = await db
    .updateTable('institution_users')
    .set({ status: 'ACTIVE', confirmed_at: now, updated_at: now })
    .where('id', '=', inv.institution_user_id)
    .where('status', '=', 'INVITED')
    .returning(['id', 'email', 'first_name', 'last_name'])
    .executeTakeFirst();
  if (!user) throw new InvitationStateError('Naudotojas pašalintas.');
  await db
    .updateTable('user_invitations')
    .set({ status: 'CONFIRMED', confirmed_at: now, updated_at: now })
    .where('id', '=', inv.id)
    .execute();
  await db
    .insertInto('consents')
    .values({
      personal_code_hash: a.personalCodeHash,
      policy_version: a.policyVersion,
      context: 'KVIETIMO_PATVIRTINIMAS',
      institution_id: inv.institution_id,
    })
    .execute();
  const outboxId = await queueEmail(db, {
    to: { address: user.email, name: `${user.first_name} ${user.last_name}` },
    subject: a.email.subject,
    text: a.email.text,
    kind: 'USER_CONFIRMED',
    entityType: 'user_invitation',
    entityId: inv.id,
    institutionId: inv.institution_id,
  });
  await writeAudit(db, {
    actor: { kind: 'user', userId: user.id, personalCodeHash: a.personalCodeHash },
    institutionId: inv.institution_id,
    entityType: 'institution_user',
    entityId: user.id,
    action: 'confirm',
    changes: { status: { before: 'INVITED', after: 'ACTIVE' } },
    requestId: a.requestId,
  });
  return { userId: user.id, outboxId };
}

export async function expireInvitation(db: DbOrTx, invitationId: string, tokenId: string): Promise<boolean> {
  const inv = await db
    .updateTable('user_invitations')
    .set({ status: 'EXPIRED', updated_at: new Date() })
    .where('id', '=', invitationId)
    .where('status', '=', 'PENDING')
    .where('current_token_id', '=', tokenId)
    .returning(['institution_id', 'institution_user_id'])
    .executeTakeFirst();
  if (inv) {
    await writeAudit(db, {
      actor: { kind: 'system' },
      institutionId: inv.institution_id,
      entityType: 'institution_user',
      entityId: inv.institution_user_id,
      action: 'invitation_expired',
      changes: { invitation_status: { before: 'PENDING', after: 'EXPIRED' } },
      requestId: null,
    });
  }
  return inv !== undefined;
}

export async function cancelInvitation(db: DbOrTx, invitationId: string): Promise<void> {
  await db
    .updateTable('user_invitations')
    .set({ status: 'CANCELLED', updated_at: new Date() })
    .where('id', '=', invitationId)
    .where('status', 'in', ['PENDING', 'EXPIRED'])
    .execute();
}
