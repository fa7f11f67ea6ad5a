// The learning contract's document ("Mokymosi sutartis", manual §3.12; CON-16): the data a contract
// is generated from — a snapshot taken when the document is generated, stored with the contract so a
// later edit of the institution, programme or group never changes an issued document (INST-9) — and
// the standard template that turns it into the contract's Lithuanian text. Pure and deterministic:
// the PDF renderer (activities/pdf/contract-pdf.ts) draws exactly what contractSections() returns,
// and the pages may show the same text.
//
// The template's numbering is fixed where the manual points into it (§3.7, PROG-15..PROG-17):
//   2.10  "Kiti asmens įsipareigojimai"    – the programme's obligations of the person;
//   3.9   "Kiti teikėjo įsipareigojimai"   – the programme's obligations of the provider;
//   7     "Kaina ir mokėjimo tvarka"       – with the programme's "Mokėjimo terminai, mokėjimo būdas,
//                                            kitos mokėjimo sąlygos".
// A trilateral apprenticeship contract (CON-22) adds the employer as a party and a section of its
// obligations after section 7, so the numbers the manual names never move.
import { FUNDING_SOURCE_LABELS, type FundingSource } from './group-info.ts';
import { formatIban } from './iban.ts';
import { formatPhone } from './phone.ts';
import type { ProgrammeInfoValue } from './programme-info.ts';
import { isRemoteVenueName, REMOTE_VENUE_NAME } from './venue.ts';

/** Where the number comes from: the institution's numbering (NUM-7) or "Mokinių registras" for SMPKR programmes (NUM-9). */
export type ContractNumberSource = 'NUMERACIJA' | 'MOKINIU_REGISTRAS';

/** The programme as a generated document (the contract, the certificate) prints it, as it stood (INST-9). */
export interface DocumentProgramme {
  /** NŠPR / SMPKR code. */
  code: string;
  name: string;
  /** The programme's kind as the pages name it (e.g. 'Neformaliojo profesinio mokymo programa'). */
  kindLabel: string;
  /** "Kontaktinio darbo trukmė" in academic hours (45 min). */
  contactHours: number;
  /** All academic hours including independent work, when the register gives them; null otherwise. */
  totalHours: number | null;
}

/** The group as a generated document prints it: its name and the programme's delivery dates ('YYYY-MM-DD'). */
export interface DocumentGroup {
  name: string;
  /** "Mokymosi programos vykdymo pradžia" / "pabaiga". */
  programmeStart: string;
  programmeEnd: string;
}

/**
 * Everything a contract's document is generated from (CON-16). Plain JSON (strings, numbers,
 * booleans, null), so it is stored as the contract's snapshot and the same snapshot always gives
 * the same document. Dates are 'YYYY-MM-DD'; amounts are euros as decimal text ('1234.50', GEN-11).
 */
export interface ContractDocumentData {
  /** The template's version; a later template keeps rendering old snapshots with the text they were signed with. */
  template: 1;
  /** The full contract number ("Pilnas sutarties numeris"); null while it is awaited from "Mokinių registras" (NUM-11). */
  number: string | null;
  /** The contract's date (NUM-7) or, for SMPKR programmes, the registration date from "Mokinių registras"; null while pending. */
  datedOn: string | null;
  numberSource: ContractNumberSource;
  /** When the document was generated (ISO 8601 instant): the PDF's creation date. */
  generatedAt: string;
  /** The provider as it stood when the document was generated (INST-5, INST-9). */
  institution: {
    name: string;
    /** Juridinio asmens kodas (ŠMIR). */
    code: string;
    /** Registered office from ŠMIR, on one line; null when unknown. */
    address: string | null;
    email: string | null;
    phone: string | null;
    /** The person responsible for implementing learning programmes (INST-4). */
    contactPerson: { firstName: string; lastName: string; position: string };
    /** Normalised IBAN (INST-5). */
    iban: string;
    bankName: string;
  };
  /**
   * The participant. Lithuanian contracts identify a person by the personal code; the system keeps
   * only a keyed hash of it, so the code is printed when the caller has it (e.g. from the VIISP
   * session in which it is generated) and the birth date otherwise.
   */
  participant: {
    firstName: string;
    lastName: string;
    personalCode: string | null;
    birthDate: string | null;
    email: string | null;
    phone: string | null;
  };
  programme: DocumentProgramme;
  group: DocumentGroup & {
    /** "Mokymo kalba". */
    language: string;
    /** "Mokymo vieta": a venue named "Nuotolinis mokymas" (VENUE-4) is remote training and printed without an address. */
    venue: { name: string; address: string | null };
  };
  /** "Mokymosi programos kaina, eurais" ('1234.50'). */
  price: string;
  /** Who pays how much of the price (the participant's funding: IMP krepšelis, UŽT, asmeninės lėšos); the amounts add up to the price. */
  funding: { source: FundingSource; amount: string }[];
  /** The programme's tab "Programos vykdymo ir sutarties informacija" (PROG-12..PROG-17). */
  programmeInfo: ProgrammeInfoValue;
  /** The employer of a trilateral UŽT apprenticeship contract (CON-22); null for a bilateral contract. */
  employer: {
    name: string;
    code: string;
    representativeFirstName: string;
    representativeLastName: string;
    practiceAddress: string;
    email: string | null;
    phone: string | null;
  } | null;
  /**
   * The provider's signer, once known: name and "Dokumento pavadinimas ir numeris, pagal kurį atstovas
   * veikia pasirašydamas sutartį" (USERS-27, USERS-28). Null until the provider signs.
   */
  providerSigner: { name: string; authority: string } | null;
}

