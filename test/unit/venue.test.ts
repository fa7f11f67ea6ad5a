// The venue window's rules and the structured address (VENUE-2, VENUE-4, VENUE-6, OQ-16).
import { describe, expect, it } from 'vitest';
import {
  MUNICIPALITIES,
  VENUE_FORM_LABELS,
  formatAddress,
  isAddressComplete,
  isRemoteVenueName,
  municipalityFromText,
  parseAddress,
  remoteVenueFromSeat,
  seatAddressFromSmir,
  validateVenue,
  type VenueFormInput,
} from '../../workflows/domain/venue.ts';

const FORM: VenueFormInput = {
  name: 'Mokymo centras, 101 auditorija',
  municipality: 'Vilniaus miesto savivaldybė',
  city: 'Vilnius',
  street: 'Gedimino pr.',
  building: '1',
  postalCode: 'LT-01103',
};

const NONE = { takenNames: [] as string[] };

function errorsOf(input: VenueFormInput, refs = NONE) {
  const result = validateVenue(input, refs);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('the venue window (VENUE-2, VENUE-6)', () => {
  it('accepts a complete venue, tidying spaces and the postcode', () => {
    const result = validateVenue({ ...FORM, name: '  Mokymo   centras  ', postalCode: '01103', building: ' 12a ' }, NONE);
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Mokymo centras',
        municipality: 'Vilniaus miesto savivaldybė',
        city: 'Vilnius',
        street: 'Gedimino pr.',
        building: '12A',
        postalCode: 'LT-01103',
      },
    });
  });

  it('requires every field and reports every problem at once, in the window order', () => {
    const errors = errorsOf({});
    expect(Object.keys(errors)).toEqual(Object.keys(VENUE_FORM_LABELS));
    expect(new Set(Object.values(errors))).toEqual(new Set(['Privalomas laukas.']));
    expect(errorsOf({ name: '   ', municipality: '', city: ' ', street: '', building: '', postalCode: '' })).toEqual(errors);
  });

  it('refuses a municipality not in the list, a malformed building number, town and postcode', () => {
    expect(errorsOf({ ...FORM, municipality: 'Vilniaus savivaldybė', building: 'pirmas', postalCode: 'LT-0110', city: '123' })).toEqual({
      municipality: 'Pasirinkite savivaldybę iš sąrašo.',
      city: expect.stringContaining('Miesto ar gyvenvietės pavadinimą'),
      building: 'Nurodykite namo numerį, pvz., 1, 12A arba 5-3.',
      postalCode: 'Pašto kodą sudaro 5 skaitmenys, pvz., LT-01103.',
    });
  });

  it.each([
    ['1', '1'],
    ['12A', '12A'],
    ['5 - 3', '5-3'],
    ['7/1', '7/1'],
    ['14b-7', '14B-7'],
  ])('building %s is %s', (building, stored) => {
    const result = validateVenue({ ...FORM, building }, NONE);
    expect(result.ok && result.value.building).toBe(stored);
  });

  it.each(['LT-01103', 'lt-01103', 'LT01103', 'LT 01103', '01103'])('postcode %s is LT-01103', (postalCode) => {
    const result = validateVenue({ ...FORM, postalCode }, NONE);
    expect(result.ok && result.value.postalCode).toBe('LT-01103');
  });

  it('refuses a name another venue of the institution has, whatever the case and spacing', () => {
    expect(errorsOf({ ...FORM, name: ' mokymo  CENTRAS, 101 auditorija' }, { takenNames: ['Mokymo centras, 101 auditorija'] })).toEqual({
      name: expect.stringContaining('jau yra institucijos sąraše'),
    });
    expect(validateVenue(FORM, { takenNames: ['Kita vieta'] }).ok).toBe(true);
  });

  it('limits lengths', () => {
    expect(errorsOf({ ...FORM, name: 'x'.repeat(201), street: 'y'.repeat(151) })).toEqual({
      name: 'Ne daugiau kaip 200 simbolių.',
      street: 'Ne daugiau kaip 150 simbolių.',
    });
  });

  it('formats the address on one line', () => {
    const result = validateVenue(FORM, NONE);
    if (!result.ok) throw new Error('expected a venue');
    expect(formatAddress(result.value)).toBe('Gedimino pr. 1, LT-01103 Vilnius, Vilniaus miesto savivaldybė');
  });
});

