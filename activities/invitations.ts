// Activities of the UserInvitation workflow: Postgres writes (with audit and outbox) and links.
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/client.ts';
import {
  cancelInvitation,
  confirmInvitedUser,
  createInvitedUser,
  expireInvitation,
  findInvitation,
  InvitationStateError,
  renewInvitationLink,
  WrongPersonError,
  type InvitationActorRow,
} from '../db/queries/invitations.ts';
import { queueEmail } from '../db/queries/outbox.ts';
import { ErrorCode } from '../workflows/errors.ts';
import type { NewUserFields } from '../workflows/domain/user-form.ts';
import type { Config } from '../worker/config.ts';
import { identityConfirmedEmail, invitationEmail, invitationReminderEmail } from '../workflows/domain/emails.ts';
import { signInvitationToken } from '../worker/crypto.ts';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const CHECK_VIOLATION = '23514';

function translate(err: unknown): never {
  const code = (err as { code?: string }).code;
  if (code === UNIQUE_VIOLATION)
    throw ApplicationFailure.nonRetryable('Šis asmuo jau yra institucijos naudotojas.', ErrorCode.DuplicateUser);
  if (code === FOREIGN_KEY_VIOLATION || code === CHECK_VIOLATION) {
    throw ApplicationFailure.nonRetryable('Nuoroda į kitos institucijos duomenis arba neleistinos reikšmės.', ErrorCode.InvalidReference);
  }
  if (err instanceof InvitationStateError) throw ApplicationFailure.nonRetryable(err.message, ErrorCode.InvitationNotPending);
  if (err instanceof WrongPersonError) throw ApplicationFailure.nonRetryable(err.message, ErrorCode.WrongPerson);
  throw err;
}

export function createInvitationActivities({ db, config }: { db: Db; config: Config }) {
  const link = async (invitationId: string, tokenId: string, expiresAt: number) =>
    `${config.web.publicUrl}/kvietimas/${await signInvitationToken(config.secrets.signing, { invitationId, tokenId, expiresAt })}`;

  async function institutionName(institutionId: string): Promise<string> {
    const row = await db.selectFrom('institutions').select('name').where('id', '=', institutionId).executeTakeFirstOrThrow();
    return row.name;
  }

  async function invitee(invitationId: string) {
    return db
      .selectFrom('user_invitations as i')
      .innerJoin('institution_users as u', 'u.id', 'i.institution_user_id')
      .innerJoin('institutions as s', 's.id', 'i.institution_id')
      .select([
        'u.first_name',
        'u.last_name',
        'u.email',
        's.name as institution_name',
        'i.status',
        'i.current_token_id',
        'i.institution_id',
      ])
      .where('i.id', '=', invitationId)
      .executeTakeFirstOrThrow();
  }

  return {
    async createInvitation(a: {
      invitationId: string;
      institutionId: string;
      tokenId: string;
      expiresAt: number;
      user: NewUserFields;
      actor: InvitationActorRow;
    }): Promise<{ userId: string; outboxId: string }> {
      const name = await institutionName(a.institutionId);
      const url = await link(a.invitationId, a.tokenId, a.expiresAt);
      try {
        return await db.transaction().execute((trx) =>
          createInvitedUser(trx, {
            ...a,
            expiresAt: new Date(a.expiresAt),
            email: () =>
              invitationEmail({
                firstName: a.user.firstName,
                institutionName: name,
                rights: a.user.rights,
                link: url,
                expiresAt: a.expiresAt,
              }),
          }),
        );
      } catch (err) {
        return translate(err);
      }
    },

    async renewInvitationLink(a: { invitationId: string; tokenId: string; expiresAt: number; actor: InvitationActorRow }): Promise<string> {
      const who = await invitee(a.invitationId);
      const url = await link(a.invitationId, a.tokenId, a.expiresAt);
      try {
        return await db.transaction().execute((trx) =>
          renewInvitationLink(trx, {
            ...a,
            expiresAt: new Date(a.expiresAt),
            to: { address: who.email, name: `${who.first_name} ${who.last_name}` },
            email: invitationEmail({
              firstName: who.first_name,
              institutionName: who.institution_name,
              rights: [],
              link: url,
              expiresAt: a.expiresAt,
            }),
          }),
        );
      } catch (err) {
        return translate(err);
      }
    },

    async queueInvitationReminder(a: { invitationId: string; tokenId: string; expiresAt: number }): Promise<string | null> {
      const who = await invitee(a.invitationId);
      if (who.status !== 'PENDING' || who.current_token_id !== a.tokenId) return null;
      const text = invitationReminderEmail({
        firstName: who.first_name,
        institutionName: who.institution_name,
        link: await link(a.invitationId, a.tokenId, a.expiresAt),
        expiresAt: a.expiresAt,
      });
      return queueEmail(db, {
        to: { address: who.email, name: `${who.first_name} ${who.last_name}` },
        subject: text.subject,
        text: text.text,
        kind: 'USER_INVITATION_REMINDER',
        entityType: 'user_invitation',
        entityId: a.invitationId,
        institutionId: who.institution_id,
      });
    },

    async confirmInvitation(a: {
      invitationId: string;
      tokenId: string;
      personalCodeHash: string;
      requestId: string;
    }): Promise<{ userId: string; outboxId: string }> {
      const inv = await findInvitation(db, a.invitationId);
      if (!inv) throw ApplicationFailure.nonRetryable('Kvietimas nerastas.', ErrorCode.InvitationNotPending);
      const who = await invitee(a.invitationId);
      try {
        return await db.transaction().execute((trx) =>
          confirmInvitedUser(trx, {
            ...a,
            policyVersion: config.privacyPolicyVersion,
            email: identityConfirmedEmail({
              firstName: who.first_name,
              institutionName: who.institution_name,
              loginLink: `${config.web.publicUrl}/prisijungti`,
            }),
          }),
        );
      } catch (err) {
        return translate(err);
      }
    },

    async expireInvitation(a: { invitationId: string; tokenId: string }): Promise<boolean> {
      return db.transaction().execute((trx) => expireInvitation(trx, a.invitationId, a.tokenId));
    },

    async cancelInvitation(a: { invitationId: string; actor: InvitationActorRow }): Promise<void> {
      await cancelInvitation(db, a.invitationId);
    },
  };
}

export type InvitationActivities = ReturnType<typeof createInvitationActivities>;
