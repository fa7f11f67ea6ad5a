// KPMPC monitoring protocols (lifecycle L7; manual §3.8; MON-1..MON-11, OQ-40, OQ-55), pure: the
// protocol's statuses with their Lithuanian labels, the observer's form checks (MON-7), the
// provider's signature checks (MON-3..MON-5, MON-9), what may happen in which status, the reminder
// instant (5 Lithuanian working days after the release, MON-8) and the N16 e-mail texts.
//
// Signing (OQ-55 → OQ-47): "in-system signing by authenticated users (VIISP-authenticated sessions)".
// So the provider's signature is the confirmation, by the logged-in VIISP-authenticated user with
// full access to "Institucijos KPMPC protokolai", of the agree/disagree choice and observations; the
// workflow records who, when, the choice and the text (MON-9). No signing gateway.
import { isIsoDate } from './calendar.ts';
import { formatDate } from './date-format.ts';
import type { EmailText } from './emails.ts';
import { addWorkingDays } from './working-days.ts';

/** L7 states as stored (monitoring_protocols.status). "Monitoring performed" (M1) is the observer's draft. */
export const ProtocolStatus = {
  /** M1: the observer records the protocol; only the observer sees it. */
  Draft: 'JUODRASTIS',
  /** M2+M3: released without critical deficiencies; the provider must read and sign (MON-3). */
  AwaitingSignature: 'LAUKIA_PARASO',
  /** M4: signed by the provider; read-only (MON-9). */
  Signed: 'PASIRASYTAS',
  /** M5: released with critical deficiencies; visible, no signature requested (MON-10, OQ-40). */
  CriticalDeficiencies: 'KRITINIAI_TRUKUMAI',
} as const;
export type ProtocolStatus = (typeof ProtocolStatus)[keyof typeof ProtocolStatus];

export const PROTOCOL_STATUS_LABELS: Record<ProtocolStatus, string> = {
  JUODRASTIS: 'Rengiamas',
  LAUKIA_PARASO: 'Laukia pasirašymo',
  PASIRASYTAS: 'Pasirašytas',
  KRITINIAI_TRUKUMAI: 'Nustatyti kritiniai trūkumai',
};

/** MON-11: the signature column and filter ("Parašo būsena"). */
export const SignatureState = {
  Awaiting: 'LAUKIA',
  Signed: 'PASIRASYTA',
  NotRequired: 'NEREIKIA',
} as const;
export type SignatureState = (typeof SignatureState)[keyof typeof SignatureState];
export const SIGNATURE_STATE_LABELS: Record<SignatureState, string> = {
  LAUKIA: 'Laukia parašo',
  PASIRASYTA: 'Pasirašyta',
  NEREIKIA: 'Parašas neprašomas (kritiniai trūkumai)',
};

export function signatureStateOf(status: ProtocolStatus): SignatureState | null {
  if (status === ProtocolStatus.AwaitingSignature) return SignatureState.Awaiting;
  if (status === ProtocolStatus.Signed) return SignatureState.Signed;
  if (status === ProtocolStatus.CriticalDeficiencies) return SignatureState.NotRequired;
  return null;
}

/** The monitoring's result (MON-6, MON-7), a fixed choice so that lists can filter by it (MON-11). */
export const MonitoringResult = {
  Compliant: 'ATITINKA',
  PartlyCompliant: 'IS_DALIES_ATITINKA',
  NonCompliant: 'NEATITINKA',
} as const;
export type MonitoringResult = (typeof MonitoringResult)[keyof typeof MonitoringResult];
export const MONITORING_RESULT_LABELS: Record<MonitoringResult, string> = {
  ATITINKA: 'Atitinka reikalavimus',
  IS_DALIES_ATITINKA: 'Iš dalies atitinka reikalavimus',
  NEATITINKA: 'Neatitinka reikalavimų',
};
export const MONITORING_RESULTS = Object.keys(MONITORING_RESULT_LABELS) as MonitoringResult[];

export function isMonitoringResult(value: unknown): value is MonitoringResult {
  return typeof value === 'string' && value in MONITORING_RESULT_LABELS;
}

