// The group's deadlines from its dates (L1 G4, G7; GEN-6) and the registration rules (GRP-41,
// GRP-46, OQ-23), as pure functions.
import { describe, expect, it } from 'vitest';
import {
  atProgrammeStart,
  atRegistrationEnd,
  checkDeadlines,
  groupDeadlines,
  nextDeadline,
  vilniusStartOfDay,
} from '../../workflows/domain/group-deadlines.ts';
import { GroupStatus } from '../../workflows/domain/group-status.ts';
import {
  isActiveRegistration,
  registrationRefusal,
  RegistrationStatus,
  type RegistrationFacts,
} from '../../workflows/domain/registration.ts';

describe('vilniusStartOfDay (GEN-6)', () => {
  it.each([
    ['2026-01-15', '2026-01-14T22:00:00.000Z'], // winter, UTC+2
    ['2026-07-15', '2026-07-14T21:00:00.000Z'], // summer, UTC+3
    ['2026-03-29', '2026-03-28T22:00:00.000Z'], // the day clocks go forward (at 03:00): midnight is still +2
    ['2026-03-30', '2026-03-29T21:00:00.000Z'],
    ['2026-10-25', '2026-10-24T21:00:00.000Z'], // the day clocks go back (at 04:00): midnight is still +3
    ['2026-10-26', '2026-10-25T22:00:00.000Z'],
  ])('%s begins at %s', (date, instant) => {
    expect(vilniusStartOfDay(date).toISOString()).toBe(instant);
  });
});

describe('groupDeadlines', () => {
  it('registration is open through the whole end date; delivery starts at the start date’s midnight', () => {
    expect(groupDeadlines({ registrationEnd: '2026-12-10', programmeStart: '2026-12-20' })).toEqual({
      registrationClosesAt: '2026-12-10T22:00:00.000Z',
      programmeStartsAt: '2026-12-19T22:00:00.000Z',
    });
  });

  it('accepts explicit instants in order and refuses others', () => {
    expect(checkDeadlines({ registrationClosesAt: '2026-12-01T10:00:00Z', programmeStartsAt: '2026-12-01T10:00:00Z' })).toBeNull();
    expect(checkDeadlines({ registrationClosesAt: '2026-12-02T10:00:00Z', programmeStartsAt: '2026-12-01T10:00:00Z' })).toMatch(
      /ne vėliau/,
    );
    expect(checkDeadlines({ registrationClosesAt: 'rytoj', programmeStartsAt: '2026-12-01T10:00:00Z' })).toMatch(/ISO 8601/);
  });
});

describe('nextDeadline (G4, G7)', () => {
  const d = { registrationClosesAt: '2026-12-10T22:00:00.000Z', programmeStartsAt: '2026-12-19T22:00:00.000Z' };
  const fresh = { registrationClosed: false, programmeStarted: false };
  it('waits for registration end while "Skelbiama", then for delivery start', () => {
    expect(nextDeadline(GroupStatus.Published, d, fresh)).toEqual({ kind: 'registrationEnd', at: Date.parse(d.registrationClosesAt) });
    expect(nextDeadline(GroupStatus.Published, d, { ...fresh, registrationClosed: true })).toEqual({
      kind: 'programmeStart',
      at: Date.parse(d.programmeStartsAt),
    });
  });
  it('in "Vykdoma" only delivery start is ahead', () => {
    expect(nextDeadline(GroupStatus.InDelivery, d, { registrationClosed: true, programmeStarted: false })?.kind).toBe('programmeStart');
    expect(nextDeadline(GroupStatus.InDelivery, d, { registrationClosed: true, programmeStarted: true })).toBeNull();
  });
  it.each([GroupStatus.Draft, GroupStatus.Suspended, GroupStatus.Completed, GroupStatus.NotDelivered])('no timer in "%s"', (status) => {
    expect(nextDeadline(status, d, fresh)).toBeNull();
  });
});

describe('the automatic moves', () => {
  it('G4/GRP-31: the minimum reached → deliver; GRP-32: below it → the provider decides', () => {
    expect(atRegistrationEnd(3, 3)).toBe('deliver');
    expect(atRegistrationEnd(2, 3)).toBe('await-decision');
  });
  it('G7/GRP-42: no signed contract → "Nevykdoma"; with one, the unsigned are deregistered', () => {
    expect(atProgrammeStart(GroupStatus.Published, 0)).toBe('not-delivered');
    expect(atProgrammeStart(GroupStatus.InDelivery, 0)).toBe('not-delivered');
    expect(atProgrammeStart(GroupStatus.InDelivery, 1)).toBe('deregister-unsigned');
  });
});

describe('registrationRefusal (GRP-41, OQ-23) and active registrations (GRP-46)', () => {
  const base: RegistrationFacts = {
    status: GroupStatus.Published,
    info: { registrationStart: '2026-12-01', registrationEnd: '2026-12-10', maxParticipants: 2, fundingSources: ['IMP_KREPSELIS'] },
    today: '2026-12-05',
    now: Date.parse('2026-12-05T10:00:00Z'),
    registrationClosesAt: Date.parse('2026-12-10T22:00:00Z'),
    registrationClosed: false,
    activeRegistrations: 1,
    alreadyRegistered: false,
    funding: 'IMP_KREPSELIS',
  };
  it('accepts within the window, below the maximum, with an offered funding source', () => {
    expect(registrationRefusal(base)).toBeNull();
  });
  it.each<[string, Partial<RegistrationFacts>, string]>([
    ['Kuriama', { status: GroupStatus.Draft }, 'Į šią mokymo grupę šiuo metu registruotis negalima.'],
    ['Vykdoma', { status: GroupStatus.InDelivery }, 'Registracija į šią mokymo grupę baigėsi.'],
    ['before the start', { today: '2026-11-30' }, 'Registracija į grupę prasidės 2026-12-01.'],
    ['after the end date', { today: '2026-12-11' }, 'Registracija į šią mokymo grupę baigėsi.'],
    ['after the closing instant', { now: Date.parse('2026-12-10T22:00:00Z') }, 'Registracija į šią mokymo grupę baigėsi.'],
    ['funding not offered', { funding: 'UZT' }, 'Šioje grupėje pasirinktu finansavimo šaltiniu registruotis negalima.'],
    ['already registered', { alreadyRegistered: true }, 'Jūs jau esate užsiregistravę į šią mokymo grupę.'],
    ['full', { activeRegistrations: 2 }, 'Grupėje nebėra laisvų vietų.'],
  ])('refuses: %s', (_, change, message) => {
    expect(registrationRefusal({ ...base, ...change })).toBe(message);
  });
  it('counts registered, approved and contracted; not the rejected, removed, cancelled, deregistered or withdrawn', () => {
    const active = Object.values(RegistrationStatus).filter(isActiveRegistration);
    expect(active).toEqual(['REGISTERED', 'APPROVED', 'CONTRACTED']);
  });
});