/** A numbered clause ("2.10.") or an unnumbered paragraph (number null). Line breaks in `text` are kept. */
export interface ContractClause {
  number: string | null;
  text: string;
}

/** A section of the contract: "2. Asmens teisės ir pareigos"; the parties' preamble has no number. */
export interface ContractSection {
  number: string | null;
  title: string;
  clauses: ContractClause[];
}

/**
 * One party's signature block, in the order of the parties' details that end the contract (the
 * last section's clauses). The signatures themselves are qualified electronic (PAdES) signatures.
 */
export interface ContractSignatureBlock {
  /** 'Mokymo teikėjas', 'Asmuo', 'Darbdavys'. */
  party: string;
  /** The organisation or person that is the party, e.g. the institution's name. */
  name: string;
  /** Who signs for an organisation ('Jonas Šimkus', or a blank until known); null when the person signs herself. */
  signer: string | null;
  /** Lines under the signer: the authority document (USERS-27), the representative's role. */
  details: string[];
}

export const CONTRACT_TITLE = 'MOKYMOSI SUTARTIS';
export const TRILATERAL_CONTRACT_TITLE = 'TRIŠALĖ MOKYMOSI SUTARTIS';
/** NUM-11: what a contract of an SMPKR programme shows until "Mokinių registras" gives its number. */
export const PENDING_NUMBER_TEXT = 'Numeris bus suteiktas Mokinių registre';
/** NUM-10: the provider's duty outside IMP IS (manual §3.2.3.2), reminded on SMPKR programmes' contract screens. */
export const MOKINIU_REGISTRAS_REMINDER = 'Mokymo teikėjas privalo tvarkyti mokymų dalyvio duomenis Mokinių registre.';
/** What a contract of the institution's numbering shows before its number is taken (not yet generated). */
const NUMBER_NOT_YET_TEXT = 'Numeris dar nesuteiktas';
/** Under each party's signature line: the signatures are qualified electronic (PAdES) signatures added by the signing gateway. */
export const SIGNATURE_NOTE = '(kvalifikuotas elektroninis parašas)';
/** Where a party signs. */
export const SIGNATURE_LINE = 'Parašas: ______________________________';
const BLANK = '____________________';

// ---- Formatting -----------------------------------------------------------------------------------

const AMOUNT = /^(\d{1,12})(?:[.,](\d{1,2}))?$/;

