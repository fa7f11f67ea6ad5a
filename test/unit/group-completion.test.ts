// "Užbaigta" (L1 G9, GRP-24, GRP-45, OQ-25; issue 13): which contract rows are a confirmed outcome,
// the refusal naming how many participants lack one, the automatic completion's instants, and the
// group's deadline loop offering the reminder and the automatic completion.
import { describe, expect, it } from 'vitest';
import { groupAutoCompletionReminderEmail } from '../../workflows/domain/emails.ts';
import {
  autoCompletionDay,
  autoCompletionDeadlines,
  completionRefusal,
  contractOutcome,
  missingOutcomesText,
  Outcome,
  summariseOutcomes,
  type ContractOutcomeFacts,
} from '../../workflows/domain/group-completion.ts';
import { checkDeadlines, nextDeadline, type GroupDeadlines } from '../../workflows/domain/group-deadlines.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import { ContractPhase } from '../../workflows/domain/learning-contract.ts';

const T = '2026-12-01T08:00:00.000Z';

function row(over: Partial<ContractOutcomeFacts> = {}): ContractOutcomeFacts {
  return {
    phase: ContractPhase.InForce,
    startedAt: null,
    lockedAt: null,
    completedAt: null,
    assessment: null,
    assessmentConfirmedAt: null,
    ...over,
  };
}

describe('contractOutcome: a confirmed outcome (issue 13, G9)', () => {
  it.each([
    ['locked without "Mokymus pradėjo" (S2)', row({ lockedAt: T }), Outcome.Locked],
    [
      'assessment confirmed (S5)',
      row({ startedAt: T, completedAt: T, assessment: 'ISKAITYTA', assessmentConfirmedAt: T }),
      Outcome.AssessmentConfirmed,
    ],
    ['started, not marked "Mokymus baigė" (did not finish)', row({ startedAt: T }), Outcome.NotFinished],
  ])('counts %s as confirmed', (_, r, outcome) => {
    expect(contractOutcome(r)).toBe(outcome);
    expect(summariseOutcomes([r])).toMatchObject({ inForce: 1, confirmed: 1, missing: 0 });
  });

  it.each([
    ['neither started nor locked', row(), Outcome.NotStarted, 'notStarted'],
    ['"Mokymus baigė" without an assessment', row({ startedAt: T, completedAt: T }), Outcome.NoAssessment, 'noAssessment'],
    [
      'an assessment entered, not confirmed',
      row({ startedAt: T, completedAt: T, assessment: '8' }),
      Outcome.AssessmentUnconfirmed,
      'assessmentUnconfirmed',
    ],
  ] as const)('counts %s as missing', (_, r, outcome, field) => {
    expect(contractOutcome(r)).toBe(outcome);
    expect(summariseOutcomes([r])).toMatchObject({ inForce: 1, confirmed: 0, missing: 1, [field]: 1 });
  });

  it.each([ContractPhase.Terminated, ContractPhase.Voided, ContractPhase.Signing, ContractPhase.Preparing, ContractPhase.Blocked])(
    'DONE-18: a contract "%s" (not in force) does not count, whatever it records',
    (phase) => {
      expect(contractOutcome(row({ phase, startedAt: T, completedAt: T, assessment: '9' }))).toBe(Outcome.NotCounted);
      expect(summariseOutcomes([row({ phase })])).toEqual({
        inForce: 0,
        confirmed: 0,
        missing: 0,
        notStarted: 0,
        noAssessment: 0,
        assessmentUnconfirmed: 0,
      });
    },
  );

  it('summarises a group', () => {
    const s = summariseOutcomes([
      row({ lockedAt: T }),
      row({ startedAt: T }),
      row(),
      row({ startedAt: T, completedAt: T }),
      row({ startedAt: T, completedAt: T, assessment: '7' }),
      row({ startedAt: T, completedAt: T, assessment: '7', assessmentConfirmedAt: T }),
      row({ phase: ContractPhase.Terminated }),
    ]);
    expect(s).toEqual({ inForce: 6, confirmed: 3, missing: 3, notStarted: 1, noAssessment: 1, assessmentUnconfirmed: 1 });
  });
});

describe('the refusal names how many participants lack an outcome (Lithuanian)', () => {
  it.each([
    [1, '1 dalyvio galutinis įvertinimas nepatvirtintas'],
    [3, '3 dalyvių galutinis įvertinimas nepatvirtintas'],
    [11, '11 dalyvių galutinis įvertinimas nepatvirtintas'],
    [21, '21 dalyvio galutinis įvertinimas nepatvirtintas'],
  ])('%i → %s', (n, text) => {
    expect(missingOutcomesText(n)).toBe(text);
  });

  it('lists what is missing, or says nothing when every participant has an outcome', () => {
    const s = summariseOutcomes([row(), row(), row({ startedAt: T, completedAt: T, assessment: '7' })]);
    expect(completionRefusal(s)).toBe(
      'Grupės būsenos pakeisti į „Užbaigta“ negalima: 3 dalyvių galutinis įvertinimas nepatvirtintas ' +
        '(nepažymėta „Mokymus pradėjo“: 2 dalyviai; galutinis įvertinimas įvestas, bet nepatvirtintas („Patvirtinti“): 1 dalyvis). ' +
        'Užpildykite kortelę „Mokymų baigimas“.',
    );
    expect(completionRefusal(summariseOutcomes([row({ lockedAt: T })]))).toBeNull();
    expect(completionRefusal(summariseOutcomes([]))).toBeNull();
  });
});

