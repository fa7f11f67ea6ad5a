// Invoice rules (L8; INV-2, INV-4, INV-11..INV-20): statuses and transitions I1..I9 with their
// refusals, the provider's fields (number, date, amount as a positive sum with at most two
// decimals), who is tickable, the reconciliation before submitting, the 10-working-day deadline, N17.
import { describe, expect, it } from 'vitest';
import {
  checkInvoiceDate,
  checkInvoiceForm,
  checkInvoiceNumber,
  decisionTextError,
  evaluationDeadline,
  formatAmount,
  fundingLabel,
  INVOICE_FILTER_STATUSES,
  invoiceStatusChangedEmail,
  InvoiceAction,
  InvoiceStatus,
  isActiveStatus,
  parseAmount,
  reconcile,
  submissionErrors,
  tickRefusal,
  transitionRefusal,
  type ParticipantEvidence,
} from '../../workflows/domain/invoice.ts';

const evidence = (over: Partial<ParticipantEvidence> = {}): ParticipantEvidence => ({
  contractId: 'c1',
  name: 'Ona Onaitė',
  funding: 'IMP_KREPSELIS',
  contractSigned: true,
  startedAt: '2026-10-01T08:00:00Z',
  completedAt: '2026-11-20T08:00:00Z',
  assessment: 'Įskaityta',
  questionnaireFilledAt: '2026-11-21T08:00:00Z',
  certificateNumber: 'KURSUOK-2026-000001',
  activeInvoiceNumber: null,
  activeInvoiceId: null,
  ...over,
});

describe('statuses (INV-2)', () => {
  it('lists the manual’s eight filter statuses in its order, "Nepateikta" first and derived', () => {
    expect(INVOICE_FILTER_STATUSES).toEqual([
      'Nepateikta',
      'Pateikta',
      'Vertinama',
      'Perduota apmokėti',
      'Apmokėta',
      'Grąžinta papildymui',
      'Atmesta',
      'Ištrinta',
    ]);
    expect(Object.values(InvoiceStatus)).not.toContain('Nepateikta');
  });

  it('INV-13: "Atmesta" and "Ištrinta" free the participants; the other statuses hold them', () => {
    expect(isActiveStatus(InvoiceStatus.Rejected)).toBe(false);
    expect(isActiveStatus(InvoiceStatus.Deleted)).toBe(false);
    for (const s of [
      InvoiceStatus.Submitted,
      InvoiceStatus.UnderEvaluation,
      InvoiceStatus.Returned,
      InvoiceStatus.ForwardedForPayment,
      InvoiceStatus.Paid,
    ])
      expect(isActiveStatus(s)).toBe(true);
  });
});

describe('transitions I1..I9', () => {
  const allowed: [InvoiceAction, InvoiceStatus | null][] = [
    [InvoiceAction.Submit, null],
    [InvoiceAction.Delete, InvoiceStatus.Submitted],
    [InvoiceAction.TakeForEvaluation, InvoiceStatus.Submitted],
    [InvoiceAction.Return, InvoiceStatus.UnderEvaluation],
    [InvoiceAction.Resubmit, InvoiceStatus.Returned],
    [InvoiceAction.Delete, InvoiceStatus.Returned],
    [InvoiceAction.Reject, InvoiceStatus.UnderEvaluation],
    [InvoiceAction.TransferForPayment, InvoiceStatus.UnderEvaluation],
    [InvoiceAction.ConfirmPaid, InvoiceStatus.ForwardedForPayment],
  ];
  it.each(allowed)('%s from %s is allowed', (action, from) => {
    expect(transitionRefusal(action, from)).toBeNull();
  });

  it('refuses everything else with a Lithuanian reason', () => {
    const statuses: (InvoiceStatus | null)[] = [null, ...Object.values(InvoiceStatus)];
    let refused = 0;
    for (const action of Object.values(InvoiceAction))
      for (const from of statuses) {
        if (allowed.some(([a, f]) => a === action && f === from)) continue;
        const reason = transitionRefusal(action, from);
        expect(reason, `${action} from ${from}`).toMatch(/[ąčęėįšųūž]|Sąskaita/);
        refused++;
      }
    expect(refused).toBe(8 * 8 - allowed.length);
  });

  it('INV-16: deleting under evaluation names the statuses it may be deleted in; a second decision is refused as such', () => {
    expect(transitionRefusal(InvoiceAction.Delete, InvoiceStatus.UnderEvaluation)).toBe(
      'Sąskaitą faktūrą ištrinti galima tik kai jos būsena „Pateikta“ arba „Grąžinta papildymui“; dabar – „Vertinama“.',
    );
    expect(transitionRefusal(InvoiceAction.Reject, InvoiceStatus.ForwardedForPayment)).toBe(
      'Sprendimas dėl sąskaitos faktūros jau priimtas: „Perduota apmokėti“.',
    );
    expect(transitionRefusal(InvoiceAction.Resubmit, InvoiceStatus.Rejected)).toBe('Sąskaita faktūra atmesta: šis sprendimas galutinis.');
  });

  it('I4, I7: the comment and the reason are mandatory', () => {
    expect(decisionTextError('RETURN', ' ')).toBe('Grąžinant sąskaitą faktūrą papildymui, komentaras privalomas.');
    expect(decisionTextError('REJECT', null)).toBe('Atmetant sąskaitą faktūrą, nurodykite priežastį.');
    expect(decisionTextError('RETURN', 'Trūksta parašo.')).toBeNull();
    expect(decisionTextError('REJECT', 'x'.repeat(2001))).toMatch(/2000/);
  });
});

