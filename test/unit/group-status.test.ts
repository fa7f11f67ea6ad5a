// Lifecycle L1 (training group status) as seen by the provider: which changes are offered from each
// status and which guard blocks them (GRP-20..GRP-45, rows G2, G3, G5, G6, G8, G9 of L1).
import { describe, expect, it } from 'vitest';
import {
  checkProviderTransition,
  checkStatusReason,
  GROUP_STATUSES,
  GroupStatus,
  isGroupInfoEditable,
  isGroupStatus,
  isTerminalForProvider,
  providerTransitions,
  type GroupTransitionFacts,
  type TransitionOption,
} from '../../workflows/domain/group-status.ts';

const PROGRAMME_START = '2026-10-01';
const PROGRAMME_END = '2026-12-15';

/** A group that nothing blocks: no registrations, no publishing problems, between start and end. */
function facts(overrides: Partial<GroupTransitionFacts> = {}): GroupTransitionFacts {
  return {
    today: '2026-09-15',
    programmeStart: PROGRAMME_START,
    programmeEnd: PROGRAMME_END,
    activeRegistrations: 0,
    publishProblems: [],
    ...overrides,
  };
}

function option(from: GroupStatus, to: GroupStatus, f: GroupTransitionFacts): TransitionOption {
  const found = providerTransitions(from, f).find((o) => o.to === to);
  if (!found) throw new Error(`no option ${from} → ${to}`);
  return found;
}

const targets = (from: GroupStatus, f: GroupTransitionFacts) =>
  providerTransitions(from, f)
    .map((o) => o.to)
    .sort();

const G3_REASON = 'Grupėje yra užsiregistravusių asmenų, todėl jos grąžinti į būseną „Kuriama“ negalima.';
const G8_REASON = 'Mokymų nevykdyti galima nuspręsti tik iki mokymosi programos vykdymo pradžios.';
const G9_REASON = 'Grupę užbaigti galima tik nuo mokymosi programos vykdymo pabaigos datos.';

describe('providerTransitions from "Kuriama" (G2, GRP-35, GRP-40)', () => {
  it('G2/GRP-40: offers "Skelbiama" (allowed when there are no publishing problems) and a suspension with a reason', () => {
    expect(providerTransitions(GroupStatus.Draft, facts())).toEqual([
      { to: 'Skelbiama', allowed: true, rule: 'G2' },
      { to: 'Sustabdyta', allowed: true, rule: 'G10', needsReason: true },
    ]);
  });

  it('G2/GRP-40: refuses "Skelbiama" while publishing problems exist, giving all of them as the reason', () => {
    const problems = ['Neteisingai užpildyti laukai: „Mokymo kalba“.', '„Registracijos pradžia“ (2026-09-01) jau praėjo.'];
    const [only, ...rest] = providerTransitions(GroupStatus.Draft, facts({ publishProblems: problems }));
    expect(rest.map((o) => o.to)).toEqual(['Sustabdyta']);
    expect(only).toMatchObject({ to: 'Skelbiama', allowed: false, rule: 'G2' });
    expect(only?.reason).toBe(problems.join(' '));
  });

  it('GRP-43: never offers "Vykdoma", "Užbaigta" or "Nevykdoma" from "Kuriama" (only publishing and a suspension)', () => {
    expect(targets(GroupStatus.Draft, facts({ today: '2027-01-01' }))).toEqual(['Skelbiama', 'Sustabdyta']);
  });
});

