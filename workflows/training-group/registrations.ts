// The group's rules for registrations (GRP-41, OQ-23, PART-7..PART-12, PORTAL-9) as checks on the
// workflow's state, and the group commit that writes registrations arriving together with one
// projection. Each check throws an ApplicationFailure with a Lithuanian reason (validators and
// handlers share them); none does I/O.
import { registrationDecisionRefusal, registrationRefusal, isActiveRegistration, RegistrationStatus } from '../domain/registration.ts';
import { ErrorCode } from '../errors.ts';
import { fail } from './failure.ts';
import type { DecideRegistrationCommand, RegisterParticipantCommand, TrainingGroupState, WithdrawRegistrationCommand } from './messages.ts';

/** Registrations accepted into the batch being written, not yet in the state. */
export interface Batch {
  active: number;
  persons: Set<string>;
  ids: Set<string>;
}

export interface RegistrationFacts {
  state: TrainingGroupState;
  today: string;
  now: number;
  /** The provider's rejection or removal bars the person from the group (patch 'provider-decision-stands'). */
  decisionStands?: boolean;
}

const registrationsOf = (state: TrainingGroupState) => state.registrations!;

/** P1: a new registration may be accepted; a repeated one (same id, same person) passes. */
export function checkRegistration(
  { state, today, now, decisionStands }: RegistrationFacts,
  cmd: RegisterParticipantCommand,
  batch?: Batch,
): void {
  if (!state.created || !state.info) fail(ErrorCode.NotCreated, 'Mokymo grupė dar nesukurta.');
  const registrations = registrationsOf(state);
  const existing = registrations[cmd.registrationId];
  if (existing || batch?.ids.has(cmd.registrationId)) {
    // The same registration sent again (after a continue-as-new the server no longer deduplicates it).
    if (existing && existing.personKey !== cmd.person.personKey)
      fail(ErrorCode.InvalidInput, 'Registracijos identifikatorius jau naudojamas.');
    return;
  }
  const refusal = registrationRefusal({
    status: state.status,
    info: state.info,
    today,
    now,
    registrationClosesAt: Date.parse(state.deadlines!.registrationClosesAt),
    registrationClosed: state.progress!.registrationClosed,
    activeRegistrations: state.activeRegistrations + (batch?.active ?? 0),
    alreadyRegistered:
      Boolean(batch?.persons.has(cmd.person.personKey)) ||
      Object.values(registrations).some((r) => r.personKey === cmd.person.personKey && isActiveRegistration(r.status)),
    refusedByProvider:
      decisionStands === true &&
      Object.values(registrations).some(
        (r) =>
          r.personKey === cmd.person.personKey && (r.status === RegistrationStatus.Removed || r.status === RegistrationStatus.Rejected),
      ),
    funding: cmd.funding,
  });
  if (refusal) fail(ErrorCode.RegistrationRefused, refusal);
}

/** PORTAL-9: the participant may withdraw an active registration before the training starts. */
export function checkWithdrawal(state: TrainingGroupState, cmd: WithdrawRegistrationCommand): void {
  const r = registrationsOf(state)[cmd.registrationId];
  if (!r || r.personKey !== cmd.personKey) fail(ErrorCode.NotFound, 'Tokios registracijos šioje grupėje nėra.');
  if (r.status === RegistrationStatus.Withdrawn) return; // sent again
  if (!isActiveRegistration(r.status)) fail(ErrorCode.RegistrationRefused, 'Ši registracija jau nebegalioja.');
  if (state.progress!.programmeStarted) fail(ErrorCode.RegistrationRefused, 'Mokymai jau prasidėjo: registracijos atsisakyti nebegalima.');
}

const DECISION_TARGET = {
  APPROVE: RegistrationStatus.Approved,
  REJECT: RegistrationStatus.Rejected,
  REMOVE: RegistrationStatus.Removed,
} as const;

/** The status a decision leads to, or null when the registration is already there (a repeated command). */
export function checkDecision(state: TrainingGroupState, cmd: DecideRegistrationCommand): RegistrationStatus | null {
  const r = registrationsOf(state)[cmd.registrationId];
  if (!r) fail(ErrorCode.NotFound, 'Tokios registracijos šioje grupėje nėra.');
  const target = DECISION_TARGET[cmd.decision];
  if (r.status === target) return null;
  const refusal = registrationDecisionRefusal({
    decision: cmd.decision,
    registrationStatus: r.status,
    groupStatus: state.status,
    programmeStarted: state.progress!.programmeStarted,
    reason: cmd.reason,
  });
  if (refusal) {
    const input = refusal.code === 'input';
    fail(input ? ErrorCode.InvalidInput : ErrorCode.RegistrationRefused, refusal.message, input ? { reason: refusal.message } : undefined);
  }
  return target;
}

/** The registration as the projection writes it. */
export function newRegistration(cmd: RegisterParticipantCommand) {
  return {
    id: cmd.registrationId,
    personKey: cmd.person.personKey,
    firstName: cmd.person.firstName,
    lastName: cmd.person.lastName,
    email: cmd.person.email,
    phone: cmd.person.phone ?? null,
    funding: cmd.funding,
    participantId: cmd.person.participantId ?? null,
  };
}

export interface Waiting<R> {
  cmd: RegisterParticipantCommand;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/**
 * Sorts waiting registrations into accepted (new, checked in order against the running count),
 * repeated (already known) and refused (rejected at once with their reason).
 */
export function sortBatch<R>(facts: RegistrationFacts, taken: Waiting<R>[]): { accepted: Waiting<R>[]; repeated: Waiting<R>[] } {
  const batch: Batch = { active: 0, persons: new Set(), ids: new Set() };
  const accepted: Waiting<R>[] = [];
  const repeated: Waiting<R>[] = [];
  const registrations = registrationsOf(facts.state);
  for (const w of taken) {
    try {
      checkRegistration(facts, w.cmd, batch);
    } catch (err) {
      w.reject(err);
      continue;
    }
    if (registrations[w.cmd.registrationId] || batch.ids.has(w.cmd.registrationId)) {
      repeated.push(w);
      continue;
    }
    batch.active++;
    batch.persons.add(w.cmd.person.personKey);
    batch.ids.add(w.cmd.registrationId);
    accepted.push(w);
  }
  return { accepted, repeated };
}
