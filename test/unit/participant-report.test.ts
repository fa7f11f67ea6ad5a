// "Ataskaita. Dalyvių informacija" criteria (REP-6, REP-7, OQ-46): read from the URL, written back
// canonically, refused with Lithuanian messages (unknown value, bad date, a range ending before it
// starts, an unknown or repeated dimension), and the buckets of the registrations-over-time line.
import { describe, expect, it } from 'vitest';
import {
  bucketLabel,
  bucketStart,
  CRITERIA,
  CRITERION_KEYS,
  criteriaQuery,
  emptyCriteria,
  fillBuckets,
  parseCriteria,
  timeBucket,
  valueLabel,
} from '../../workflows/domain/participant-report.ts';

const P1 = '11111111-1111-4111-8111-111111111111';
const P2 = '22222222-2222-4222-8222-222222222222';
const G1 = '33333333-3333-4333-8333-333333333333';

describe('parseCriteria (REP-7)', () => {
  it('reads every kind of criterion, with several values each, and the dimensions', () => {
    const r = parseCriteria(
      `programa=${P1}&programa=${P2}&grupe=${G1}&grupes_busena=Vykdoma&finansavimas=UZT&registracijos_busena=APPROVED` +
        '&registracijos_busena=CONTRACTED&dokumentai=LAUKIA&sutartis=NERA&sutartis=GALIOJA&eiga=BAIGE&pazymejimas=ISDUOTAS' +
        '&saskaita=Nepateikta&saskaita=Apmok%C4%97ta&uzt_kuponas=PATVIRTINTAS&registruota_nuo=2026-01-01&registruota_iki=2026-03-31' +
        '&pradzia_nuo=2026-02-01&pradzia_iki=2026-02-01&pjuvis=grupes_busena&pjuvis2=finansavimas&puslapis=3',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.criteria.filters).toEqual({
      programme: [P1, P2],
      group: [G1],
      groupStatus: ['Vykdoma'],
      funding: ['UZT'],
      registrationStatus: ['APPROVED', 'CONTRACTED'],
      documentReview: ['LAUKIA'],
      contractStatus: ['NERA', 'GALIOJA'],
      progress: ['BAIGE'],
      certificate: ['ISDUOTAS'],
      invoiceStatus: ['Nepateikta', 'Apmokėta'],
      uztCoupon: ['PATVIRTINTAS'],
    });
    expect(r.criteria).toMatchObject({
      registeredFrom: '2026-01-01',
      registeredTo: '2026-03-31',
      startFrom: '2026-02-01',
      startTo: '2026-02-01',
      breakdown: ['groupStatus', 'funding'],
    });
  });

  it('an empty query is no criteria and no breakdown; empty values are ignored', () => {
    const r = parseCriteria('grupes_busena=&pjuvis2=&registruota_nuo=');
    expect(r).toMatchObject({ ok: true, criteria: emptyCriteria() });
  });

  it('writing the criteria and reading them back gives the same criteria (the URL is the report)', () => {
    const r = parseCriteria(`pjuvis=sutartis&saskaita=Pateikta&programa=${P1}&registruota_iki=2026-05-01&grupes_busena=Kuriama`);
    if (!r.ok) throw new Error('expected valid');
    const q = criteriaQuery(r.criteria);
    expect(q).toBe(`programa=${P1}&grupes_busena=Kuriama&saskaita=Pateikta&registruota_iki=2026-05-01&pjuvis=sutartis`);
    const again = parseCriteria(q);
    expect(again.ok && again.criteria).toEqual(r.criteria);
    expect(criteriaQuery(r.criteria, { format: 'csv' })).toMatch(/&format=csv$/);
  });

  it('refuses an unknown value of a vocabulary, naming the criterion', () => {
    const r = parseCriteria('grupes_busena=Vykdoma&grupes_busena=Archyvuota&sutartis=GALIOJA');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({ grupes_busena: 'Neleistina reikšmė „Archyvuota“ kriterijui „Grupės būsena“.' });
    expect(r.raw.grupes_busena).toEqual(['Vykdoma', 'Archyvuota']);
  });

  it('refuses an id that is not a UUID, and with the institution’s lists an id of another institution', () => {
    expect(parseCriteria('programa=1%27%20or%201=1').ok).toBe(false);
    const known = { programmeIds: new Set([P1]), groupIds: new Set<string>() };
    const r = parseCriteria(`programa=${P2}&grupe=${G1}`, known);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.programa).toBe('Pasirinkta nežinoma reikšmė kriterijui „Mokymosi programa“.');
    expect(r.errors.grupe).toBe('Pasirinkta nežinoma reikšmė kriterijui „Mokymo grupė“.');
    expect(parseCriteria(`programa=${P1}`, known).ok).toBe(true);
  });

  it('refuses a malformed or impossible date and a range ending before it starts', () => {
    const r = parseCriteria('registruota_nuo=2026-02-30&pradzia_nuo=2026-05-02&pradzia_iki=2026-05-01&registruota_iki=01.05.2026');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      registruota_nuo: 'Laukas „Registracijos data nuo“: data turi būti formatu MMMM-MM-DD.',
      registruota_iki: 'Laukas „Registracijos data iki“: data turi būti formatu MMMM-MM-DD.',
      pradzia_iki: 'Mokymų pradžios laikotarpio pabaiga negali būti ankstesnė už jo pradžią.',
    });
    const reg = parseCriteria('registruota_nuo=2026-03-02&registruota_iki=2026-03-01');
    expect(!reg.ok && reg.errors.registruota_iki).toBe('Registracijos laikotarpio pabaiga negali būti ankstesnė už jo pradžią.');
    expect(parseCriteria('registruota_nuo=2026-03-01&registruota_iki=2026-03-01').ok).toBe(true);
  });

  it('refuses an unknown dimension and the same dimension twice', () => {
    const unknown = parseCriteria('pjuvis=amzius');
    expect(!unknown.ok && unknown.errors.pjuvis).toBe('Nežinomas pjūvis: „amzius“.');
    const twice = parseCriteria('pjuvis=eiga&pjuvis2=eiga');
    expect(!twice.ok && twice.errors.pjuvis2).toBe('Antrasis pjūvis turi skirtis nuo pirmojo.');
    const second = parseCriteria('pjuvis2=pazymejimas');
    expect(second.ok && second.criteria.breakdown).toEqual(['certificate']);
  });

  it('every criterion has a distinct URL parameter and Lithuanian value labels from the vocabularies', () => {
    expect(new Set(CRITERION_KEYS.map((k) => CRITERIA[k].param)).size).toBe(CRITERION_KEYS.length);
    expect(valueLabel('registrationStatus', 'CONTRACTED')).toBe('Sutartis pasirašyta');
    expect(valueLabel('contractStatus', 'NERA')).toBe('Sutarties nėra');
    expect(valueLabel('contractStatus', 'GALIOJA')).toBe('Galioja');
    expect(valueLabel('funding', 'IMP_KREPSELIS')).toBe('IMP krepšelis');
    expect(valueLabel('progress', 'PRADEJO')).toBe('Mokymus pradėjo');
    expect(valueLabel('uztCoupon', 'ATMESTAS')).toBe('Kuponas atmestas');
  });
});

