// UztCoupon:<registrationId> owns lifecycle L4 of one UŽT-funded registration:
//   C1  on start: Section I is fetched from UŽT by the coupon number and stored (I_SKYRIUS);
//   C2  the provider approves the registration: the group's decideRegistration passes it on (Signal
//       providerApprovedByGroup; the Update providerApproved stays for operators and older callers):
//       Section II, assembled by web from the group, programme and institution, goes to UŽT (LAUKIA_UZT);
//   C3  UŽT approves (Update uztDecision): status, the provider is e-mailed, the group is signalled
//       couponApproved (the contract invitation may go out, UZT-17);
//   C4  UŽT rejects with a reason: status and reason, the provider is e-mailed, the group is signalled
//       registrationCancelled (it cancels the registration, frees the place and e-mails the participant, UZT-13);
//   C5  the provider rejects or removes the registration (Signal providerRejected): the coupon ends, no Section II.
// After C3 (patch 'uzt-settlement-workflow', issue 14) it starts UztSettlement:<registrationId>, which
// takes the client's settlement documents for UŽT and reminds the provider monthly (§3.13, UZT-6).
// UŽT's time to decide is a timer from the input: when it passes, the provider is told once and the
// coupon keeps waiting (the participant did nothing wrong; the provider may still remove them).
import {
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  startChild,
} from '@temporalio/workflow';
import type { MailActivities } from '../../activities/mail.ts';
import type { UztCouponActivities } from '../../activities/uzt-coupon.ts';
import { checkUztDecision } from '../domain/uzt-coupon.ts';
import { ErrorCode } from '../errors.ts';
import { trainingGroupWorkflowId, uztSettlementWorkflowId } from '../ids.ts';
import { at, operatorDetails, summary, waitingFor } from '../operator-details.ts';
import { InstitutionIdKey } from '../search-attributes.ts';
import { couponApprovedSignal, registrationCancelledSignal } from '../training-group/messages.ts';
import type { uztSettlementWorkflow } from '../uzt-settlement/workflow.ts';
import {
  providerApprovedSignal,
  providerApprovedUpdate,
  providerRejectedSignal,
  uztCouponStateQuery,
  uztDecisionUpdate,
  type ProviderApprovedCommand,
  type UztCouponInput,
  type UztCouponOutcome,
  type UztCouponState,
  type UztCouponStatus,
  type UztDecisionCommand,
} from './messages.ts';

/** UŽT answers registries at its own pace: look-ups and submissions are retried for a day. */
const UZT_CALLS = {
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '2 seconds', maximumInterval: '5 minutes' },
} as const;
const coupons = proxyActivities<UztCouponActivities>(UZT_CALLS);
const sectionI = proxyActivities<UztCouponActivities>({ ...UZT_CALLS, summary: 'C1: kupono I skyrius gaunamas iš UŽT' });
const sectionII = proxyActivities<UztCouponActivities>({ ...UZT_CALLS, summary: 'C2: kupono II skyrius siunčiamas UŽT' });
const mail = proxyActivities<MailActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_UZT_DECISION_TIMEOUT_MS = 30 * DAY_MS;
const DEFAULT_PROVIDER_DECISION_TIMEOUT_MS = 120 * DAY_MS;

