// "Audito žurnalas" shows the manual's Lithuanian field names and readable values, never the internal
// keys the projections write (issue 11, item 8: status_reason, venueId, startTime, sha256, programme_starts_at…).
import { describe, expect, it } from 'vitest';
import type { AuditTrailItem } from '../../db/queries/audit-trail.ts';
import { AuditPage } from '../../web/views/audit.tsx';

function row(entity_type: string, action: string, changes: AuditTrailItem['changes']): AuditTrailItem {
  return {
    id: crypto.randomUUID(),
    occurred_at: new Date('2026-12-01T10:00:00Z'),
    actor_kind: 'system',
    actor_user_id: null,
    actor_first_name: null,
    actor_last_name: null,
    entity_type,
    entity_id: crypto.randomUUID(),
    entity_name: null,
    action,
    changes,
  };
}

const venueId = crypto.randomUUID();
const rows = [
  row('training_group', 'status', {
    status: { before: 'Skelbiama', after: 'Sustabdyta' },
    status_reason: { before: null, after: 'Patikrinimas' },
    programme_starts_at: { before: null, after: '2027-01-09T22:00:00.000Z' },
    registration_closes_at: { before: null, after: '2027-01-01T22:00:00.000Z' },
    rule: { before: null, after: 'G4' },
  }),
  row('group_session', 'create', {
    startTime: { before: null, after: '18:00' },
    durationMinutes: { before: null, after: 90 },
    mode: { before: null, after: 'NUOTOLINIS_SINCHRONINIS' },
    venueId: { before: null, after: venueId },
  }),
  row('stored_file', 'upload', {
    originalName: { before: null, after: 'pazyma.pdf' },
    sha256: { before: null, after: 'ab'.repeat(32) },
  }),
  row('group_registration', 'status', { status: { before: null, after: 'REMOVED' }, status_reason: { before: null, after: 'Nelankė' } }),
  row('uzt_coupon', 'provider_data', { bank_account: { before: null, after: 'LT121000011101001000' } }),
];

async function render(): Promise<string> {
  const page = AuditPage({
    rows,
    total: rows.length,
    page: 1,
    pageCount: 1,
    filters: {},
    options: { entityTypes: [], actions: [], users: [], hasSystem: true, hasHead: false },
    names: { employers: new Map(), venues: new Map([[venueId, 'Vilnius, Gedimino pr. 1']]) },
    problems: [],
    href: (p) => `/naudotojai/auditas?puslapis=${p}`,
  });
  return String(await page);
}

describe('"Audito žurnalas" field names and values (GEN-9)', () => {
  it('names every field in Lithuanian and shows readable values', async () => {
    const html = await render();
    for (const key of [
      'status_reason',
      'programme_starts_at',
      'registration_closes_at',
      'startTime',
      'durationMinutes',
      'venueId',
      'sha256',
      'originalName',
      'bank_account',
      '>rule<',
    ])
      expect(html, key).not.toContain(key);
    for (const label of [
      'Būsenos pakeitimo priežastis',
      'Mokymosi programos vykdymo pradžia',
      'Automatinis pakeitimas (taisyklė)',
      'Užsiėmimų laikas',
      'Trukmė',
      'Užsiėmimo vieta',
      'Kontrolinė suma (SHA-256)',
      'Tvarkaraščio užsiėmimas',
      'Dalyvio registracija',
      'Užimtumo tarnybos kuponas',
    ])
      expect(html, label).toContain(label);
    expect(html).toContain('Vilnius, Gedimino pr. 1');
    expect(html).toContain('90 min.');
    expect(html).toContain('Pašalinta');
    expect(html).not.toContain('REMOVED');
    expect(html).not.toContain('NUOTOLINIS_SINCHRONINIS');
  });
});