describe('registrations over time', () => {
  it('chooses days up to two months, weeks up to about a year, months beyond', () => {
    expect(timeBucket('2026-01-01', '2026-03-03')).toBe('day'); // 62 days
    expect(timeBucket('2026-01-01', '2026-03-04')).toBe('week');
    expect(timeBucket('2026-01-01', '2027-02-04')).toBe('week'); // 400 days
    expect(timeBucket('2026-01-01', '2027-02-05')).toBe('month');
  });

  it('weeks start on Monday and months on the 1st', () => {
    expect(bucketStart('2026-12-03', 'week')).toBe('2026-11-30'); // a Thursday
    expect(bucketStart('2026-11-30', 'week')).toBe('2026-11-30');
    expect(bucketStart('2026-12-06', 'week')).toBe('2026-11-30'); // Sunday
    expect(bucketStart('2026-12-31', 'month')).toBe('2026-12-01');
    expect(bucketLabel('2026-12-01', 'month')).toBe('2026-12');
  });

  it('fills every bucket of the range, missing ones with 0, across a year end', () => {
    const counts = new Map([
      ['2026-11-01', 4],
      ['2027-01-01', 2],
    ]);
    expect(fillBuckets('2026-11-15', '2027-01-10', 'month', counts)).toEqual([
      { start: '2026-11-01', count: 4 },
      { start: '2026-12-01', count: 0 },
      { start: '2027-01-01', count: 2 },
    ]);
    expect(fillBuckets('2026-12-30', '2027-01-01', 'day', new Map([['2026-12-31', 7]]))).toEqual([
      { start: '2026-12-30', count: 0 },
      { start: '2026-12-31', count: 7 },
      { start: '2027-01-01', count: 0 },
    ]);
  });
});
