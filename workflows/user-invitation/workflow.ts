// UserInvitation:<id> owns lifecycle L9 of one institution user's invitation: the e-mail with a
// single-use expiring link, a reminder before it expires, the expired state after, a resent link
// (the old one stops working), confirmation by the right person, or cancellation.
// Operators (issue 10): the current details say what the invitation waits for and until when
// (Vilnius time); timers and activities carry summaries (metadata only: old histories replay).
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  log,
  condition,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  uuid4,
} from '@temporalio/workflow';
import type { InvitationActivities } from '../../activities/invitations.ts';
import type { MailActivities } from '../../activities/mail.ts';
import { ErrorCode } from '../errors.ts';
import { at, operatorDetails, summary, waitingFor } from '../operator-details.ts';
import {
  INVITATION_STATUS_LABELS,
  cancelUpdate,
  confirmUpdate,
  invitationStateQuery,
  inviteUpdate,
  resendUpdate,
  type InvitationActor,
  type UserInvitationInput,
  type UserInvitationState,
} from './messages.ts';
import { inOrder } from '../one-at-a-time.ts';

const db = proxyActivities<InvitationActivities>({
  startToCloseTimeout: '10 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '10 seconds',
    nonRetryableErrorTypes: [ErrorCode.DuplicateUser, ErrorCode.InvalidReference, ErrorCode.InvitationNotPending, ErrorCode.WrongPerson],
  },
});
/** SMTP may be down for a while: delivery keeps trying, with growing pauses, for up to a day. */
const mail = proxyActivities<MailActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

const CREATE_WINDOW = '5 minutes';
const CREATE_WINDOW_MS = 5 * 60_000;