/** The provider's choice (MON-5), with the manual's words. */
export const ProviderChoice = { Agree: 'SUTINKU', Disagree: 'NESUTINKU' } as const;
export type ProviderChoice = (typeof ProviderChoice)[keyof typeof ProviderChoice];
export const PROVIDER_CHOICE_LABELS: Record<ProviderChoice, string> = { SUTINKU: 'Sutinku', NESUTINKU: 'Nesutinku' };

export function isProviderChoice(value: unknown): value is ProviderChoice {
  return value === ProviderChoice.Agree || value === ProviderChoice.Disagree;
}

export const FINDINGS_MAX_LENGTH = 5000;
export const OBSERVATIONS_MAX_LENGTH = 5000;
/** MON-8: the provider is reminded when the protocol is still unsigned after this many working days. */
export const REMINDER_WORKING_DAYS = 5;

/** What the observer records (MON-7). */
export interface ProtocolContent {
  /** The date of the monitoring, 'YYYY-MM-DD'. */
  monitoredOn: string;
  findings: string;
  result: MonitoringResult;
  criticalDeficiencies: boolean;
}

/** The observer's form as typed. */
export interface ProtocolForm {
  monitoredOn: string;
  findings: string;
  result: string;
  /** 'taip' | 'ne' | '' */
  critical: string;
}

export type FieldErrors = Record<string, string>;

/**
 * MON-7: the observer's form checked against `today` (Vilnius 'YYYY-MM-DD'): a monitoring date that
 * is a real date and not in the future, findings, a result, and whether critical deficiencies were
 * found. Either the content or the Lithuanian reason per field.
 */
export function checkProtocolForm(
  form: ProtocolForm,
  today: string,
): { ok: true; content: ProtocolContent } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const monitoredOn = form.monitoredOn.trim();
  if (monitoredOn === '') errors.monitoredOn = 'Nurodykite stebėsenos datą.';
  else if (!isIsoDate(monitoredOn)) errors.monitoredOn = 'Stebėsenos data neteisinga: nurodykite datą (MMMM-MM-DD).';
  else if (monitoredOn > today) errors.monitoredOn = 'Stebėsenos data negali būti vėlesnė nei šiandien.';
  const findings = form.findings.trim();
  if (findings === '') errors.findings = 'Aprašykite stebėsenos metu nustatytus faktus („Nustatyta“).';
  else if (findings.length > FINDINGS_MAX_LENGTH) errors.findings = `Nustatyti faktai – ne daugiau kaip ${FINDINGS_MAX_LENGTH} simbolių.`;
  if (form.result === '') errors.result = 'Pasirinkite stebėsenos rezultatą.';
  else if (!isMonitoringResult(form.result)) errors.result = 'Pasirinkite stebėsenos rezultatą iš sąrašo.';
  if (form.critical !== 'taip' && form.critical !== 'ne') errors.critical = 'Nurodykite, ar nustatyta kritinių trūkumų.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    content: { monitoredOn, findings, result: form.result as MonitoringResult, criticalDeficiencies: form.critical === 'taip' },
  };
}

/** The content as the workflow receives it, checked again there (a form edited by hand, a replayed command). */
export function contentErrors(c: ProtocolContent, today: string): FieldErrors | null {
  const checked = checkProtocolForm(
    {
      monitoredOn: c.monitoredOn ?? '',
      findings: c.findings ?? '',
      result: c.result ?? '',
      critical: c.criticalDeficiencies === true ? 'taip' : c.criticalDeficiencies === false ? 'ne' : '',
    },
    today,
  );
  return checked.ok ? null : checked.errors;
}

/** The provider's signing form (MON-4, MON-5). */
export interface SignatureForm {
  choice: string;
  observations: string;
}

