// UztSettlement:<registrationId> owns the settlement documents of one Employment Service client whose
// coupon UŽT approved (§3.13; UZTDOC-1..UZTDOC-10, UZT-6). The UztCoupon workflow starts it at its
// approval (C3); web's submit may start it too (update-with-start, for coupons approved before it existed).
//   S1  the provider submits a document (Update submitSettlementDocument, one per form; the period is
//       checked against the settlement frequency and the measure, UZTDOC-5, UZTDOC-9): the row is
//       written ("Siunčiama Užimtumo tarnybai"), then the document goes to UŽT, retried without end
//       until UŽT takes it ("Pristatyta Užimtumo tarnybai", UZTDOC-7);
//   S2  monthly settlement (UZT-6): at 08:00 on the first day of each month after a month of the
//       measure, if no document covers that month, the provider is e-mailed (once per month);
//   S3  documents are taken until 90 days after the measure's end; the workflow ends once every
//       document is delivered.
// Its history stays small (a timer a month, a few events per document), so it does not continue-as-new.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  proxyActivities,
  setCurrentDetails,
  setHandler,
} from '@temporalio/workflow';
import type { MailActivities } from '../../activities/mail.ts';
import type { UztSettlementActivities } from '../../activities/uzt-settlement.ts';
import {
  checkSettlementPeriod,
  coversMonth,
  DELIVERY_STATUS_LABELS,
  monthlyReminders,
  submissionsCloseAt,
  type SettlementTerms,
} from '../domain/uzt-settlement.ts';
import { ErrorCode } from '../errors.ts';
import { at, operatorDetails, summary, waitingFor } from '../operator-details.ts';
import {
  submitSettlementDocumentUpdate,
  uztSettlementStateQuery,
  type SettlementSubmissionState,
  type UztSettlementInput,
  type UztSettlementState,
} from './messages.ts';

const db = proxyActivities<UztSettlementActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
/** SMTP may be down for a while: delivery keeps trying, with growing pauses, for up to a day. */
const mail = proxyActivities<MailActivities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '24 hours',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes' },
});

function fail(type: ErrorCode, message: string, details?: unknown): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details === undefined ? undefined : [details] });
}

