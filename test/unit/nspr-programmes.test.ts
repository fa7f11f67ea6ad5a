// PROG-2, PROG-5, EXT-6: how an institution's NŠPR programmes become rows of `programmes`.
import { describe, expect, it } from 'vitest';
import {
  goneFromNsprRemark,
  nsprProgrammeColumns,
  nsprProgrammeStatus,
  planNsprSync,
} from '../../activities/registries/nspr-programmes.ts';
import type { NsprProgramme } from '../../workflows/domain/nspr-programme.ts';
import { nsprRecord } from '../support/nspr.ts';

const nspr = nsprRecord;

function stored(p: NsprProgramme, over: Partial<{ id: string; kind: string; state: string; remarks: string | null }> = {}) {
  const { code, name, kind, languages, contact_hours, training_mode, state, remarks } = nsprProgrammeColumns(p);
  return { id: `id-${code}`, code, name, kind, languages, contact_hours, training_mode, state, remarks, ...over } as {
    id: string;
    code: string;
    name: string;
    kind: string;
    languages: string[];
    contact_hours: string;
    training_mode: string | null;
    state: string;
    remarks: string | null;
  };
}

describe('NŠPR status → the programme list (PROG-5)', () => {
  it('a registered, positively evaluated, adapted programme is open and has no remark', () => {
    expect(nsprProgrammeStatus(nspr('A'))).toEqual({ state: 'ACTIVE', remarks: null });
  });

  it('suspended and deregistered programmes are closed, the remark naming the date and NŠPR’s reason', () => {
    expect(
      nsprProgrammeStatus(
        nspr('A', { status: 'SUSPENDED', suspendedOn: '2026-10-01', statusReason: 'Programa sustabdyta teikėjo prašymu.' }),
      ),
    ).toEqual({
      state: 'SUSPENDED',
      remarks: 'Programa sustabdyta NŠPR 2026-10-01. Programa sustabdyta teikėjo prašymu.',
    });
    expect(nsprProgrammeStatus(nspr('A', { status: 'DEREGISTERED', deregisteredOn: '2026-11-02', statusReason: null }))).toEqual({
      state: 'DEREGISTERED',
      remarks: 'Programa išregistruota iš NŠPR 2026-11-02.',
    });
  });

  it('a programme no longer positively evaluated by KPMPC, or not adapted to IMP IS, is closed with the reason (EXT-6)', () => {
    expect(nsprProgrammeStatus(nspr('A', { kpmpc: { result: 'NEGATIVE', decidedOn: '2026-05-05', decisionNumber: 'KV-2026-7' } }))).toEqual(
      {
        state: 'SUSPENDED',
        remarks: 'KPMPC programą įvertino neigiamai (2026-05-05 Nr. KV-2026-7): naujų mokymo grupių kurti negalima.',
      },
    );
    expect(nsprProgrammeStatus(nspr('A', { kpmpc: { result: 'PENDING', decidedOn: null, decisionNumber: null } })).state).toBe('SUSPENDED');
    expect(nsprProgrammeStatus(nspr('A', { impAdapted: false })).remarks).toContain('nepritaikyta IMP IS');
  });

  it('maps the record to the columns: kind NSPR, hours as numeric text, "Mokymo būdas" when given', () => {
    expect(
      nsprProgrammeColumns(
        nspr('A', { hours: { contact: 36, independent: 0, total: 36 }, trainingMode: null, languages: ['anglų', 'lietuvių'] }),
      ),
    ).toEqual({
      code: 'A',
      name: 'Programa A',
      kind: 'NSPR',
      languages: ['anglų', 'lietuvių'],
      contact_hours: '36.00',
      training_mode: null,
      state: 'ACTIVE',
      remarks: null,
    });
  });
});

describe('planNsprSync (PROG-2)', () => {
  const today = '2026-11-28';

  it('adds the programmes offered in IMP IS, and only those', () => {
    const plan = planNsprSync(
      [],
      [
        nspr('A'),
        nspr('B', { kpmpc: { result: 'PENDING', decidedOn: null, decisionNumber: null } }),
        nspr('C', { status: 'DEREGISTERED' }),
        nspr('D', { impAdapted: false }),
      ],
      today,
    );
    expect(plan.insert.map((c) => c.code)).toEqual(['A']);
    expect(plan.update).toEqual([]);
    expect(plan.gone).toEqual([]);
  });

  it('changes nothing when NŠPR says what is stored (a second refresh is idempotent)', () => {
    const a = nspr('A');
    const plan = planNsprSync([stored(a)], [a], today);
    expect(plan).toMatchObject({ insert: [], update: [], gone: [] });
    expect(plan.records.get('A')).toBe(a);
  });

  it('follows NŠPR for a copied programme: new name, hours, training mode, suspension — and back', () => {
    const a = nspr('A');
    const changed = nspr('A', {
      name: 'Naujas pavadinimas',
      hours: { contact: 48, independent: 0, total: 48 },
      trainingMode: 'MISRUS',
      status: 'SUSPENDED',
      suspendedOn: '2026-11-01',
    });
    const plan = planNsprSync([stored(a)], [changed], today);
    expect(plan.update).toHaveLength(1);
    expect(plan.update[0]).toMatchObject({
      id: 'id-A',
      before: { name: 'Programa A', state: 'ACTIVE', remarks: null },
      after: {
        name: 'Naujas pavadinimas',
        contact_hours: '48.00',
        training_mode: 'MISRUS',
        state: 'SUSPENDED',
        remarks: 'Programa sustabdyta NŠPR 2026-11-01.',
      },
    });
    const back = planNsprSync([stored(changed)], [nspr('A')], today);
    expect(back.update[0]?.after).toMatchObject({ state: 'ACTIVE', remarks: null });
  });

  it('marks a copied programme NŠPR no longer lists as deregistered, once, deleting nothing', () => {
    const a = nspr('A');
    const plan = planNsprSync([stored(a), stored(nspr('B'))], [nspr('B')], today);
    expect(plan.gone).toEqual([
      {
        id: 'id-A',
        before: expect.objectContaining({ state: 'ACTIVE' }),
        after: expect.objectContaining({ state: 'DEREGISTERED', remarks: goneFromNsprRemark(today) }),
      },
    ]);
    expect(goneFromNsprRemark(today)).toBe('Programos NŠPR nebėra (tikrinta 2026-11-28): laikoma išregistruota.');
    expect(planNsprSync([stored(a, { state: 'DEREGISTERED', remarks: goneFromNsprRemark('2026-11-01') })], [], today).gone).toEqual([]);
  });

  it('leaves rows of other kinds alone, even with an NŠPR code', () => {
    const a = nspr('P43041101');
    const plan = planNsprSync([stored(a, { kind: 'NONFORMAL_VET', state: 'SUSPENDED' })], [a], today);
    expect(plan).toMatchObject({ insert: [], update: [], gone: [] });
    expect(planNsprSync([stored(a, { kind: 'NONFORMAL_VET' })], [], today).gone).toEqual([]);
  });
});