/** Euros as decimal text ('1234.5', '1234,50') or a number, in cents; throws RangeError for anything else. */
export function euroCents(amount: string | number): number {
  const text = typeof amount === 'number' ? (Number.isFinite(amount) && amount >= 0 ? amount.toFixed(2) : '') : amount.trim();
  const m = AMOUNT.exec(text);
  if (!m) throw new RangeError(`not an amount in euros: ${String(amount)}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** An amount as Lithuanian documents write it: thousands grouped by a space, a decimal comma, 'Eur' ('1 234,50 Eur'). */
export function formatEuro(amount: string | number): string {
  const cents = euroCents(amount);
  const whole = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${whole},${String(cents % 100).padStart(2, '0')} Eur`;
}

/**
 * Who pays how much of the price (CON-16, section 7). A UŽT-funded participant's coupon says the most
 * UŽT pays (Section I, "valstybės kompensuojama suma"): UŽT pays up to that, the person the rest. Any
 * other source pays the whole price (the manual sets no cap on the IMP basket, OQ-32).
 */
export function contractFunding(
  source: FundingSource,
  price: string,
  uztMaxAmount: string | null,
): { source: FundingSource; amount: string }[] {
  const total = euroCents(price);
  const euros = (cents: number) => (cents / 100).toFixed(2);
  if (source !== 'UZT' || uztMaxAmount === null) return [{ source, amount: euros(total) }];
  const uzt = Math.min(total, euroCents(uztMaxAmount));
  return total > uzt
    ? [
        { source, amount: euros(uzt) },
        { source: 'ASMENINES_LESOS', amount: euros(total - uzt) },
      ]
    : [{ source, amount: euros(total) }];
}

/** Academic hours: a whole number as is ('40'), otherwise with a decimal comma ('12,5'). */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 100) / 100).replace('.', ',');
}

function fullName(first: string, last: string): string {
  return `${first} ${last}`.replace(/\s+/g, ' ').trim();
}

/** Trims a long text, normalises its line breaks and drops empty lines at its ends; null when nothing is left. */
function clauseText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = value
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
  return text === '' ? null : text;
}

function phone(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : formatPhone(value);
}

/** The contract's number line: 'Nr. MS-00042/2026', or the pending text (NUM-11). */
export function contractNumberLabel(data: Pick<ContractDocumentData, 'number' | 'numberSource'>): string {
  if (data.number !== null) return `Nr. ${data.number}`;
  return data.numberSource === 'MOKINIU_REGISTRAS' ? PENDING_NUMBER_TEXT : NUMBER_NOT_YET_TEXT;
}

/** The date line under the number. */
export function contractDateLabel(data: Pick<ContractDocumentData, 'datedOn' | 'numberSource'>): string {
  if (data.numberSource === 'MOKINIU_REGISTRAS') {
    return data.datedOn === null
      ? 'Registracijos Mokinių registre data bus gauta iš Mokinių registro'
      : `Registracijos Mokinių registre data ${data.datedOn}`;
  }
  return data.datedOn === null ? 'Sutarties data bus nurodyta suteikus numerį' : `Sutarties data ${data.datedOn}`;
}

/** The document's title: 'Mokymosi sutartis Nr. MS-00042/2026' (PDF metadata, file names, page headers). */
export function contractDocumentTitle(data: Pick<ContractDocumentData, 'number' | 'numberSource'>): string {
  if (data.number !== null) return `Mokymosi sutartis ${contractNumberLabel(data)}`;
  const pending = contractNumberLabel(data);
  return `Mokymosi sutartis (${pending.charAt(0).toLocaleLowerCase('lt')}${pending.slice(1)})`;
}

const FUNDING_PAYERS: Record<FundingSource, string> = {
  IMP_KREPSELIS: 'individualios mokymosi paskyros (IMP krepšelio) lėšomis',
  UZT: 'Užimtumo tarnybos lėšomis (valstybės kompensuojama suma)',
  ASMENINES_LESOS: 'Asmens lėšomis',
};

// ---- Sanity of a snapshot -------------------------------------------------------------------------

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What makes a snapshot unusable for a document (for the generating activity and its logs; English); empty when fine. */
export function contractDocumentProblems(data: ContractDocumentData): string[] {
  const problems: string[] = [];
  if (data.template !== 1) problems.push(`unknown template ${String(data.template)}`);
  if (data.number !== null && data.number.trim() === '') problems.push('empty contract number');
  if (data.numberSource === 'NUMERACIJA' && data.number === null) problems.push('a contract of the institution numbering has no number');
  for (const [label, date] of [
    ['datedOn', data.datedOn],
    ['participant.birthDate', data.participant.birthDate],
    ['group.programmeStart', data.group.programmeStart],
    ['group.programmeEnd', data.group.programmeEnd],
  ] as const) {
    if (date !== null && !ISO_DATE.test(date)) problems.push(`${label} is not YYYY-MM-DD: ${date}`);
  }
  if (Number.isNaN(Date.parse(data.generatedAt))) problems.push(`generatedAt is not an instant: ${data.generatedAt}`);
  if (data.group.programmeStart > data.group.programmeEnd) problems.push('the programme ends before it starts');
  if (data.participant.personalCode === null && data.participant.birthDate === null)
    problems.push('the participant has neither a personal code nor a birth date');
  let price: number | null = null;
  try {
    price = euroCents(data.price);
  } catch {
    problems.push(`price is not an amount: ${data.price}`);
  }
  let funded = 0;
  for (const part of data.funding) {
    if (!Object.hasOwn(FUNDING_PAYERS, part.source)) problems.push(`unknown funding source: ${part.source}`);
    try {
      funded += euroCents(part.amount);
    } catch {
      problems.push(`funding amount is not an amount: ${part.amount}`);
    }
  }
  if (data.funding.length === 0) problems.push('no funding');
  else if (price !== null && funded !== price) problems.push(`funding adds up to ${funded} cents, the price is ${price}`);
  if (data.programme.contactHours <= 0) problems.push('no contact hours');
  if (data.providerSigner !== null && (data.providerSigner.name.trim() === '' || data.providerSigner.authority.trim() === '')) {
    problems.push('the provider signer needs a name and an authority document (USERS-27)');
  }
  return problems;
}