export async function uztSettlementWorkflow(input: UztSettlementInput): Promise<string> {
  const terms: SettlementTerms = { frequency: input.frequency, measureStart: input.measureStart, measureEnd: input.measureEnd };
  const closesAtMs = input.closesAtMs ?? submissionsCloseAt(terms);
  const startedAt = Date.now();
  const submissions: SettlementSubmissionState[] = [];
  const reminded: string[] = [];
  const delivering = new Set<string>();

  // UZTDOC-7: UŽT may be down for days; the document is retried until it is taken.
  const uzt = proxyActivities<UztSettlementActivities>({
    startToCloseTimeout: '2 minutes',
    retry: {
      initialInterval: input.deliveryRetry?.initialIntervalMs ?? '10 seconds',
      maximumInterval: input.deliveryRetry?.maximumIntervalMs ?? '30 minutes',
      backoffCoefficient: 2,
    },
    summary: 'UZTDOC-7: atsiskaitomasis dokumentas siunčiamas Užimtumo tarnybai',
  });

  const state = (): UztSettlementState => ({ submissions: submissions.map((s) => ({ ...s })), remindedMonths: [...reminded], closesAtMs });
  setHandler(uztSettlementStateQuery, state);

  const showDetails = (waiting: string | null) => {
    const sending = submissions.filter((s) => s.status === 'SIUNCIAMA').length;
    setCurrentDetails(
      operatorDetails(`UŽT klientas, kuponas ${input.couponNumber}`, [
        `Pateikta dokumentų: ${submissions.length}; ${DELIVERY_STATUS_LABELS.SIUNCIAMA.toLowerCase()}: ${sending}`,
        waiting,
        at('Dokumentai priimami iki', closesAtMs),
        `Grupė TrainingGroup:${input.groupId}`,
      ]),
    );
  };

  function deliver(id: string): void {
    if (delivering.has(id)) return;
    delivering.add(id);
    void uzt.deliverSettlementDocument({ submissionId: id }).then(
      () => {
        const s = submissions.find((x) => x.id === id);
        if (s) s.status = 'PRISTATYTA';
        delivering.delete(id);
      },
      (err: unknown) => {
        // Only a submission that no longer exists ends here (every other failure is retried).
        log.error('settlement document not delivered', { submissionId: id, error: String(err) });
        delivering.delete(id);
      },
    );
  }

  setHandler(
    submitSettlementDocumentUpdate,
    async (cmd) => {
      const seen = submissions.find((s) => s.id === cmd.submissionId);
      if (seen) return { ...seen };
      const recorded = await db.recordSettlementSubmission({ ...cmd, registrationId: input.registrationId });
      if (!recorded.ok)
        fail(ErrorCode.InvalidInput, 'Pasirinkite dokumento tipą iš sąrašo.', { documentType: 'Pasirinkite dokumento tipą iš sąrašo.' });
      // A second update with the same submission id may have finished while this one wrote.
      const again = submissions.find((s) => s.id === cmd.submissionId);
      if (again) return { ...again };
      const s: SettlementSubmissionState = {
        id: cmd.submissionId,
        periodFrom: cmd.periodFrom,
        periodTo: cmd.periodTo,
        status: 'SIUNCIAMA',
      };
      submissions.push(s);
      deliver(s.id);
      return { ...s };
    },
    {
      validator: (cmd) => {
        if (cmd.institutionId !== input.institutionId) fail(ErrorCode.WrongInstitution, 'Nerasta.');
        if (submissions.some((s) => s.id === cmd.submissionId)) return; // the same form again: answered with its state
        if (Date.now() >= closesAtMs)
          fail(
            ErrorCode.TransitionNotAllowed,
            'Šio dalyvio atsiskaitomųjų dokumentų priėmimo laikas baigėsi (90 dienų po priemonės pabaigos).',
          );
        if (cmd.documentType.trim() === '')
          fail(ErrorCode.InvalidInput, 'Pasirinkite dokumento tipą.', { documentType: 'Pasirinkite dokumento tipą.' });
        if (cmd.fileId.trim() === '')
          fail(ErrorCode.InvalidInput, 'Pridėkite dokumentą adoc formatu.', { file: 'Pridėkite dokumentą adoc formatu.' });
        const errors = checkSettlementPeriod(terms, cmd.periodFrom, cmd.periodTo);
        if (errors) fail(ErrorCode.InvalidInput, Object.values(errors)[0] ?? 'Patikrinkite laikotarpį.', errors);
      },
    },
  );

  // S2: the monthly reminders (none for settlement on completion); months already over when the
  // workflow began are not reminded about (the coupon was approved after them).
  for (const r of input.reminders ?? monthlyReminders(terms)) {
    if (r.atMs < startedAt) continue;
    if (r.atMs >= closesAtMs) break;
    const wait = r.atMs - Date.now();
    if (wait > 0) {
      showDetails(waitingFor(`priminimo dėl ${r.month} mėn. dokumento`, r.atMs));
      await condition(() => false, wait, { summary: summary(`UZT-6: priminimas dėl ${r.month} mėn.`) });
    }
    if (submissions.some((s) => coversMonth({ from: s.periodFrom, to: s.periodTo }, r.month))) continue;
    const outboxIds = await db.queueSettlementReminder({
      registrationId: input.registrationId,
      institutionId: input.institutionId,
      month: r.month,
    });
    reminded.push(r.month);
    await Promise.all(outboxIds.map((id) => mail.deliverEmail(id)));
  }

  // S3: documents are taken until closesAtMs; then every one still being sent is delivered first.
  const rest = closesAtMs - Date.now();
  if (rest > 0) {
    showDetails(waitingFor('atsiskaitomųjų dokumentų', closesAtMs));
    await condition(() => false, rest, { summary: summary('Atsiskaitomųjų dokumentų priėmimo pabaiga') });
  }
  showDetails(delivering.size > 0 ? waitingFor('dokumentų pristatymo Užimtumo tarnybai') : 'Gyvavimo ciklas baigiamas');
  await condition(() => delivering.size === 0 && allHandlersFinished());
  return 'BAIGTA';
}