describe('providerTransitions from "Skelbiama" (G3, G5, G6, GRP-30, GRP-32)', () => {
  it('GRP-30/G3: back to "Kuriama" is allowed with 0 active registrations', () => {
    expect(option(GroupStatus.Published, GroupStatus.Draft, facts({ activeRegistrations: 0 }))).toEqual({
      to: 'Kuriama',
      allowed: true,
      rule: 'G3',
    });
  });

  it.each([1, 2, 25])('GRP-30/G3: back to "Kuriama" is refused with %i active registration(s)', (n) => {
    expect(option(GroupStatus.Published, GroupStatus.Draft, facts({ activeRegistrations: n }))).toEqual({
      to: 'Kuriama',
      allowed: false,
      reason: G3_REASON,
      rule: 'G3',
    });
  });

  it('GRP-32/G5, G6: "Vykdoma" and "Nevykdoma" are allowed, also with registrations', () => {
    for (const n of [0, 3]) {
      expect(option(GroupStatus.Published, GroupStatus.InDelivery, facts({ activeRegistrations: n }))).toEqual({
        to: 'Vykdoma',
        allowed: true,
        rule: 'G5',
      });
      expect(option(GroupStatus.Published, GroupStatus.NotDelivered, facts({ activeRegistrations: n }))).toEqual({
        to: 'Nevykdoma',
        allowed: true,
        rule: 'G6',
      });
    }
  });

  it('GRP-43: offers exactly "Kuriama", "Vykdoma", "Nevykdoma" and a suspension (never "Užbaigta")', () => {
    expect(targets(GroupStatus.Published, facts())).toEqual(['Kuriama', 'Nevykdoma', 'Sustabdyta', 'Vykdoma']);
  });
});

describe('providerTransitions from "Vykdoma" (G8, G9, GRP-45)', () => {
  it('GRP-43: offers exactly "Nevykdoma", "Užbaigta" and a suspension (no way back to "Skelbiama"/"Kuriama")', () => {
    expect(targets(GroupStatus.InDelivery, facts())).toEqual(['Nevykdoma', 'Sustabdyta', 'Užbaigta']);
  });

  it('G8: "Nevykdoma" is allowed the day before programme start', () => {
    expect(option(GroupStatus.InDelivery, GroupStatus.NotDelivered, facts({ today: '2026-09-30' }))).toEqual({
      to: 'Nevykdoma',
      allowed: true,
      rule: 'G8',
    });
  });

  it.each(['2026-10-01', '2026-10-02', '2026-12-20'])('G8: "Nevykdoma" is refused on/after programme start (%s)', (today) => {
    expect(option(GroupStatus.InDelivery, GroupStatus.NotDelivered, facts({ today }))).toEqual({
      to: 'Nevykdoma',
      allowed: false,
      reason: G8_REASON,
      rule: 'G8',
    });
  });

  it('G8: "Nevykdoma" is refused when the programme start is unknown', () => {
    expect(option(GroupStatus.InDelivery, GroupStatus.NotDelivered, facts({ programmeStart: null })).allowed).toBe(false);
  });

  it.each(['2026-09-30', '2026-10-01', '2026-12-14'])('G9/GRP-45: "Užbaigta" is refused before programme end (%s)', (today) => {
    expect(option(GroupStatus.InDelivery, GroupStatus.Completed, facts({ today }))).toEqual({
      to: 'Užbaigta',
      allowed: false,
      reason: G9_REASON,
      rule: 'G9',
    });
  });

  it.each(['2026-12-15', '2026-12-16', '2027-03-01'])(
    'G9/GRP-45: "Užbaigta" is allowed on/after programme end once every participant has a confirmed outcome (%s)',
    (today) => {
      expect(option(GroupStatus.InDelivery, GroupStatus.Completed, facts({ today, outcomes: { missing: 0, refusal: null } }))).toEqual({
        to: 'Užbaigta',
        allowed: true,
        rule: 'G9',
      });
    },
  );

  it('G9 (issue 13): "Užbaigta" after the end is refused while participants lack an outcome, with the refusal that names them', () => {
    const refusal = 'Grupės būsenos pakeisti į „Užbaigta“ negalima: 2 dalyvių galutinis įvertinimas nepatvirtintas.';
    expect(
      option(GroupStatus.InDelivery, GroupStatus.Completed, facts({ today: '2026-12-20', outcomes: { missing: 2, refusal } })),
    ).toEqual({
      to: 'Užbaigta',
      allowed: false,
      reason: refusal,
      rule: 'G9',
    });
  });

  it('G9 (issue 13): outcomes not known (a validator) leave "Užbaigta" to the workflow’s check under its lock', () => {
    expect(option(GroupStatus.InDelivery, GroupStatus.Completed, facts({ today: '2026-12-20' })).allowed).toBe(true);
  });

  it('G9: "Užbaigta" is refused when the programme end is unknown', () => {
    expect(option(GroupStatus.InDelivery, GroupStatus.Completed, facts({ today: '2030-01-01', programmeEnd: null })).allowed).toBe(false);
  });

  it('G8/G9: a one-day programme — before it only "Nevykdoma", on the day only "Užbaigta"', () => {
    const oneDay = { programmeStart: '2026-10-01', programmeEnd: '2026-10-01' };
    const before = providerTransitions(GroupStatus.InDelivery, facts({ ...oneDay, today: '2026-09-30' }));
    const onDay = providerTransitions(
      GroupStatus.InDelivery,
      facts({ ...oneDay, today: '2026-10-01', outcomes: { missing: 0, refusal: null } }),
    );
    expect(before.filter((o) => o.allowed).map((o) => o.to)).toEqual(['Nevykdoma', 'Sustabdyta']);
    expect(onDay.filter((o) => o.allowed).map((o) => o.to)).toEqual(['Užbaigta', 'Sustabdyta']);
  });
});

