// The test identities of the VIISP simulator: natural persons (with valid Lithuanian personal codes)
// and legal entities with their heads. Which of them ŠMIR knows is decided by the ŠMIR simulator's
// data (test/sim/registries/smir-data.ts); membership of users in institutions lives in our database.
// The demo seed's people are defined with the seed (db/seed/people.ts) and listed here too.
import { DEMO_PEOPLE } from '../../../db/seed/people.ts';

export type Residence = 'citizen' | 'resident_foreigner';

export interface ViispPerson {
  /** Asmens kodas: 11 digits, see isValidPersonalCode. */
  personalCode: string;
  givenName: string;
  familyName: string;
  /** A Lithuanian citizen, or a foreigner holding a Lithuanian residence permit. */
  residence: Residence;
}

export interface ViispLegalEntity {
  /** Juridinio asmens kodas: 9 digits. */
  code: string;
  name: string;
  /** The head (vadovas) who may log in "Juridiniam asmeniui" for the entity. */
  headPersonalCode: string;
}

const WEIGHTS_1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1] as const;
const WEIGHTS_2 = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3] as const;

/** The check digit (the 11th digit) of a Lithuanian personal code from its first ten digits. */
export function personalCodeCheckDigit(firstTen: string): number {
  const digits = [...firstTen].map(Number);
  const weighted = (weights: readonly number[]) => digits.reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0) % 11;
  const first = weighted(WEIGHTS_1);
  if (first !== 10) return first;
  const second = weighted(WEIGHTS_2);
  return second === 10 ? 0 : second;
}

/**
 * Whether `code` is a valid Lithuanian personal code: 11 digits, a first digit 1–6 (century and
 * sex), a real birth date, and the official check digit (weights 1…9,1 mod 11; when that gives 10,
 * weights 3…9,1,2,3 mod 11; when that gives 10 again, 0).
 */
export function isValidPersonalCode(code: string): boolean {
  if (!/^[1-6]\d{10}$/.test(code)) return false;
  const century = 1800 + 100 * Math.floor((Number(code[0]) - 1) / 2);
  const year = century + Number(code.slice(1, 3));
  const month = Number(code.slice(3, 5));
  const day = Number(code.slice(5, 7));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  return personalCodeCheckDigit(code.slice(0, 10)) === Number(code[10]);
}