// ---- The template ---------------------------------------------------------------------------------

/** Numbers the clauses of a section: '2.1', '2.2', …; a clause given as null is left out. */
function numbered(section: string, texts: (string | null)[]): ContractClause[] {
  return texts.filter((t): t is string => t !== null).map((text, i) => ({ number: `${section}.${i + 1}`, text }));
}

function partiesSection(data: ContractDocumentData): ContractSection {
  const inst = data.institution;
  const p = data.participant;
  const instParts = [`${inst.name}, juridinio asmens kodas ${inst.code}`];
  if (inst.address) instParts.push(`buveinės adresas ${inst.address}`);
  const signer = data.providerSigner
    ? `kurio vardu Sutartį pasirašo ${data.providerSigner.name} (atstovavimo pagrindas – ${data.providerSigner.authority})`
    : 'kurio vardu Sutartį pasirašo teisę pasirašyti mokymosi sutartis turintis Mokymo teikėjo atstovas';
  const provider = `${instParts.join(', ')} (toliau – Mokymo teikėjas), ${signer},`;

  const identity = p.personalCode !== null ? `asmens kodas ${p.personalCode}` : `gimimo data ${p.birthDate ?? ''}`;
  const personParts = [fullName(p.firstName, p.lastName), identity];
  if (p.email) personParts.push(`el. paštas ${p.email}`);
  const personPhone = phone(p.phone);
  if (personPhone) personParts.push(`tel. ${personPhone}`);
  const person = `${personParts.join(', ')} (toliau – Asmuo),`;

  const clauses: ContractClause[] = [
    { number: null, text: provider },
    { number: null, text: data.employer ? person : `ir ${person}` },
  ];
  if (data.employer) {
    const e = data.employer;
    clauses.push({
      number: null,
      text: `ir ${e.name}, juridinio asmens kodas ${e.code} (toliau – Darbdavys), kurio vardu Sutartį pasirašo darbdavio atstovas ${fullName(e.representativeFirstName, e.representativeLastName)},`,
    });
  }
  clauses.push({
    number: null,
    text: `toliau kartu vadinami Šalimis, o kiekvienas atskirai – Šalimi, sudarė šią ${data.employer ? 'trišalę mokymosi sutartį' : 'mokymosi sutartį'} (toliau – Sutartis).`,
  });
  return { number: null, title: 'Sutarties šalys', clauses };
}

