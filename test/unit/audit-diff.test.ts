// db/queries/audit.ts diffFields: what an audit row records as changed (GEN-9).
import { describe, expect, it } from 'vitest';
import { diffFields } from '../../db/queries/audit.ts';

describe('diffFields (GEN-9)', () => {
  it('GEN-9: a new entity records every field with before = null', () => {
    expect(
      diffFields(null, { name: 'Grupė A', price: '120.00', min_participants: 5, special_needs: false, funding_sources: ['UZT'] }),
    ).toEqual({
      name: { before: null, after: 'Grupė A' },
      price: { before: null, after: '120.00' },
      min_participants: { before: null, after: 5 },
      special_needs: { before: null, after: false },
      funding_sources: { before: null, after: ['UZT'] },
    });
  });

  it('GEN-9: unchanged fields are omitted; changed ones keep before and after', () => {
    const before = { name: 'Grupė A', price: '120.00', status: 'Kuriama', max_participants: 20 };
    const after = { name: 'Grupė A', price: '99.50', status: 'Skelbiama', max_participants: 20 };
    expect(diffFields(before, after)).toEqual({
      price: { before: '120.00', after: '99.50' },
      status: { before: 'Kuriama', after: 'Skelbiama' },
    });
  });

  it('GEN-9: identical snapshots give no changes', () => {
    const snapshot = { name: 'Grupė A', funding_sources: ['UZT', 'IMP_KREPSELIS'], special_needs: true };
    expect(diffFields(snapshot, { ...snapshot, funding_sources: [...snapshot.funding_sources] })).toEqual({});
  });

  it('GEN-9: arrays are compared by value, not by identity', () => {
    expect(diffFields({ funding_sources: ['UZT'] }, { funding_sources: ['UZT'] })).toEqual({});
    expect(diffFields({ funding_sources: ['UZT'] }, { funding_sources: ['UZT', 'ASMENINES_LESOS'] })).toEqual({
      funding_sources: { before: ['UZT'], after: ['UZT', 'ASMENINES_LESOS'] },
    });
    expect(diffFields({ funding_sources: ['UZT', 'IMP_KREPSELIS'] }, { funding_sources: ['IMP_KREPSELIS'] })).toEqual({
      funding_sources: { before: ['UZT', 'IMP_KREPSELIS'], after: ['IMP_KREPSELIS'] },
    });
  });

  it('GEN-9: types matter: 5 and "5", false and null differ', () => {
    expect(diffFields({ min_participants: '5' }, { min_participants: 5 })).toEqual({ min_participants: { before: '5', after: 5 } });
    expect(diffFields({ special_needs: null }, { special_needs: false })).toEqual({ special_needs: { before: null, after: false } });
  });

  it('GEN-9: a value cleared to null, and a field missing before, are recorded with null', () => {
    expect(diffFields({ note: 'x' }, { note: null })).toEqual({ note: { before: 'x', after: null } });
    expect(diffFields({}, { note: 'y' })).toEqual({ note: { before: null, after: 'y' } });
  });

  it('GEN-9: only the fields of the new snapshot are compared', () => {
    expect(diffFields({ name: 'A', version: 1 }, { name: 'B' })).toEqual({ name: { before: 'A', after: 'B' } });
  });
});