/** Named test people, for tests and seeds that need a particular role. */
export const TEST_PEOPLE = {
  /** Head (vadovas) of "Demo mokymo centras" (300000001). */
  demoHead: DEMO_PEOPLE.demoHead,
  /** Demo seed user: administrator of "Demo mokymo centras". */
  ruta: DEMO_PEOPLE.ruta,
  /** Demo seed user: employee of "Demo mokymo centras". */
  tomas: DEMO_PEOPLE.tomas,
  /** Demo seed user: administrator of "Kito teikėjo mokykla", and its head (300000002). */
  asta: DEMO_PEOPLE.asta,
  /** Free teacher (laisvasis mokytojas), a Lithuanian citizen, registered in ŠMIR. */
  ona: { personalCode: '46502080565', givenName: 'Ona', familyName: 'Laisvoji', residence: 'citizen' },
  /** Free teacher, a foreigner holding a Lithuanian residence permit, registered in ŠMIR. */
  olena: { personalCode: '48809300673', givenName: 'Olena', familyName: 'Kovalenko', residence: 'resident_foreigner' },
  /** Not a free teacher in ŠMIR, and head of a legal entity that ŠMIR does not know (refusal path). */
  petras: { personalCode: '37506110783', givenName: 'Petras', familyName: 'Nežinomas', residence: 'citizen' },
  /** Head of "Naujųjų įgūdžių akademija" (300000003): in ŠMIR, not in the demo seed (first login creates it). */
  jonas: { personalCode: '38212240896', givenName: 'Jonas', familyName: 'Naujokas', residence: 'citizen' },
  /** A plain person meant to be employed by two institutions (membership is in our database). */
  laura: DEMO_PEOPLE.laura,
  /** Head of "Mokymų ateities institutas" (300000004), used only by the invitation end-to-end test. */
  algirdas: { personalCode: '36905110123', givenName: 'Algirdas', familyName: 'Rimkus', residence: 'citizen' },
  /** Invited by Algirdas in the invitation end-to-end test, and nowhere else. */
  ieva: { personalCode: '47509220147', givenName: 'Ieva', familyName: 'Stankevičienė', residence: 'citizen' },
  /** An administrator made by the timetable end-to-end test, and nowhere else. */
  darius: { personalCode: '38806140514', givenName: 'Darius', familyName: 'Mockus', residence: 'citizen' },
  /** The funder's document reviewer (VERTINTOJAS, DOC-13): logs in at /vertinimas/prisijungti; a staff member in the demo seed. */
  vaida: DEMO_PEOPLE.vaida,
  /** The Employment Service's officer (UZT, UZT-12): logs in at /uzt/prisijungti; a staff member in the demo seed. */
  renata: DEMO_PEOPLE.renata,
  /** The KPMPC observer (STEBETOJAS, MON-2): logs in at /stebesena/prisijungti; a staff member in the demo seed. */
  kristina: DEMO_PEOPLE.kristina,
  /** KURSUOK participant: a citizen with a university degree, employed (IMP basket without documents). */
  egle: DEMO_PEOPLE.egle,
  /** KURSUOK participant: a citizen with secondary education only, not employed (uploads both documents). */
  mindaugas: { personalCode: '38706050616', givenName: 'Mindaugas', familyName: 'Jankauskas', residence: 'citizen' },
  /** KURSUOK participant: a foreigner with a residence permit, employed, unknown to the Diplomų registras (residence and education documents). */
  andrii: { personalCode: '39309170619', givenName: 'Andrii', familyName: 'Shevchenko', residence: 'resident_foreigner' },
  /** The cross-role end-to-end test only: the provider's administrator who approves. */
  kestutis: { personalCode: '37908220915', givenName: 'Kęstutis', familyName: 'Žilinskas', residence: 'citizen' },
  /** The cross-role end-to-end test only: a participant with a degree whom SoDra does not list as employed. */
  rasa: { personalCode: '48506110927', givenName: 'Rasa', familyName: 'Urbonienė', residence: 'citizen' },
  /** The cross-role end-to-end test only: the document reviewer. */
  jurgita: { personalCode: '47703040931', givenName: 'Jurgita', familyName: 'Balčiūnė', residence: 'citizen' },
  /** The contracts end-to-end test only: the provider's signer ("Sutarčių pasirašymas") who bulk-signs. */
  audrius: { personalCode: '38104150714', givenName: 'Audrius', familyName: 'Petrauskas', residence: 'citizen' },
  /** The contracts end-to-end test only: a participant who signs in the portal and then asks to terminate. */
  giedre: { personalCode: '49007230828', givenName: 'Giedrė', familyName: 'Vaitkutė', residence: 'citizen' },
  /** The completion end-to-end test only: the provider's administrator who marks completion, sets "Užbaigta" and signs a protocol. */
  vytautas: { personalCode: '38305190415', givenName: 'Vytautas', familyName: 'Kairys', residence: 'citizen' },
  /** The completion end-to-end test only: a participant who fills the questionnaire and downloads her certificate. */
  monika: { personalCode: '49208110527', givenName: 'Monika', familyName: 'Žemaitė', residence: 'citizen' },
  /** The completion end-to-end test only: a KPMPC observer (STEBETOJAS) who writes and releases a protocol. */
  sigita: { personalCode: '47904020634', givenName: 'Sigita', familyName: 'Norkienė', residence: 'citizen' },
  /** Demo seed participants of the group in delivery ("Mokymų baigimas", scripts/seed-demo-delivery.ts), with Eglė. */
  jurate: DEMO_PEOPLE.jurate,
  paulius: DEMO_PEOPLE.paulius,
  /** The funder's invoice evaluator (SF_VERTINTOJAS, INV-17): logs in at /saskaitu-vertinimas/prisijungti; a staff member in the demo seed. */
  gintare: DEMO_PEOPLE.gintare,
  /** The invoice end-to-end test only: the invoice evaluator (SF_VERTINTOJAS) who returns, then transfers an invoice for payment. */
  saulius: { personalCode: '38509230525', givenName: 'Saulius', familyName: 'Mačiulis', residence: 'citizen' },
  /** The invoice end-to-end test only: the provider's administrator who submits invoices and UŽT settlement documents. */
  laima: { personalCode: '48403120731', givenName: 'Laima', familyName: 'Jurkienė', residence: 'citizen' },
} as const satisfies Record<string, ViispPerson>;

/** Named test legal entities. */
export const TEST_LEGAL_ENTITIES = {
  /** In the demo seed (db/seed/demo.ts) and in ŠMIR. */
  demo: { code: '300000001', name: 'Demo mokymo centras', headPersonalCode: TEST_PEOPLE.demoHead.personalCode },
  /** In the demo seed and in ŠMIR. */
  other: { code: '300000002', name: 'Kito teikėjo mokykla', headPersonalCode: TEST_PEOPLE.asta.personalCode },
  /** In ŠMIR but not in the demo seed: the head's first login creates the institution. */
  newInSmir: { code: '300000003', name: 'Naujųjų įgūdžių akademija', headPersonalCode: TEST_PEOPLE.jonas.personalCode },
  /** In ŠMIR, not in the seed: the invitation end-to-end test's own institution. */
  futureInSmir: { code: '300000004', name: 'Mokymų ateities institutas', headPersonalCode: TEST_PEOPLE.algirdas.personalCode },
  /** Not in ŠMIR: account creation is refused. */
  notInSmir: { code: '300000009', name: 'UAB „Neregistruota veikla“', headPersonalCode: TEST_PEOPLE.petras.personalCode },
} as const satisfies Record<string, ViispLegalEntity>;

export const VIISP_PEOPLE: readonly ViispPerson[] = Object.values(TEST_PEOPLE);

export const VIISP_LEGAL_ENTITIES: readonly ViispLegalEntity[] = Object.values(TEST_LEGAL_ENTITIES);

export function findPerson(personalCode: string): ViispPerson | undefined {
  return VIISP_PEOPLE.find((p) => p.personalCode === personalCode);
}

export function findLegalEntity(code: string): ViispLegalEntity | undefined {
  return VIISP_LEGAL_ENTITIES.find((e) => e.code === code);
}
