// What an operator reads in the Temporal UI about a group: its status in the manual's words and
// what it waits for next, until when ("why is this group not 'Vykdoma' yet?"). Pure.
import type { DeadlineKind } from '../domain/group-deadlines.ts';
import { GroupStatus } from '../domain/group-status.ts';
import { at, escapeMarkdown, operatorDetails, summary, waitingFor } from '../operator-details.ts';
import type { TrainingGroupState } from './messages.ts';

type Due = { kind: DeadlineKind; at: number } | null;

/** The current details of a group: status, the next deadline and what it will do, counts, mail. */
export function groupDetails(state: TrainingGroupState, due: Due, mail: string | null): string {
  const info = state.info;
  const name = info ? `„${escapeMarkdown(info.name)}“` : '';
  const lines: (string | null)[] = [];
  const counts = info
    ? `Aktyvių registracijų: ${state.activeRegistrations} (min. ${info.minParticipants}, maks. ${info.maxParticipants}); pasirašytų sutarčių: ${state.signedContracts ?? 0}`
    : null;
  switch (state.status) {
    case GroupStatus.Draft:
      lines.push('Laukia, kol teikėjas paskelbs grupę (G2)');
      break;
    case GroupStatus.Published:
      if (due?.kind === 'registrationEnd') {
        lines.push(waitingFor('registracijos pabaigos', due.at));
        lines.push(
          info && state.activeRegistrations >= info.minParticipants
            ? 'Tada grupė taps „Vykdoma“ (G4: minimalus dalyvių skaičius pasiektas)'
            : `Tada laukiama teikėjo sprendimo: iki šiol registracijų per mažai (G4, GRP-32)`,
        );
      } else if (state.decisionDueAt && state.deliveryBlockedReason) {
        lines.push(`G4 nepakeitė būsenos į „Vykdoma“ (OQ-12): ${state.deliveryBlockedReason}`);
        lines.push(waitingFor('teikėjo: ištaisius trūkumus, „Vykdoma“ (G5)', state.decisionDueAt));
      } else if (state.decisionDueAt) {
        lines.push(waitingFor('teikėjo sprendimo „Vykdoma“ arba „Nevykdoma“ (GRP-32)', state.decisionDueAt));
        lines.push('Jei sprendimo nebus, mokymų pradžioje grupė taps „Nevykdoma“ (G7)');
      }
      break;
    case GroupStatus.InDelivery:
      if (due?.kind === 'programmeStart') {
        lines.push(waitingFor('mokymų pradžios; iki tol pasirašomos mokymo sutartys', due.at));
        lines.push('Tada nepasirašę sutarčių dalyviai išregistruojami (G7, CON-6)');
      } else if (due?.kind === 'completionReminder') {
        lines.push(`Vyksta mokymai; mokymų pabaiga ${info?.programmeEnd ?? '—'}. Nuo jos teikėjas gali pakeisti būseną į „Užbaigta“ (G9)`);
        lines.push(at('Priminimas administratoriams apie automatinį užbaigimą (GRP-45)', due.at));
      } else if (due?.kind === 'autoComplete') {
        lines.push(
          waitingFor('teikėjo „Užbaigta“ (G9), kai visi dalyviai turės patvirtintą rezultatą; kitaip – automatinio užbaigimo', due.at),
        );
      } else {
        lines.push(`Laukia teikėjo „Užbaigta“ (G9); mokymų pabaiga ${info?.programmeEnd ?? '—'}`);
      }
      break;
    case GroupStatus.Suspended:
      lines.push(`Sustabdyta; laukia operatoriaus sprendimo (G11). Ankstesnė būsena: „${state.statusBeforeSuspension ?? '—'}“`);
      break;
    default:
      lines.push('Gyvavimo ciklas baigtas');
  }
  lines.push(counts, mail);
  return operatorDetails(`Grupė ${name}: ${state.status}`, lines);
}

/** The summary of the timer the group sleeps on. */
const TIMER_NAMES: Record<DeadlineKind, string> = {
  registrationEnd: 'G4 registracijos pabaiga',
  programmeStart: 'G7 mokymų pradžia',
  completionReminder: 'GRP-45 priminimas apie automatinį užbaigimą',
  autoComplete: 'G9 automatinis užbaigimas (GRP-45)',
};

export function timerSummary(due: NonNullable<Due>): string {
  return summary(at(TIMER_NAMES[due.kind], due.at));
}