describe('the provider’s fields', () => {
  it.each([
    ['1500', 150_000],
    ['1500,5', 150_050],
    ['1500.50', 150_050],
    ['1 234,56', 123_456],
    ['0,01', 1],
    [' 12,00 € ', 1_200],
  ])('amount %s is %i cents', (raw, cents) => {
    expect(parseAmount(raw)).toEqual({ ok: true, cents });
  });

  it.each(['', '0', '0,00', '-5', '12,345', 'abc', '1.2.3', '1e3', '12,3a'])('amount "%s" is refused', (raw) => {
    expect(parseAmount(raw).ok).toBe(false);
  });

  it('formats cents with the decimal comma', () => {
    expect(formatAmount(123_456)).toBe('1234,56');
    expect(formatAmount(5)).toBe('0,05');
  });

  it('checks the number and the date', () => {
    expect(checkInvoiceNumber('  SF  2026/001 ')).toEqual({ ok: true, value: 'SF 2026/001' });
    expect(checkInvoiceNumber('').ok).toBe(false);
    expect(checkInvoiceNumber('<script>').ok).toBe(false);
    expect(checkInvoiceNumber('A'.repeat(41)).ok).toBe(false);
    expect(checkInvoiceDate('2026-12-03', '2026-12-03')).toEqual({ ok: true, value: '2026-12-03' });
    expect(checkInvoiceDate('2026-12-04', '2026-12-03')).toEqual({
      ok: false,
      error: 'Sąskaitos faktūros data negali būti vėlesnė nei šiandien.',
    });
    expect(checkInvoiceDate('2026-02-30', '2026-12-03').ok).toBe(false);
  });

  it('the form needs at least one ticked participant, each once', () => {
    const r = checkInvoiceForm({ number: 'SF 1', date: '2026-12-01', amount: '100', contractIds: ['a', 'a', ''] }, '2026-12-03');
    expect(r).toEqual({ ok: true, value: { number: 'SF 1', date: '2026-12-01', amountCents: 10_000, contractIds: ['a'] } });
    const none = checkInvoiceForm({ number: '', date: '', amount: 'x', contractIds: [] }, '2026-12-03');
    expect(none.ok).toBe(false);
    if (!none.ok) expect(Object.keys(none.errors).sort()).toEqual(['amount', 'date', 'number', 'participants']);
  });

  it('the workflow re-checks a hand-made submission', () => {
    expect(
      submissionErrors({ number: 'SF 1', date: '2026-12-01', amountCents: 100, fileId: 'f', contractIds: ['a'] }, '2026-12-03'),
    ).toBeNull();
    expect(
      submissionErrors({ number: 'SF 1', date: '2026-12-01', amountCents: 1.5, fileId: '', contractIds: ['a', 'a'] }, '2026-12-03'),
    ).toEqual({
      amount: expect.any(String),
      file: 'Pasirinkite sąskaitos faktūros dokumentą (PDF).',
      participants: 'Tas pats dalyvis pažymėtas kelis kartus.',
    });
  });
});