export function checkSignatureForm(
  form: SignatureForm,
): { ok: true; choice: ProviderChoice; observations: string | null } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!isProviderChoice(form.choice)) errors.choice = 'Pasirinkite „Sutinku“ arba „Nesutinku“ su protokole užfiksuota informacija.';
  const observations = form.observations.trim();
  if (observations.length > OBSERVATIONS_MAX_LENGTH)
    errors.observations = `Pastebėjimai – ne daugiau kaip ${OBSERVATIONS_MAX_LENGTH} simbolių.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, choice: form.choice as ProviderChoice, observations: observations === '' ? null : observations };
}

/** Why the observer may not edit the protocol now (null: may). */
export function editRefusal(status: ProtocolStatus): string | null {
  return status === ProtocolStatus.Draft ? null : 'Protokolas jau pateiktas mokymo teikėjui, todėl jo keisti negalima.';
}

/** Why the observer may not release the protocol now (M2; null: may). */
export function releaseRefusal(status: ProtocolStatus): string | null {
  return status === ProtocolStatus.Draft ? null : 'Protokolas jau pateiktas mokymo teikėjui.';
}

/** Why the provider may not sign the protocol now (M4; null: may). */
export function signRefusal(status: ProtocolStatus): string | null {
  switch (status) {
    case ProtocolStatus.AwaitingSignature:
      return null;
    case ProtocolStatus.Signed:
      return 'Protokolas jau pasirašytas: jo keisti nebegalima.';
    case ProtocolStatus.CriticalDeficiencies:
      return 'Nustačius kritinių trūkumų protokolo pasirašyti nereikia.';
    default:
      return 'Protokolas dar nepateiktas mokymo teikėjui.';
  }
}

/** M2 → M3 or M5: the status a released protocol gets. */
export function releasedStatus(criticalDeficiencies: boolean): ProtocolStatus {
  return criticalDeficiencies ? ProtocolStatus.CriticalDeficiencies : ProtocolStatus.AwaitingSignature;
}

/** MON-8: when an unsigned protocol's provider is reminded — the end of the 5th working day after the release day (Vilnius). */
export function signatureReminderAt(releasedAt: Date): Date {
  return addWorkingDays(releasedAt, REMINDER_WORKING_DAYS);
}

/** The "Stebėsena" column (MON-6, PROG-23): the result and the date of the latest released monitoring. */
export function monitoringSummary(p: { result: MonitoringResult; monitoredOn: string; criticalDeficiencies: boolean }): string {
  return `${MONITORING_RESULT_LABELS[p.result]}${p.criticalDeficiencies ? ' (kritiniai trūkumai)' : ''}, ${formatDate(p.monitoredOn)}`;
}

const SIGNATURE = '\n\nPagarbiai\nIMP IS (KURSUOK)\n\nŠis laiškas išsiųstas automatiškai, į jį atsakyti nereikia.';

interface ProtocolMailFacts {
  firstName: string;
  institutionName: string;
  programme: string;
  groupName: string;
  monitoredOn: string;
  link: string;
}

/** N16 (MON-8): a protocol awaits the provider's signature. */
export function protocolAwaitingSignatureEmail(p: ProtocolMailFacts): EmailText {
  return {
    subject: 'KPMPC stebėsenos protokolas laukia jūsų parašo',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `KPMPC stebėtojai ${formatDate(p.monitoredOn)} vykdė mokymo grupės „${p.groupName}“ (programa ${p.programme}) stebėseną. ` +
      `Stebėsenos protokolas pateiktas institucijai „${p.institutionName}“.\n\n` +
      `Susipažinkite su protokolu, jei norite, parašykite savo pastebėjimus, pasirinkite „Sutinku“ arba „Nesutinku“ ir pasirašykite ` +
      `aplikacijoje „Institucijos KPMPC protokolai“:\n${p.link}` +
      SIGNATURE,
  };
}

/** N16 reminder (MON-8): still unsigned 5 working days after the release. */
export function protocolSignatureReminderEmail(p: ProtocolMailFacts): EmailText {
  return {
    subject: 'Priminimas: pasirašykite KPMPC stebėsenos protokolą',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `mokymo grupės „${p.groupName}“ (programa ${p.programme}) ${formatDate(p.monitoredOn)} stebėsenos protokolas ` +
      `vis dar nepasirašytas. Susipažinkite su juo ir pasirašykite aplikacijoje „Institucijos KPMPC protokolai“:\n${p.link}` +
      SIGNATURE,
  };
}