function subjectSection(data: ContractDocumentData): ContractSection {
  const { programme, group } = data;
  const info = data.programmeInfo;
  const hours =
    programme.totalHours !== null && programme.totalHours > programme.contactHours
      ? `Mokymosi programos apimtis – ${formatHours(programme.contactHours)} akad. val. kontaktinio darbo (iš viso ${formatHours(programme.totalHours)} akad. val., įskaitant savarankišką darbą). Viena akademinė valanda – 45 minutės.`
      : `Mokymosi programos apimtis – ${formatHours(programme.contactHours)} akad. val. kontaktinio darbo. Viena akademinė valanda – 45 minutės.`;
  const venue = isRemoteVenueName(group.venue.name)
    ? `Mokymo vieta – ${REMOTE_VENUE_NAME}: užsiėmimai vyksta nuotoliniu sinchroniniu būdu, prisijungimo nuoroda Asmeniui pateikiama el. paštu.`
    : `Mokymo vieta – ${group.venue.name}${group.venue.address ? `, ${group.venue.address}` : ''}.`;
  const additional = clauseText(info.additionalRequirements);
  const recognition = clauseText(info.competenceRecognition);
  return {
    number: '1',
    title: 'Sutarties dalykas',
    clauses: numbered('1', [
      `Mokymo teikėjas įsipareigoja mokyti Asmenį pagal mokymosi programą „${programme.name}“ (kodas ${programme.code}; ${programme.kindLabel}), o Asmuo įsipareigoja mokytis pagal šią programą ir vykdyti Sutarties sąlygas.`,
      `Asmuo mokosi mokymo grupėje „${group.name}“. Mokymosi programos vykdymo pradžia – ${group.programmeStart}, mokymosi programos vykdymo pabaiga – ${group.programmeEnd}.`,
      hours,
      venue,
      `Mokymo kalba – ${group.language}.`,
      data.employer
        ? `Praktinis mokymas vyksta pameistrystės forma Darbdavio praktinio mokymo vietoje adresu ${data.employer.practiceAddress}.`
        : null,
      `Mokymosi programos vykdymo ypatumai: ${clauseText(info.executionSpecifics) ?? '–'}`,
      additional === null ? null : `Papildomi reikalavimai: ${additional}`,
      recognition === null ? null : `Įgytų kompetencijų pripažinimo galimybės: ${recognition}`,
    ]),
  };
}

function personSection(data: ContractDocumentData): ContractSection {
  const own = clauseText(data.programmeInfo.personObligations);
  return {
    number: '2',
    title: 'Asmens teisės ir pareigos',
    clauses: numbered('2', [
      'Asmuo turi teisę mokytis pagal Sutarties 1 punkte nurodytą mokymosi programą ir gauti kokybiškas mokymo paslaugas.',
      'Asmuo turi teisę gauti informaciją apie mokymosi programą, užsiėmimų tvarkaraštį, mokymosi pasiekimų vertinimą ir savo mokymosi rezultatus.',
      'Asmuo įsipareigoja lankyti užsiėmimus pagal mokymo grupės tvarkaraštį ir sąžiningai mokytis.',
      'Asmuo įsipareigoja laikytis Mokymo teikėjo vidaus tvarkos, darbuotojų saugos ir sveikatos bei priešgaisrinės saugos taisyklių.',
      'Asmuo įsipareigoja tausoti Mokymo teikėjo turtą ir mokymo priemones.',
      'Asmuo įsipareigoja dalyvauti įgytų kompetencijų vertinime.',
      'Asmuo įsipareigoja nedelsdamas pranešti Mokymo teikėjui, jei negali dalyvauti užsiėmimuose, ir nurodyti priežastį.',
      'Asmuo įsipareigoja pateikti teisingus savo duomenis ir pranešti Mokymo teikėjui apie jų pasikeitimą.',
      'Baigęs mokymąsi, Asmuo įsipareigoja KURSUOK svetainėje užpildyti mokymosi programos vertinimo anketą.',
      // 2.10: "Kiti asmens įsipareigojimai" of the programme (PROG-15).
      `Kiti asmens įsipareigojimai: ${own ?? 'nenustatyta.'}`,
    ]),
  };
}

function providerSection(data: ContractDocumentData): ContractSection {
  const own = clauseText(data.programmeInfo.providerObligations);
  return {
    number: '3',
    title: 'Mokymo teikėjo teisės ir pareigos',
    clauses: numbered('3', [
      'Mokymo teikėjas įsipareigoja mokyti Asmenį pagal mokymosi programą ir suteikti visas programoje numatytas kontaktinio darbo valandas.',
      'Mokymo teikėjas įsipareigoja užtikrinti mokymosi programai vykdyti tinkamą mokymo vietą, priemones ir reikiamą kvalifikaciją turinčius lektorius.',
      'Mokymo teikėjas įsipareigoja supažindinti Asmenį su užsiėmimų tvarkaraščiu ir iš anksto pranešti apie jo pakeitimus.',
      'Mokymo teikėjas įsipareigoja vesti Asmens lankomumo apskaitą ir vertinti jo mokymosi pasiekimus.',
      'Asmeniui baigus mokymosi programą ir įvertinus jo įgytas kompetencijas, Mokymo teikėjas įsipareigoja išduoti mokymosi programos baigimo pažymėjimą.',
      'Mokymo teikėjas įsipareigoja tvarkyti Asmens duomenis tik Sutarčiai vykdyti ir laikydamasis 2016 m. balandžio 27 d. Reglamento (ES) 2016/679 (Bendrojo duomenų apsaugos reglamento) reikalavimų.',
      'Mokymo teikėjas įsipareigoja nedelsdamas informuoti Asmenį apie aplinkybes, trukdančias vykdyti Sutartį.',
      'Mokymo teikėjas turi teisę nutraukti Sutartį, jei Asmuo nevykdo Sutartyje nustatytų įsipareigojimų.',
      // 3.9: "Kiti teikėjo įsipareigojimai" of the programme (PROG-16).
      `Kiti teikėjo įsipareigojimai: ${own ?? 'nenustatyta.'}`,
    ]),
  };
}