describe('who may be ticked (INV-4, INV-5, INV-13, INV-14)', () => {
  it('an IMP-basket participant with all the evidence and no active invoice: "Skirta", tickable', () => {
    expect(fundingLabel('IMP_KREPSELIS')).toBe('Skirta');
    expect(tickRefusal(evidence())).toBeNull();
  });

  it('personal funds are listed but not tickable (OQ-42)', () => {
    expect(fundingLabel('ASMENINES_LESOS')).toBe('Asmeninės lėšos');
    expect(tickRefusal(evidence({ funding: 'ASMENINES_LESOS' }))).toMatch(/tik dalyviai, kurių finansavimas „Skirta“/);
  });

  it('a participant on another active invoice is not tickable, but stays so for her own invoice’s resubmission', () => {
    const held = evidence({ activeInvoiceId: 'inv-1', activeInvoiceNumber: 'SF 7' });
    expect(tickRefusal(held)).toBe('Ona Onaitė: dalyvis jau įtrauktas į sąskaitą faktūrą SF 7.');
    expect(tickRefusal(held, 'inv-1')).toBeNull();
  });

  it('names what is missing', () => {
    expect(tickRefusal(evidence({ certificateNumber: null, questionnaireFilledAt: null }))).toBe(
      'Ona Onaitė: neužpildyta vertinimo anketa; nesuformuotas pažymėjimas.',
    );
  });
});

describe('reconciliation before submitting', () => {
  it('expected total = ticked × the group’s price; no mismatch when the amount equals it', () => {
    const r = reconcile([evidence(), evidence({ contractId: 'c2', name: 'Jonas Jonaitis' })], 75_000, 150_000);
    expect(r.expectedCents).toBe(150_000);
    expect(r.mismatches).toEqual([]);
    expect(r.rows.map((x) => [x.name, x.priceCents, x.problems])).toEqual([
      ['Ona Onaitė', 75_000, []],
      ['Jonas Jonaitis', 75_000, []],
    ]);
  });

  it('names a participant without a certificate and a total that differs', () => {
    const r = reconcile([evidence(), evidence({ contractId: 'c2', name: 'Jonas Jonaitis', certificateNumber: null })], 75_000, 160_000);
    expect(r.mismatches).toEqual([
      'Jonas Jonaitis: nesuformuotas pažymėjimas.',
      'Sąskaitos faktūros suma 1600,00 Eur didesnė nei tikėtina 1500,00 Eur (2 × 750,00 Eur) – skirtumas 100,00 Eur.',
    ]);
  });

  it('without an amount typed, only the participants are checked', () => {
    expect(reconcile([evidence()], 75_000, null).mismatches).toEqual([]);
  });
});

describe('the evaluation deadline (10 working days)', () => {
  it('submitted on Thursday 2026-12-03: due at the end of Thursday 2026-12-17 (Vilnius), reminded at the end of 2026-12-15', () => {
    const d = evaluationDeadline(new Date('2026-12-03T10:00:00Z'));
    // The Vilnius midnight that begins 2026-12-18 is 2026-12-17T22:00Z (winter time, UTC+2).
    expect(d.dueAt.toISOString()).toBe('2026-12-17T22:00:00.000Z');
    expect(d.remindAt.toISOString()).toBe('2026-12-15T22:00:00.000Z');
  });

  it('skips the Christmas holidays', () => {
    // 12-24, 12-25, 12-26 (Sat) are not working days; from 2026-12-18 (Fri) the 10th working day is 2027-01-06.
    const d = evaluationDeadline(new Date('2026-12-18T08:00:00Z'));
    expect(d.dueAt.toISOString()).toBe('2027-01-06T22:00:00.000Z');
  });
});

describe('N17 (INV-20)', () => {
  it('a return carries the evaluator’s comment and the link', () => {
    const t = invoiceStatusChangedEmail({
      firstName: 'Rūta',
      institutionName: 'UAB Mokymai',
      groupName: 'Grupė 1',
      programme: 'P1 Programa',
      invoiceNumber: 'SF 1',
      link: 'http://x/saskaitos-fakturos/grupe/g',
      status: InvoiceStatus.Returned,
      note: 'Trūksta pažymėjimo.',
    });
    expect(t.subject).toBe('Sąskaitos faktūros SF 1 būsena: Grąžinta papildymui');
    expect(t.text).toContain('Vertintojo komentaras:\nTrūksta pažymėjimo.');
    expect(t.text).toContain('http://x/saskaitos-fakturos/grupe/g');
  });
});