describe('terminal statuses (GRP-43, GRP-44)', () => {
  it.each([GroupStatus.Completed, GroupStatus.NotDelivered, GroupStatus.Suspended])(
    'GRP-43: nothing is offered from "%s", whatever the facts',
    (from) => {
      for (const today of ['2026-01-01', '2026-10-01', '2027-01-01']) {
        expect(providerTransitions(from, facts({ today }))).toEqual([]);
      }
      expect(isTerminalForProvider(from)).toBe(true);
    },
  );

  it('GRP-43: a status is terminal for the provider exactly when no transition is offered from it', () => {
    for (const s of GROUP_STATUSES) {
      expect(isTerminalForProvider(s), s).toBe(providerTransitions(s, facts()).length === 0);
    }
    expect(GROUP_STATUSES.filter((s) => !isTerminalForProvider(s))).toEqual(['Kuriama', 'Skelbiama', 'Vykdoma']);
  });

  it('GRP-26, GRP-44 (as issue 5 sets it): the provider suspends an unfinished group, with a reason', () => {
    for (const s of GROUP_STATUSES) {
      const unfinished = s === GroupStatus.Draft || s === GroupStatus.Published || s === GroupStatus.InDelivery;
      expect(
        providerTransitions(s, facts()).some((o) => o.to === GroupStatus.Suspended && o.allowed && o.needsReason),
        s,
      ).toBe(unfinished);
      expect(checkProviderTransition(s, GroupStatus.Suspended, facts()).allowed, s).toBe(unfinished);
    }
    expect(checkStatusReason(GroupStatus.Suspended, '  ')).toEqual({
      ok: false,
      message: 'Nurodykite sustabdymo priežastį („Sustabdymo priežastis“).',
    });
    expect(checkStatusReason(GroupStatus.Suspended, 'x'.repeat(1001)).ok).toBe(false);
    expect(checkStatusReason(GroupStatus.Suspended, ' Lektorius suserga. ')).toEqual({ ok: true, reason: 'Lektorius suserga.' });
    expect(checkStatusReason(GroupStatus.Published, 'nereikia')).toEqual({ ok: true, reason: null });
  });
});