function completionSection(): ContractSection {
  return {
    number: '4',
    title: 'Mokymosi baigimas',
    clauses: numbered('4', [
      'Asmuo laikomas baigusiu mokymosi programą, kai jis dalyvavo programos užsiėmimuose ir jo įgytos kompetencijos įvertintos mokymosi programoje nustatyta tvarka.',
      'Mokymosi programos baigimo pažymėjimas Asmeniui išduodamas per KURSUOK svetainę. Sutarties nutraukimo atveju pažymėjimas neišduodamas.',
    ]),
  };
}

function dataSection(): ContractSection {
  return {
    number: '5',
    title: 'Asmens duomenų tvarkymas',
    clauses: numbered('5', [
      'Šalys tvarko viena kitos asmens duomenis tik Sutarčiai sudaryti ir vykdyti, teisės aktų nustatytoms prievolėms įvykdyti bei individualios mokymosi paskyros sistemos (IMP IS) funkcijoms atlikti.',
      'Asmuo patvirtina, kad yra susipažinęs su savo, kaip duomenų subjekto, teisėmis ir jų įgyvendinimo tvarka.',
    ]),
  };
}

function liabilitySection(): ContractSection {
  return {
    number: '6',
    title: 'Šalių atsakomybė ir ginčų sprendimas',
    clauses: numbered('6', [
      'Už Sutarties neįvykdymą ar netinkamą įvykdymą Šalys atsako Lietuvos Respublikos teisės aktų nustatyta tvarka.',
      'Ginčai dėl Sutarties sprendžiami derybomis, o nepavykus susitarti – Lietuvos Respublikos teisės aktų nustatyta tvarka.',
    ]),
  };
}

function paymentSection(data: ContractDocumentData): ContractSection {
  const inst = data.institution;
  const parts = data.funding.map((f) => `${FUNDING_PAYERS[f.source] ?? f.source} – ${formatEuro(f.amount)}`);
  const personal = data.funding.filter((f) => f.source === 'ASMENINES_LESOS').reduce((sum, f) => sum + euroCents(f.amount), 0);
  const sources = [...new Set(data.funding.map((f) => FUNDING_SOURCE_LABELS[f.source] ?? f.source))];
  return {
    number: '7',
    title: 'Kaina ir mokėjimo tvarka',
    clauses: numbered('7', [
      `Mokymosi programos kaina – ${formatEuro(data.price)}.`,
      `${sources.length === 1 ? 'Finansavimo šaltinis' : 'Finansavimo šaltiniai'}: ${sources.join(', ')}. Kaina apmokama: ${parts.join('; ')}.`,
      personal === 0 ? 'Asmuo už mokymąsi pagal Sutartį nemoka.' : `Asmuo savo lėšomis sumoka ${formatEuro(personal / 100)}.`,
      // 7: "Mokėjimo terminai, mokėjimo būdas, kitos mokėjimo sąlygos" of the programme (PROG-17).
      `Mokėjimo terminai, mokėjimo būdas, kitos mokėjimo sąlygos: ${clauseText(data.programmeInfo.paymentTerms) ?? '–'}`,
      `Mokėjimai pagal Sutartį atliekami į Mokymo teikėjo sąskaitą ${formatIban(inst.iban)}, ${inst.bankName}, mokėjimo paskirtyje nurodant Sutarties numerį.`,
    ]),
  };
}

function employerSection(section: string, employer: NonNullable<ContractDocumentData['employer']>): ContractSection {
  return {
    number: section,
    title: 'Darbdavio teisės ir pareigos',
    clauses: numbered(section, [
      `Darbdavys įsipareigoja sudaryti sąlygas Asmeniui atlikti praktinį mokymą pameistrystės forma darbo vietoje adresu ${employer.practiceAddress}.`,
      'Darbdavys įsipareigoja paskirti Asmens praktinio mokymo vadovą ir užtikrinti saugias darbo ir mokymosi sąlygas.',
      'Darbdavys įsipareigoja kartu su Mokymo teikėju stebėti Asmens mokymosi pažangą ir informuoti Mokymo teikėją apie Asmens praleistą praktinio mokymo laiką.',
      'Darbdavys turi teisę gauti iš Mokymo teikėjo informaciją apie Asmens mokymosi pasiekimus.',
    ]),
  };
}