describe('GRP-45: the automatic completion and its reminder', () => {
  it('completes at the Vilnius midnight ending the grace period’s last day; reminds 7 days earlier', () => {
    expect(autoCompletionDeadlines('2026-12-15', 30)).toEqual({
      // 2026-12-15 + 30 days = 2027-01-14; it ends at 2027-01-15 00:00 Vilnius (UTC+2).
      autoCompletesAt: '2027-01-14T22:00:00.000Z',
      completionReminderAt: '2027-01-07T22:00:00.000Z',
    });
    expect(autoCompletionDay('2027-01-14T22:00:00.000Z')).toBe('2027-01-15');
  });

  it('a grace period shorter than a week reminds when the end date begins; summer time is kept', () => {
    expect(autoCompletionDeadlines('2026-07-10', 3)).toEqual({
      autoCompletesAt: '2026-07-13T21:00:00.000Z',
      completionReminderAt: '2026-07-09T21:00:00.000Z',
    });
    expect(autoCompletionDeadlines('2026-07-10', 0).autoCompletesAt).toBe('2026-07-10T21:00:00.000Z');
  });

  it('the reminder e-mail names the day and what is missing', () => {
    const mail = groupAutoCompletionReminderEmail({
      firstName: 'Ona',
      groupName: 'Grupė A',
      programmeName: 'Programa',
      programmeEnd: '2026-12-15',
      autoCompletesAt: '2027-01-14T22:00:00.000Z',
      outcomes: summariseOutcomes([row(), row({ startedAt: T, completedAt: T })]),
      link: 'http://x/grupes/1',
    });
    expect(mail.subject).toBe('Mokymo grupė „Grupė A“ bus automatiškai užbaigta 2027-01-15');
    expect(mail.text).toContain('2 dalyvių galutinis įvertinimas nepatvirtintas');
    expect(mail.text).toContain('– nepažymėta „Mokymus pradėjo“: 1 dalyvis');
    expect(mail.text).toContain('pažymėjimai nebus išduoti');
    expect(mail.text).toContain('http://x/grupes/1');
  });
});

describe('the group’s deadline loop (GRP-45)', () => {
  const base: GroupDeadlines = { registrationClosesAt: '2026-11-01T22:00:00.000Z', programmeStartsAt: '2026-11-09T22:00:00.000Z' };
  const withCompletion: GroupDeadlines = { ...base, ...autoCompletionDeadlines('2026-12-15', 30) };
  const started = { registrationClosed: true, programmeStarted: true };

  it('offers the reminder, then the automatic completion, while "Vykdoma" after delivery started', () => {
    expect(nextDeadline(GroupStatus.InDelivery, withCompletion, started, { autoCompletion: true })).toEqual({
      kind: 'completionReminder',
      at: Date.parse('2027-01-07T22:00:00.000Z'),
    });
    expect(
      nextDeadline(GroupStatus.InDelivery, withCompletion, { ...started, completionReminded: true }, { autoCompletion: true }),
    ).toEqual({
      kind: 'autoComplete',
      at: Date.parse('2027-01-14T22:00:00.000Z'),
    });
  });

  it('offers nothing without the patch, without the instants, before delivery starts or in another status', () => {
    expect(nextDeadline(GroupStatus.InDelivery, withCompletion, started)).toBeNull();
    expect(nextDeadline(GroupStatus.InDelivery, base, started, { autoCompletion: true })).toBeNull();
    expect(
      nextDeadline(GroupStatus.InDelivery, withCompletion, { registrationClosed: true, programmeStarted: false }, { autoCompletion: true })
        ?.kind,
    ).toBe('programmeStart');
    for (const status of [GroupStatus.Suspended, GroupStatus.Completed, GroupStatus.NotDelivered, GroupStatus.Published])
      expect(nextDeadline(status, withCompletion, started, { autoCompletion: true })).toBeNull();
  });

  it('explicit instants come together, the reminder between delivery start and the completion', () => {
    expect(checkDeadlines(withCompletion)).toBeNull();
    expect(checkDeadlines({ ...base, autoCompletesAt: withCompletion.autoCompletesAt! })).toBe(
      'Automatinio užbaigimo ir priminimo terminai nurodomi kartu.',
    );
    expect(checkDeadlines({ ...base, autoCompletesAt: '2026-12-01T00:00:00.000Z', completionReminderAt: '2026-12-02T00:00:00.000Z' })).toBe(
      'Priminimas turi būti tarp mokymų pradžios ir automatinio užbaigimo.',
    );
  });
});
