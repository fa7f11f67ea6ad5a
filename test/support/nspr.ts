// An NŠPR programme record (activities/registries/nspr.ts) for tests: registered, positively
// evaluated by KPMPC and adapted to IMP IS unless `over` says otherwise.
import type { NsprProgramme } from '../../workflows/domain/nspr-programme.ts';

export function nsprRecord(code: string, over: Partial<NsprProgramme> = {}): NsprProgramme {
  return {
    code,
    name: `Programa ${code}`,
    institutionCode: '300000001',
    description: 'Programos tikslas – suteikti žinių apie skaitmeninę rinkodarą.',
    field: 'Verslas ir vadyba',
    targetGroup: 'Dirbantys suaugusieji',
    languages: ['lietuvių', 'anglų'],
    hours: { contact: 36, independent: 12, total: 48 },
    trainingMode: 'MISRUS',
    impAdapted: true,
    kpmpc: { result: 'POSITIVE', decidedOn: '2025-06-01', decisionNumber: 'KV-2025-101' },
    status: 'ACTIVE',
    registeredOn: '2025-05-01',
    suspendedOn: null,
    deregisteredOn: null,
    statusReason: null,
    lastEditedOn: '2025-06-01',
    ...over,
  };
}