function termSection(section: string, data: ContractDocumentData): ContractSection {
  const all = data.employer ? 'visos Šalys' : 'abi Šalys';
  return {
    number: section,
    title: 'Sutarties galiojimas ir nutraukimas',
    clauses: numbered(section, [
      // CON-18: in force once every party has signed, in any order.
      `Sutartis įsigalioja, kai ją pasirašo ${all}, ir galioja, kol Šalys įvykdo savo įsipareigojimus.`,
      // CON-6, CON-25.
      `Jei iki mokymosi programos vykdymo pradžios (${data.group.programmeStart}) Sutarties nepasirašo ${all}, Sutartis nebegalioja, o Asmuo išregistruojamas iš mokymo grupės.`,
      // CON-9, PORTAL-7.
      'Asmuo turi teisę nutraukti Sutartį savo iniciatyva, pateikęs prašymą nutraukti sutartį savo KURSUOK paskyroje ir nurodęs priežastį.',
      // CON-10: the provider's two grounds.
      'Mokymo teikėjas turi teisę nutraukti Sutartį dėl Mokymo teikėjo įsipareigojimų nevykdymo arba dėl Mokymo dalyvio įsipareigojimų nevykdymo.',
      // CON-11.
      'Nutraukiant Sutartį dėl Mokymo dalyvio įsipareigojimų nevykdymo, nurodoma Sutarties nutraukimo priežastis.',
      // CON-23, CON-24.
      'Apie Sutarties nutraukimą Asmeniui pranešama el. paštu. Nutraukus Sutartį, Asmuo nebetęsia mokymosi pagal mokymosi programą.',
    ]),
  };
}

function finalSection(section: string, data: ContractDocumentData): ContractSection {
  const info = data.programmeInfo;
  const contact = [
    info.contactName,
    phone(info.contactPhone) ? `tel. ${phone(info.contactPhone)}` : null,
    info.contactEmail ? `el. paštas ${info.contactEmail}` : null,
  ]
    .filter((s): s is string => s !== null && s.trim() !== '')
    .join(', ');
  const cp = data.institution.contactPerson;
  return {
    number: section,
    title: 'Baigiamosios nuostatos',
    clauses: numbered(section, [
      'Sutartis sudaryta elektroninio dokumento forma ir pasirašoma kvalifikuotais elektroniniais parašais. Kiekviena Šalis gauna vienodą juridinę galią turintį Sutarties egzempliorių.',
      'Sutarties pakeitimai ir papildymai galioja, jei jie sudaryti raštu ir pasirašyti visų Šalių.',
      'Pranešimai pagal Sutartį siunčiami Sutartyje nurodytais Šalių el. pašto adresais.',
      `Mokymosi programos kontaktinis asmuo: ${contact}.`,
      `Už mokymosi programų įgyvendinimą atsakingas Mokymo teikėjo asmuo: ${fullName(cp.firstName, cp.lastName)}, ${cp.position}.`,
    ]),
  };
}

function requisitesSection(section: string, data: ContractDocumentData): ContractSection {
  const inst = data.institution;
  const p = data.participant;
  const provider = [
    `Mokymo teikėjas: ${inst.name}`,
    `Juridinio asmens kodas: ${inst.code}`,
    inst.address ? `Adresas: ${inst.address}` : null,
    `Sąskaitos numeris (IBAN): ${formatIban(inst.iban)}`,
    `Bankas: ${inst.bankName}`,
    inst.email ? `El. paštas: ${inst.email}` : null,
    phone(inst.phone) ? `Telefonas: ${phone(inst.phone)}` : null,
  ];
  const person = [
    `Asmuo: ${fullName(p.firstName, p.lastName)}`,
    p.personalCode !== null ? `Asmens kodas: ${p.personalCode}` : `Gimimo data: ${p.birthDate ?? ''}`,
    p.email ? `El. paštas: ${p.email}` : null,
    phone(p.phone) ? `Telefonas: ${phone(p.phone)}` : null,
  ];
  const clauses: ContractClause[] = [
    { number: null, text: provider.filter((s) => s !== null).join('\n') },
    { number: null, text: person.filter((s) => s !== null).join('\n') },
  ];
  if (data.employer) {
    const e = data.employer;
    const employer = [
      `Darbdavys: ${e.name}`,
      `Juridinio asmens kodas: ${e.code}`,
      `Praktinio mokymo vietos adresas: ${e.practiceAddress}`,
      e.email ? `El. paštas: ${e.email}` : null,
      phone(e.phone) ? `Telefonas: ${phone(e.phone)}` : null,
    ];
    clauses.push({ number: null, text: employer.filter((s) => s !== null).join('\n') });
  }
  return { number: section, title: 'Šalių rekvizitai ir parašai', clauses };
}