describe('municipalities', () => {
  it('are the 60 municipalities of Lithuania, each once', () => {
    expect(MUNICIPALITIES).toHaveLength(60);
    expect(new Set(MUNICIPALITIES).size).toBe(60);
  });

  it.each([
    ['Trakų r. sav.', 'Trakų rajono savivaldybė'],
    ['Kauno m. sav.', 'Kauno miesto savivaldybė'],
    ['Kauno rajono savivaldybė', 'Kauno rajono savivaldybė'],
    ['Birštono sav.', 'Birštono savivaldybė'],
    ['Ukmergės r.', 'Ukmergės rajono savivaldybė'],
  ])('%s is %s', (text, municipality) => {
    expect(municipalityFromText(text)).toBe(municipality);
  });

  it('an unknown one is not guessed', () => {
    expect(municipalityFromText('Niekur r. sav.')).toBeUndefined();
  });
});

describe('an address written on one line', () => {
  it.each([
    [
      'Gedimino pr. 1, LT-01103 Vilnius',
      { street: 'Gedimino pr.', building: '1', postalCode: 'LT-01103', city: 'Vilnius', municipality: 'Vilniaus miesto savivaldybė' },
    ],
    [
      'Vilniaus g. 12-3, LT-35200 Panevėžys',
      { street: 'Vilniaus g.', building: '12-3', postalCode: 'LT-35200', city: 'Panevėžys', municipality: 'Panevėžio miesto savivaldybė' },
    ],
    [
      'Pakalnės g. 3, Dusmenų k., Trakų r. sav., LT-21234',
      { street: 'Pakalnės g.', building: '3', city: 'Dusmenų k.', municipality: 'Trakų rajono savivaldybė', postalCode: 'LT-21234' },
    ],
    [
      'Vasario 16-osios g. 5, 01103 Vilnius',
      {
        street: 'Vasario 16-osios g.',
        building: '5',
        postalCode: 'LT-01103',
        city: 'Vilnius',
        municipality: 'Vilniaus miesto savivaldybė',
      },
    ],
    // What a venue entered as free text may look like: the parts that can be told.
    ['Gedimino pr. 1, Vilnius', { street: 'Gedimino pr.', building: '1', city: 'Vilnius', municipality: 'Vilniaus miesto savivaldybė' }],
    ['Kaimo turizmo sodyba', { city: 'Kaimo turizmo sodyba' }],
    ['', {}],
  ])('%s', (line, parts) => {
    expect(parseAddress(line)).toEqual(parts);
  });

  it('is complete only with every part', () => {
    expect(isAddressComplete(parseAddress('Gedimino pr. 1, LT-01103 Vilnius'))).toBe(true);
    expect(isAddressComplete(parseAddress('Gedimino pr. 1, Vilnius'))).toBe(false);
    expect(isAddressComplete({ municipality: 'x', city: 'x', street: 'x', building: null, postalCode: 'x' })).toBe(false);
  });
});

describe('"Nuotolinis mokymas" with the registered office address (VENUE-4)', () => {
  it('knows the name whatever the case and spacing', () => {
    expect(isRemoteVenueName(' nuotolinis   MOKYMAS ')).toBe(true);
    expect(isRemoteVenueName('Nuotolinis mokymas 2')).toBe(false);
  });

  it('reads the address of the ŠMIR record (a line of text) into a ready venue', () => {
    const seat = seatAddressFromSmir({ code: '300000001', address: 'Gedimino pr. 1, LT-01103 Vilnius' });
    expect(seat?.text).toBe('Gedimino pr. 1, LT-01103 Vilnius');
    expect(remoteVenueFromSeat(seat)).toEqual({
      name: 'Nuotolinis mokymas',
      municipality: 'Vilniaus miesto savivaldybė',
      city: 'Vilnius',
      street: 'Gedimino pr.',
      building: '1',
      postalCode: 'LT-01103',
    });
  });

  it('reads an address given in parts', () => {
    const seat = seatAddressFromSmir({
      address: { street: 'Tilžės g.', house: '5', city: 'Šiauliai', postalCode: '76284', municipality: 'Šiaulių m. sav.' },
    });
    expect(remoteVenueFromSeat(seat)).toMatchObject({
      street: 'Tilžės g.',
      building: '5',
      city: 'Šiauliai',
      postalCode: 'LT-76284',
      municipality: 'Šiaulių miesto savivaldybė',
    });
  });

  it('has nothing ready when the record has no address or an incomplete one', () => {
    expect(seatAddressFromSmir(null)).toBeNull();
    expect(seatAddressFromSmir({ name: 'X' })).toBeNull();
    expect(seatAddressFromSmir({ address: '  ' })).toBeNull();
    const partial = seatAddressFromSmir({ address: 'Gedimino pr. 1, Vilnius' });
    expect(partial?.parts).toMatchObject({ street: 'Gedimino pr.', city: 'Vilnius' });
    expect(remoteVenueFromSeat(partial)).toBeNull();
    expect(remoteVenueFromSeat(null)).toBeNull();
  });
});