function fail(type: ErrorCode, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

export async function userInvitationWorkflow(input: UserInvitationInput): Promise<string> {
  const state: UserInvitationState = { status: 'NEW', userId: null, tokenId: null, expiresAt: null, reminded: false };
  /** E-mails queued in the outbox, delivered by the main loop (so an Update never waits for SMTP). */
  const toDeliver: string[] = [];

  const exclusive = inOrder();

  function checkActor(actor: InvitationActor) {
    if (actor.institutionId !== input.institutionId) fail(ErrorCode.WrongInstitution, 'Kvietimas priklauso kitai institucijai.');
  }

  function newLink() {
    return { tokenId: uuid4(), expiresAt: Date.now() + input.validSeconds * 1000 };
  }

  setHandler(invitationStateQuery, () => state);

  /** What the invitation waits for, for the Temporal UI (markdown, Vilnius time). */
  function showDetails() {
    const label = INVITATION_STATUS_LABELS[state.status];
    const mailing = toDeliver.length > 0 ? `Siunčiami laiškai: ${toDeliver.length}` : null;
    const expiresAt = state.expiresAt;
    const remindAt = expiresAt === null ? null : expiresAt - input.reminderBeforeSeconds * 1000;
    switch (state.status) {
      case 'NEW':
        return setCurrentDetails(
          operatorDetails(label, [waitingFor('administratoriaus formos „Įtraukti naują naudotoją“ (per 5 min. nuo pradžios)')]),
        );
      case 'PENDING':
        return setCurrentDetails(
          operatorDetails(label, [
            waitingFor('naudotojo patvirtinimo per nuorodą el. laiške', expiresAt),
            state.reminded
              ? 'Priminimas naudotojui išsiųstas'
              : remindAt !== null && remindAt > Date.now()
                ? at('Priminimas naudotojui', remindAt)
                : null,
            mailing,
          ]),
        );
      case 'EXPIRED':
        return setCurrentDetails(
          operatorDetails(label, [
            at('Nuoroda nebegalioja nuo', expiresAt!),
            waitingFor('administratoriaus: „Siųsti kvietimą iš naujo“ arba naudotojo pašalinimo'),
            mailing,
          ]),
        );
      default:
        return setCurrentDetails(operatorDetails(label, [mailing ?? 'Kvietimas baigtas']));
    }
  }

  setHandler(
    inviteUpdate,
    (cmd) =>
      exclusive(async () => {
        checkActor(cmd.actor);
        if (state.status !== 'NEW') fail(ErrorCode.AlreadyCreated, 'Šis naudotojas jau pakviestas.');
        const link = newLink();
        const invitation = {
          invitationId: input.invitationId,
          institutionId: input.institutionId,
          tokenId: link.tokenId,
          expiresAt: link.expiresAt,
          user: cmd.user,
          actor: cmd.actor,
        };
        const created = await db.createInvitation.executeWithOptions({ summary: 'Kuriamas pakviestas naudotojas ir kvietimo laiškas' }, [
          invitation,
        ]);
        Object.assign(state, { status: 'PENDING', userId: created.userId, ...link });
        toDeliver.push(created.outboxId);
        showDetails();
        return { userId: created.userId };
      }),
    {
      validator: (cmd) => {
        checkActor(cmd.actor);
        if (state.status !== 'NEW') fail(ErrorCode.AlreadyCreated, 'Šis naudotojas jau pakviestas.');
      },
    },
  );

  const resendable = () => state.status === 'PENDING' || state.status === 'EXPIRED';

  setHandler(
    resendUpdate,
    ({ actor }) =>
      exclusive(async () => {
        checkActor(actor);
        if (!resendable())
          fail(ErrorCode.InvitationNotPending, 'Kvietimo siųsti iš naujo negalima: naudotojas jau patvirtintas arba pašalintas.');
        const link = newLink();
        const renew = { invitationId: input.invitationId, ...link, actor };
        const outboxId = await db.renewInvitationLink.executeWithOptions({ summary: 'Nauja kvietimo nuoroda (senoji nebegalioja)' }, [
          renew,
        ]);
        Object.assign(state, { status: 'PENDING', reminded: false, ...link });
        toDeliver.push(outboxId);
        showDetails();
        return { expiresAt: link.expiresAt };
      }),
    {
      validator: ({ actor }) => {
        checkActor(actor);
        if (!resendable())
          fail(ErrorCode.InvitationNotPending, 'Kvietimo siųsti iš naujo negalima: naudotojas jau patvirtintas arba pašalintas.');
      },
    },
  );

  function checkConfirmable(tokenId: string) {
    if (state.status !== 'PENDING' || tokenId !== state.tokenId || Date.now() >= (state.expiresAt ?? 0)) {
      fail(ErrorCode.InvitationNotPending, 'Kvietimo nuoroda nebegalioja.');
    }
  }

  setHandler(
    confirmUpdate,
    (cmd) =>
      exclusive(async () => {
        checkConfirmable(cmd.tokenId);
        const confirm = { invitationId: input.invitationId, ...cmd };
        const confirmed = await db.confirmInvitation.executeWithOptions({ summary: 'Naudotojas patvirtinamas' }, [confirm]);
        state.status = 'CONFIRMED';
        toDeliver.push(confirmed.outboxId);
        showDetails();
        return { userId: confirmed.userId };
      }),
    { validator: (cmd) => checkConfirmable(cmd.tokenId) },
  );

  setHandler(
    cancelUpdate,
    ({ actor }) =>
      exclusive(async () => {
        checkActor(actor);
        if (state.status === 'CONFIRMED' || state.status === 'CANCELLED') return;
        const cancel = { invitationId: input.invitationId, actor };
        await db.cancelInvitation.executeWithOptions({ summary: 'Kvietimas atšaukiamas (naudotojas pašalintas)' }, [cancel]);
        state.status = 'CANCELLED';
        showDetails();
      }),
    { validator: ({ actor }) => checkActor(actor) },
  );

  /** A refused or lost e-mail is recorded in its outbox row; the invitation goes on (it can be resent). */
  async function deliver(outboxId: string) {
    try {
      await mail.deliverEmail.executeWithOptions({ summary: summary('Siunčiamas laiškas', outboxId) }, [outboxId]);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      log.warn('invitation e-mail not delivered', { outboxId, cause: err.cause?.message });
    }
  }

  showDetails();
  const createdInTime = await condition(() => state.status !== 'NEW', CREATE_WINDOW, {
    summary: summary(waitingFor('kvietimo sukūrimo', Date.now() + CREATE_WINDOW_MS)),
  });
  if (!createdInTime) {
    setCurrentDetails(operatorDetails('Nesukurtas', ['Forma „Įtraukti naują naudotoją“ neišsaugota per 5 min.; kvietimo nėra']));
    return state.status;
  }

  const open = () => state.status === 'PENDING' || state.status === 'EXPIRED';
  while (open() || toDeliver.length > 0) {
    while (toDeliver.length > 0) {
      showDetails();
      await deliver(toDeliver.shift()!);
    }
    showDetails();
    if (!open()) break;
    // The next deadline of the current link: the reminder, then the expiry.
    const expiresAt = state.expiresAt!;
    const remindAt = expiresAt - input.reminderBeforeSeconds * 1000;
    const deadline = state.status !== 'PENDING' ? null : !state.reminded && remindAt > Date.now() ? remindAt : expiresAt;
    const before = { tokenId: state.tokenId, status: state.status };
    const changed = () => toDeliver.length > 0 || state.status !== before.status || state.tokenId !== before.tokenId;
    const timer = summary(deadline === expiresAt ? waitingFor('naudotojo patvirtinimo', expiresAt) : at('Priminimas naudotojui', remindAt));
    const woke =
      deadline === null
        ? (await condition(changed), true)
        : await condition(changed, Math.max(deadline - Date.now(), 1), { summary: timer });
    if (woke || state.status !== 'PENDING') continue;
    await exclusive(async () => {
      if (state.status !== 'PENDING' || state.tokenId !== before.tokenId) return;
      if (Date.now() >= expiresAt) {
        const expire = { invitationId: input.invitationId, tokenId: state.tokenId! };
        await db.expireInvitation.executeWithOptions({ summary: 'Kvietimo nuoroda nebegalioja' }, [expire]);
        state.status = 'EXPIRED';
      } else if (!state.reminded) {
        const remind = { invitationId: input.invitationId, tokenId: state.tokenId!, expiresAt };
        const outboxId = await db.queueInvitationReminder.executeWithOptions({ summary: 'Priminimas naudotojui' }, [remind]);
        state.reminded = true;
        if (outboxId) toDeliver.push(outboxId);
      }
    });
  }
  await condition(allHandlersFinished);
  showDetails();
  return state.status;
}