/** The contract's title: a trilateral apprenticeship contract (CON-22) says so. */
export function contractTitle(data: Pick<ContractDocumentData, 'employer'>): string {
  return data.employer ? TRILATERAL_CONTRACT_TITLE : CONTRACT_TITLE;
}

/**
 * The whole contract text from the standard template (CON-16), section by section: the parties,
 * 1 the subject, 2 the person (2.10 from the programme), 3 the provider (3.9 from the programme),
 * 4 completion, 5 personal data, 6 liability, 7 price and payment (the programme's payment terms),
 * [8 the employer, trilateral only], then validity and termination (both grounds of CON-10), final
 * provisions, and the parties' details: one clause per party, in the order of contractSignatureBlocks(),
 * each followed in the document by that party's signature block.
 */
export function contractSections(data: ContractDocumentData): ContractSection[] {
  const sections = [
    partiesSection(data),
    subjectSection(data),
    personSection(data),
    providerSection(data),
    completionSection(),
    dataSection(),
    liabilitySection(),
    paymentSection(data),
  ];
  let next = 8;
  if (data.employer) sections.push(employerSection(String(next++), data.employer));
  sections.push(termSection(String(next++), data));
  sections.push(finalSection(String(next++), data));
  sections.push(requisitesSection(String(next), data));
  return sections;
}

/**
 * One block per party where it signs (USERS-28: the provider's signer and authority once known, a
 * blank line until then). The signatures themselves are qualified electronic (PAdES) signatures.
 */
export function contractSignatureBlocks(data: ContractDocumentData): ContractSignatureBlock[] {
  const signer = data.providerSigner;
  const blocks: ContractSignatureBlock[] = [
    {
      party: 'Mokymo teikėjas',
      name: data.institution.name,
      signer: signer ? signer.name : `${BLANK} (vardas, pavardė)`,
      details: [`Atstovavimo pagrindas: ${signer ? signer.authority : BLANK}`],
    },
    { party: 'Asmuo', name: fullName(data.participant.firstName, data.participant.lastName), signer: null, details: [] },
  ];
  if (data.employer) {
    const e = data.employer;
    blocks.push({
      party: 'Darbdavys',
      name: e.name,
      signer: fullName(e.representativeFirstName, e.representativeLastName),
      details: ['Darbdavio atstovas'],
    });
  }
  return blocks;
}

/** A signature block's lines under the party's details: who signs and on what authority, then the line where it signs. */
export function signatureBlockLines(block: ContractSignatureBlock): string[] {
  return [...(block.signer === null ? [] : [`Pasirašo: ${block.signer}`]), ...block.details, SIGNATURE_LINE, SIGNATURE_NOTE];
}

/**
 * The contract as plain text, one line per paragraph ("2.10. Kiti asmens įsipareigojimai: …"), each
 * party's details followed by its signature block as in the PDF: for pages and tests.
 */
export function contractPlainText(data: ContractDocumentData): string {
  const lines = [contractTitle(data), contractNumberLabel(data), contractDateLabel(data), ''];
  const sections = contractSections(data);
  const blocks = contractSignatureBlocks(data);
  sections.forEach((s, i) => {
    lines.push(s.number === null ? s.title.toLocaleUpperCase('lt') : `${s.number}. ${s.title.toLocaleUpperCase('lt')}`);
    const last = i === sections.length - 1;
    s.clauses.forEach((c, j) => {
      lines.push(c.number === null ? c.text : `${c.number}. ${c.text}`);
      const block = blocks[j];
      if (last && block) lines.push(...signatureBlockLines(block), '');
    });
    if (!last) lines.push('');
  });
  return lines.join('\n');
}