describe('checkProviderTransition (GRP-43)', () => {
  it('GRP-43: refuses a change to the same status, naming it', () => {
    for (const s of GROUP_STATUSES) {
      expect(checkProviderTransition(s, s, facts())).toEqual({ allowed: false, reason: `Grupės būsena jau yra „${s}“.` });
    }
  });

  it.each([
    [GroupStatus.Draft, GroupStatus.InDelivery],
    [GroupStatus.Draft, GroupStatus.Completed],
    [GroupStatus.Published, GroupStatus.Completed],
    [GroupStatus.InDelivery, GroupStatus.Published],
    [GroupStatus.InDelivery, GroupStatus.Draft],
    [GroupStatus.Completed, GroupStatus.InDelivery],
    [GroupStatus.NotDelivered, GroupStatus.Published],
    [GroupStatus.Suspended, GroupStatus.InDelivery],
  ])('GRP-43: refuses "%s" → "%s" (not offered) with a Lithuanian reason naming both', (from, to) => {
    expect(checkProviderTransition(from, to, facts({ today: '2027-01-01' }))).toEqual({
      allowed: false,
      reason: `Grupės būsenos pakeisti iš „${from}“ į „${to}“ negalima.`,
    });
  });

  it("GRP-30: refuses an offered but blocked change with the guard's reason", () => {
    expect(checkProviderTransition(GroupStatus.Published, GroupStatus.Draft, facts({ activeRegistrations: 1 }))).toEqual({
      allowed: false,
      reason: G3_REASON,
    });
  });

  it('GRP-40: refuses publishing with the publishing problems as the reason', () => {
    expect(
      checkProviderTransition(GroupStatus.Draft, GroupStatus.Published, facts({ publishProblems: ['Trūksta tvarkaraščio.'] })),
    ).toEqual({
      allowed: false,
      reason: 'Trūksta tvarkaraščio.',
    });
  });

  it("G8/G9: refuses at the date boundaries with the guard's reason", () => {
    expect(checkProviderTransition(GroupStatus.InDelivery, GroupStatus.NotDelivered, facts({ today: PROGRAMME_START }))).toEqual({
      allowed: false,
      reason: G8_REASON,
    });
    expect(checkProviderTransition(GroupStatus.InDelivery, GroupStatus.Completed, facts({ today: '2026-12-14' }))).toEqual({
      allowed: false,
      reason: G9_REASON,
    });
  });

  it.each([
    [GroupStatus.Draft, GroupStatus.Published, facts(), 'G2'],
    [GroupStatus.Published, GroupStatus.Draft, facts(), 'G3'],
    [GroupStatus.Published, GroupStatus.InDelivery, facts({ activeRegistrations: 4 }), 'G5'],
    [GroupStatus.Published, GroupStatus.NotDelivered, facts({ activeRegistrations: 4 }), 'G6'],
    [GroupStatus.InDelivery, GroupStatus.NotDelivered, facts({ today: '2026-09-30' }), 'G8'],
    [GroupStatus.InDelivery, GroupStatus.Completed, facts({ today: PROGRAMME_END, outcomes: { missing: 0, refusal: null } }), 'G9'],
  ] as const)('L1: allows "%s" → "%s" and names the L1 row', (from, to, f, rule) => {
    expect(checkProviderTransition(from, to, f)).toEqual({ allowed: true, rule });
  });
});

describe('isGroupInfoEditable (GRP-28, GRP-29)', () => {
  it('GRP-28: editable while "Kuriama"', () => {
    expect(isGroupInfoEditable(GroupStatus.Draft)).toBe(true);
  });

  it.each([GroupStatus.Published, GroupStatus.InDelivery, GroupStatus.Completed, GroupStatus.NotDelivered, GroupStatus.Suspended])(
    'GRP-29: read-only while "%s"',
    (s) => {
      expect(isGroupInfoEditable(s)).toBe(false);
    },
  );
});

describe('isGroupStatus (GRP-20)', () => {
  it("GRP-20: accepts exactly the six statuses, in the manual's order (PROG-7)", () => {
    expect(GROUP_STATUSES).toEqual(['Kuriama', 'Skelbiama', 'Vykdoma', 'Užbaigta', 'Nevykdoma', 'Sustabdyta']);
    for (const s of GROUP_STATUSES) expect(isGroupStatus(s), s).toBe(true);
  });

  it.each<unknown>(['kuriama', 'KURIAMA', 'Uzbaigta', ' Kuriama', 'Draft', '', null, undefined, 0, ['Kuriama'], { status: 'Kuriama' }])(
    'GRP-20: rejects %j',
    (value) => {
      expect(isGroupStatus(value)).toBe(false);
    },
  );
});