function fail(type: ErrorCode, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

export async function uztCouponWorkflow(input: UztCouponInput): Promise<UztCouponOutcome> {
  let status: UztCouponStatus | null = null;
  let outcome: UztCouponOutcome | null = null;
  let approval: ProviderApprovedCommand | null = null;
  let providerRejected = false;
  let decision: UztDecisionCommand | null = null;
  const state = (): UztCouponState => ({ status, outcome, couponNumber: input.couponNumber });

  setHandler(uztCouponStateQuery, state);

  setHandler(providerApprovedSignal, (cmd) => {
    if (cmd.institutionId !== input.institutionId) {
      log.warn('approval of another institution ignored', { registrationId: input.registrationId });
      return;
    }
    if (approval || status === 'LAUKIA_UZT') return; // a repeated approval
    if (outcome !== null || providerRejected) {
      log.warn('approval after the coupon ended ignored', { registrationId: input.registrationId, outcome });
      return;
    }
    approval = cmd;
  });

  setHandler(providerRejectedSignal, () => {
    // After Section II only until UŽT decides; a rejection before C1 ends the coupon as well.
    if (outcome === null && decision === null) providerRejected = true;
  });

  setHandler(
    providerApprovedUpdate,
    async (cmd) => {
      approval ??= cmd;
      // Answer once Section II has reached UŽT (or the coupon ended): the page shows the new status.
      await condition(() => status === 'LAUKIA_UZT' || outcome !== null);
      return state();
    },
    {
      validator: (cmd) => {
        if (cmd.institutionId !== input.institutionId) fail(ErrorCode.WrongInstitution, 'Nerasta.');
        if (approval || status === 'LAUKIA_UZT') return; // a repeated approval: answered with the current state
        if (outcome !== null || providerRejected) fail(ErrorCode.TransitionNotAllowed, 'Užimtumo tarnybos kuponas nebegalioja.');
      },
    },
  );

  setHandler(
    uztDecisionUpdate,
    async (cmd) => {
      decision ??= cmd;
      await condition(() => outcome !== null);
      return state();
    },
    {
      validator: (cmd) => {
        if (decision && decision.result === cmd.result) return; // the same decision again
        // Section II is stored at UŽT before this workflow hears back from its activity: once the
        // provider's approval is here, UŽT's officer (who sees "Laukiama…") may already decide.
        const seen = status === 'I_SKYRIUS' && approval !== null ? 'LAUKIA_UZT' : status;
        const refusal = checkUztDecision({
          status: seen,
          ended: outcome !== null || providerRejected,
          decided: decision !== null,
          result: cmd.result,
          reason: cmd.reason,
        });
        if (refusal) fail(refusal.code === 'input' ? ErrorCode.InvalidInput : ErrorCode.TransitionNotAllowed, refusal.message);
      },
    },
  );

  const details = (what: string, lines: (string | null)[] = []) =>
    setCurrentDetails(operatorDetails(`UŽT kuponas ${input.couponNumber}: ${what}`, [...lines, `Grupė TrainingGroup:${input.groupId}`]));

  // C1: Section I from UŽT.
  details('gaunamas I skyrius', ['Laukia UŽT atsakymo (bandoma iš naujo iki paros)']);
  const fetched = await sectionI.storeCouponSectionI({
    registrationId: input.registrationId,
    institutionId: input.institutionId,
    participantId: input.participantId,
    couponNumber: input.couponNumber,
  });
  if (!fetched.stored) {
    log.warn('coupon not stored', { registrationId: input.registrationId, reason: fetched.reason });
    outcome = 'NERASTAS';
    return outcome;
  }
  status = 'I_SKYRIUS';

  // C2 or C5: the provider's decision on the registration.
  const providerTimeout = input.providerDecisionTimeoutMs ?? DEFAULT_PROVIDER_DECISION_TIMEOUT_MS;
  details('I skyrius gautas', [waitingFor('teikėjo sprendimo dėl registracijos (C2 arba C5)', Date.now() + providerTimeout)]);
  const decided = await condition(() => approval !== null || providerRejected, providerTimeout, {
    summary: summary(at('Teikėjo sprendimo terminas', Date.now() + providerTimeout)),
  });
  if (!decided || (providerRejected && approval === null)) {
    outcome = 'ATMESTA_TEIKEJO';
    return outcome;
  }
  const approved = approval!;
  const uztTimeout = input.uztDecisionTimeoutMs ?? DEFAULT_UZT_DECISION_TIMEOUT_MS;
  details('siunčiamas II skyrius', ['Laukia UŽT atsakymo (bandoma iš naujo iki paros)']);
  const submitted = await sectionII.submitCouponSectionII({
    registrationId: input.registrationId,
    institutionId: input.institutionId,
    couponNumber: input.couponNumber,
    userId: approved.userId,
    sectionII: approved.sectionII,
    // The projection shows UŽT's deadline (an activity input only: replays are unaffected).
    decisionTimeoutMs: uztTimeout,
  });
  if (!submitted.ok) {
    // UŽT no longer takes Section II (the coupon expired or was decided there): as a rejection (C4).
    decision = { staffMemberId: '', result: 'REJECTED', reason: submitted.reason };
  } else {
    status = 'LAUKIA_UZT';
    // C3/C4: UŽT's decision, with its own timeout; then the provider is told and the coupon waits on.
    details('laukia UŽT sprendimo', [waitingFor('Užimtumo tarnybos sprendimo (C3 arba C4)', Date.now() + uztTimeout)]);
    const answered = await condition(() => decision !== null || providerRejected, uztTimeout, {
      summary: summary(at('UŽT sprendimo terminas', Date.now() + uztTimeout)),
    });
    if (!answered) {
      details('UŽT sprendimo terminas praėjo', ['Laukia UŽT sprendimo be termino; teikėjas informuotas']);
      const ids = await coupons.recordUztDecisionOverdue({ registrationId: input.registrationId, institutionId: input.institutionId });
      await Promise.all(ids.map((id) => mail.deliverEmail(id)));
      await condition(() => decision !== null || providerRejected);
    }
    if (decision === null) {
      outcome = 'ATMESTA_TEIKEJO';
      return outcome;
    }
  }

  const d: UztDecisionCommand = decision;
  const recorded = await coupons.recordUztDecision({
    registrationId: input.registrationId,
    institutionId: input.institutionId,
    result: d.result,
    reason: d.reason ?? null,
    staffMemberId: d.staffMemberId || null,
  });
  status = d.result === 'APPROVED' ? 'PATVIRTINTAS' : 'ATMESTAS';
  const group = getExternalWorkflowHandle(trainingGroupWorkflowId(input.groupId));
  try {
    if (d.result === 'APPROVED') await group.signal(couponApprovedSignal, { registrationId: input.registrationId });
    else await group.signal(registrationCancelledSignal, { registrationId: input.registrationId, reason: (d.reason ?? '').trim() });
  } catch (err) {
    // The group's lifecycle has ended ("Nevykdoma", "Užbaigta"): its registrations are final already.
    log.warn('group not signalled', { groupId: input.groupId, error: String(err) });
  }
  await Promise.all(recorded.outboxIds.map((id) => mail.deliverEmail(id)));
  if (d.result === 'APPROVED' && patched('uzt-settlement-workflow')) {
    // §3.13: the client's settlement documents and the monthly reminders live on after the coupon.
    const s2 = approved.sectionII;
    try {
      await startChild<typeof uztSettlementWorkflow>('uztSettlementWorkflow', {
        workflowId: uztSettlementWorkflowId(input.registrationId),
        args: [
          {
            registrationId: input.registrationId,
            institutionId: input.institutionId,
            groupId: input.groupId,
            couponNumber: input.couponNumber,
            frequency: s2.settlement === 'MONTHLY' ? 'KAS_MENESI' : 'UZBAIGUS',
            measureStart: s2.startDate,
            measureEnd: s2.endDate,
          },
        ],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        typedSearchAttributes: [{ key: InstitutionIdKey, value: input.institutionId }],
        staticSummary: summary('UŽT atsiskaitomieji dokumentai', `kuponas ${input.couponNumber}`),
        staticDetails: `Registracija ${input.registrationId}; grupė TrainingGroup:${input.groupId}; priemonė ${s2.startDate} – ${s2.endDate}`,
      });
    } catch (err) {
      // Already started (web's first submit may start it): it owns the documents either way.
      log.warn('settlement workflow not started', { registrationId: input.registrationId, error: String(err) });
    }
  }
  outcome = status;
  details(status === 'PATVIRTINTAS' ? 'patvirtintas' : 'atmestas', ['Gyvavimo ciklas baigtas']);
  return outcome;
}
