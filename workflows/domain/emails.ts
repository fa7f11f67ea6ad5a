// Lithuanian e-mail texts (GEN-10): one function per message of the notification catalogue. Pure
// text, so that whoever queues a message composes it from here: the activities (most of them) and
// web, for the changes it writes itself (a timetable change, N18). db/ only stores what it is given.
import { RIGHT_LABELS, type Right } from './access.ts';
import { deadlineDateTime, formatDateTime, formatDeadline } from './date-format.ts';
import { autoCompletionDay, missingOutcomeDetails, missingOutcomesText, type OutcomeSummary } from './group-completion.ts';
import { TERMINATION_GROUND_LABELS, type TerminationGround } from './learning-contract.ts';
import { SESSION_MODE_LABELS, timeRange, type SessionMode } from './schedule.ts';

export interface EmailText {
  subject: string;
  text: string;
}

const SIGNATURE = '\n\nPagarbiai\nIMP IS (KURSUOK)\n\nŠis laiškas išsiųstas automatiškai, į jį atsakyti nereikia.';

/** N1 (USERS-6): the confirmation link. */
export function invitationEmail(p: {
  firstName: string;
  institutionName: string;
  rights: Right[];
  link: string;
  expiresAt: number;
}): EmailText {
  return {
    subject: 'Kvietimas prisijungti prie IMP IS',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `mokymo institucija „${p.institutionName}“ įtraukė jus į IMP IS institucijos naudotojų sąrašą.\n` +
      `Suteiktos teisės: ${p.rights.map((r) => RIGHT_LABELS[r]).join('; ')}.\n\n` +
      `Norėdami patvirtinti savo tapatybę ir sutikti su privatumo politika, atverkite šią nuorodą:\n${p.link}\n\n` +
      `Tapatybė bus nustatoma per VIISP, pasirinkus prisijungimą „Fiziniam asmeniui“. ` +
      `Nuoroda galioja ${formatDeadline(p.expiresAt)} ir gali būti panaudota vieną kartą.` +
      SIGNATURE,
  };
}

/** A reminder before the link expires (USERS-13). */
export function invitationReminderEmail(p: { firstName: string; institutionName: string; link: string; expiresAt: number }): EmailText {
  return {
    subject: 'Priminimas: patvirtinkite kvietimą prisijungti prie IMP IS',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `primename, kad mokymo institucijos „${p.institutionName}“ kvietimas prisijungti prie IMP IS baigs galioti ${deadlineDateTime(p.expiresAt)}.\n` +
      `Patvirtinti tapatybę galite šia nuoroda:\n${p.link}` +
      SIGNATURE,
  };
}

/** N2 (USERS-10): confirmation with the login link. */
export function identityConfirmedEmail(p: { firstName: string; institutionName: string; loginLink: string }): EmailText {
  return {
    subject: 'Tapatybė patvirtinta: prisijungimas prie IMP IS',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `jūsų tapatybė patvirtinta, esate mokymo institucijos „${p.institutionName}“ IMP IS naudotojas.\n` +
      `Prie IMP IS jungiatės per VIISP, pasirinkę prisijungimą „Fiziniam asmeniui“:\n${p.loginLink}` +
      SIGNATURE,
  };
}

/** A training group as the participants' e-mails name it. */
interface GroupMailFacts {
  firstName: string;
  groupName: string;
  programmeName: string;
  institutionName: string;
  programmeStart: string;
  /** Why, where the change has a reason (a removal, a rejected coupon). */
  reason?: string | null;
}

/** GRP-33 (N-series, "Nevykdoma"): the group did not form; the participant may choose other training. */
export function groupNotFormedEmail(p: GroupMailFacts): EmailText {
  return {
    subject: 'Mokymo grupė nesusiformavo',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `mokymo institucijos „${p.institutionName}“ mokymosi programos „${p.programmeName}“ grupė „${p.groupName}“ nesusiformavo: mokymai nebus vykdomi, ` +
      `todėl jūsų registracija į šią grupę panaikinta.\n\n` +
      `Kviečiame KURSUOK svetainėje pasirinkti kitus mokymus.` +
      SIGNATURE,
  };
}

/** N11 (GRP-42, CON-6, CON-25): delivery started without the participant's signed learning contract; `link` is KURSUOK's catalogue. */
export function noContractEmail(p: GroupMailFacts & { link: string }): EmailText {
  return {
    subject: 'Registracija į mokymus panaikinta: mokymosi sutartis nepasirašyta',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `mokymosi programos „${p.programmeName}“ grupės „${p.groupName}“ mokymai prasidėjo ${p.programmeStart}, ` +
      `tačiau jūsų mokymosi sutartis iki tol nebuvo pasirašyta abiejų šalių, todėl jūsų registracija į šią grupę panaikinta.\n\n` +
      `Kviečiame KURSUOK svetainėje pasirinkti kitus mokymus:\n${p.link}` +
      SIGNATURE,
  };
}

/**
 * N5, N6 (GRP-34, PART-12, CON-1, CON-17): the group goes ahead; the approved participant is invited to
 * sign the learning contract; `link` is the portal's "Mano sutartys".
 */
export function contractInvitationEmail(p: GroupMailFacts & { link: string }): EmailText {
  return {
    subject: 'Kvietimas pasirašyti mokymosi sutartį',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `mokymo institucijos „${p.institutionName}“ mokymosi programos „${p.programmeName}“ grupė „${p.groupName}“ bus vykdoma. ` +
      `Prisijunkite prie KURSUOK ir pasirašykite mokymosi sutartį iki mokymų pradžios (${p.programmeStart}); ` +
      `sutarties nepasirašius, registracija bus panaikinta.\n\n` +
      `Sutartį rasite savo KURSUOK paskyros skiltyje „Mano sutartys“:\n${p.link}` +
      SIGNATURE,
  };
}

/** A learning contract as its e-mails name it (N12, N13). */
interface ContractMailFacts {
  /** The recipient's first name. */
  firstName: string;
  /** "Mokymosi sutartis Nr. …" once numbered; null before. */
  contractNumber: string | null;
  programmeName: string;
  groupName: string;
  /** Where the recipient acts on it. */
  link: string;
}

const contractNamed = (n: string | null) => (n ? `mokymosi sutartį Nr. ${n}` : 'mokymosi sutartį');

/**
 * N12 (CON-7, PORTAL-7): to each of the institution's users with "Sutarčių pasirašymas": the participant
 * asks to terminate the contract; `link` is the group's page in "Institucijos sutartys".
 */
export function contractTerminationRequestedEmail(
  p: ContractMailFacts & { participantName: string; institutionName: string; reason: string | null },
): EmailText {
  return {
    subject: `Prašymas nutraukti mokymosi sutartį: ${p.participantName}`,
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `gautas mokymo dalyvio ${p.participantName} prašymas nutraukti ${contractNamed(p.contractNumber)}, sudarytą su mokymo institucija ` +
      `„${p.institutionName}“ (mokymosi programa „${p.programmeName}“, grupė „${p.groupName}“).\n` +
      `Prašymo priežastis: ${p.reason ?? 'nenurodyta'}\n\n` +
      `Prašymą matote programos „Institucijos sutartys“ grupės dalyvių sąraše (stulpelyje „Dalyvio sutartis“ – „Prašymas nutraukti sutartį“); ` +
      `sutartį nutraukti galite pasirinkę „Meniu“ → „Nutraukti sutartį“:\n${p.link}` +
      SIGNATURE,
  };
}

/** N13 (CON-12, CON-23): to the participant: the contract is terminated, on which ground and why. */
export function contractTerminatedEmail(
  p: ContractMailFacts & { institutionName: string; terminatedOn: string; ground: TerminationGround; reason: string | null },
): EmailText {
  return {
    subject: 'Mokymosi sutartis nutraukta',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `mokymo institucija „${p.institutionName}“ ${p.terminatedOn} nutraukė jūsų ${contractNamed(p.contractNumber)} ` +
      `(mokymosi programa „${p.programmeName}“, grupė „${p.groupName}“).\n` +
      `Nutraukimo pagrindas: ${TERMINATION_GROUND_LABELS[p.ground]}.\n` +
      (p.reason ? `Nutraukimo priežastis: ${p.reason}\n` : '') +
      `\nSutarties nutraukimo informaciją matote savo KURSUOK paskyros skiltyje „Mano sutartys“:\n${p.link}` +
      SIGNATURE,
  };
}

/**
 * N14 (DONE-8, DONE-16): the provider confirmed the participant's final assessment ("Patvirtinti"):
 * the evaluation questionnaire is open for her; `link` is its page in her KURSUOK account.
 */
export function questionnaireOpenedEmail(p: ContractMailFacts & { institutionName: string }): EmailText {
  return {
    subject: 'Užpildykite mokymosi programos vertinimo anketą',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `mokymo institucija „${p.institutionName}“ patvirtino jūsų galutinį mokymosi programos „${p.programmeName}“ ` +
      `(grupė „${p.groupName}“) baigimo įvertinimą.\n` +
      `Prašome užpildyti mokymosi programos vertinimo anketą savo KURSUOK paskyroje:\n${p.link}\n\n` +
      `Skaitmeninis pažymėjimas suformuojamas kitą dieną po vertinimo anketos užpildymo.` +
      SIGNATURE,
  };
}

/** A session as the participants' timetable e-mail names it (N18). */
export interface ScheduleMailSession {
  date: string;
  startTime: string;
  durationMinutes: number;
  mode: SessionMode;
  link: string | null;
  venueName: string;
  venueAddress: string;
  auditorium: string | null;
  lecturerName: string;
}

/** One change of the timetable: a new session (no `before`), a cancelled one (no `after`), or both. */
export interface ScheduleMailChange {
  before: ScheduleMailSession | null;
  after: ScheduleMailSession | null;
}

export interface ScheduleChangedFacts {
  firstName: string;
  groupName: string;
  programmeName: string;
  institutionName: string;
  changes: readonly ScheduleMailChange[];
}

function describeSession(s: ScheduleMailSession): string {
  const place = s.link
    ? `nuoroda ${s.link}`
    : `${s.venueName}${s.venueAddress ? `, ${s.venueAddress}` : ''}${s.auditorium ? `, aud. ${s.auditorium}` : ''}`;
  return `${s.date} ${timeRange(s.startTime, s.durationMinutes)} (${SESSION_MODE_LABELS[s.mode]}; ${place}; lektorius ${s.lecturerName})`;
}

function describeChange(ch: ScheduleMailChange): string {
  if (ch.before && ch.after) return `Pakeistas užsiėmimas: buvo ${describeSession(ch.before)}, dabar ${describeSession(ch.after)}.`;
  if (ch.after) return `Naujas užsiėmimas: ${describeSession(ch.after)}.`;
  return ch.before ? `Atšauktas užsiėmimas: ${describeSession(ch.before)}.` : '';
}

/** N18 (SCHED-27): the timetable of a published group changed; one line per change, in time order. */
export function scheduleChangedEmail(p: ScheduleChangedFacts): EmailText {
  const when = (ch: ScheduleMailChange) => {
    const s = (ch.after ?? ch.before)!;
    return `${s.date} ${s.startTime}`;
  };
  const lines = [...p.changes].sort((a, b) => when(a).localeCompare(when(b))).map(describeChange);
  return {
    subject: `Pasikeitė mokymo grupės „${p.groupName}“ tvarkaraštis`,
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `mokymo institucija „${p.institutionName}“ pakeitė mokymosi programos „${p.programmeName}“ grupės „${p.groupName}“, ` +
      `į kurią esate užsiregistravę, tvarkaraštį:\n\n` +
      lines.map((line) => `– ${line}`).join('\n') +
      `\n\nVisą tvarkaraštį rasite KURSUOK svetainėje, grupės aprašyme.` +
      SIGNATURE,
  };
}

/** PART-9: the provider approved the registration. */
export function registrationApprovedEmail(p: GroupMailFacts): EmailText {
  return {
    subject: 'Registracija į mokymus patvirtinta',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `mokymo institucija „${p.institutionName}“ patvirtino jūsų registraciją į mokymosi programos „${p.programmeName}“ grupę „${p.groupName}“. ` +
      `Mokymai prasideda ${p.programmeStart}. Kai grupė bus vykdoma, gausite kvietimą pasirašyti mokymosi sutartį.` +
      SIGNATURE,
  };
}

/** PART-9: the provider rejected the registration. */
export function registrationRejectedEmail(p: GroupMailFacts): EmailText {
  return {
    subject: 'Registracija į mokymus atmesta',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `mokymo institucija „${p.institutionName}“ atmetė jūsų registraciją į mokymosi programos „${p.programmeName}“ grupę „${p.groupName}“.\n\n` +
      `Kviečiame KURSUOK svetainėje pasirinkti kitus mokymus.` +
      SIGNATURE,
  };
}

/** PART-8, PART-9: the provider removed the participant, with the reason. */
export function registrationRemovedEmail(p: GroupMailFacts): EmailText {
  return {
    subject: 'Jūs pašalinti iš mokymo grupės',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `mokymo institucija „${p.institutionName}“ pašalino jus iš mokymosi programos „${p.programmeName}“ grupės „${p.groupName}“.\n` +
      `Priežastis: ${p.reason ?? ''}\n\n` +
      `Kviečiame KURSUOK svetainėje pasirinkti kitus mokymus.` +
      SIGNATURE,
  };
}

/** UZT-13: UŽT rejected the coupon; the registration is cancelled. */
export function couponRejectedEmail(p: GroupMailFacts): EmailText {
  return {
    subject: 'Užimtumo tarnyba atmetė kuponą: registracija panaikinta',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `Užimtumo tarnyba atmetė jūsų kuponą mokymosi programos „${p.programmeName}“ grupei „${p.groupName}“, todėl jūsų registracija į šią grupę panaikinta.\n` +
      (p.reason ? `Priežastis: ${p.reason}\n` : '') +
      `\nKviečiame užsiregistruoti į kitus mokymus.` +
      SIGNATURE,
  };
}

/** A document under review as its e-mails name it (L3). */
interface DocumentMailFacts {
  firstName: string;
  /** DOCUMENT_KIND_LABELS of the kind. */
  kindLabel: string;
  /** Epoch milliseconds. */
  uploadedAt: number;
}

/** N9 (DOC-18): the review outcome; a negative one asks for a new document. */
export function documentReviewedEmail(
  p: DocumentMailFacts & { statusLabel: string; newDocumentNeeded: boolean; note: string | null; portalLink: string },
): EmailText {
  return {
    subject: p.newDocumentNeeded ? 'Dokumentas įvertintas: įkelkite naują dokumentą' : 'Dokumentas įvertintas',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `jūsų ${formatDateTime(p.uploadedAt)} įkeltas dokumentas „${p.kindLabel}“ įvertintas.\n` +
      `Vertinimo būsena: „${p.statusLabel}“.\n` +
      (p.note ? `Vertintojo pastaba: ${p.note}\n` : '') +
      (p.newDocumentNeeded
        ? `\nŠio dokumento valstybės finansavimui gauti nepakanka. Prisijunkite prie savo KURSUOK paskyros ir įkelkite kitą dokumentą:\n${p.portalLink}`
        : `\nSavo dokumentų vertinimą matote KURSUOK paskyroje:\n${p.portalLink}`) +
      SIGNATURE,
  };
}

/** DOC-7: the reviewers' reminder on the last working day of a review. */
export function documentReviewReminderEmail(p: DocumentMailFacts & { participantName: string; dueAt: number; link: string }): EmailText {
  return {
    subject: `Priminimas: dokumentą reikia įvertinti ${formatDeadline(p.dueAt)}`,
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `dalyvio ${p.participantName} ${formatDateTime(p.uploadedAt)} įkeltas dokumentas „${p.kindLabel}“ dar neįvertintas. ` +
      `Jį reikia įvertinti per 3 darbo dienas, t. y. ${formatDeadline(p.dueAt)}.\n${p.link}` +
      SIGNATURE,
  };
}

/** DOC-7, DOC-14: the review deadline passed without a decision (escalation). */
export function documentReviewOverdueEmail(p: DocumentMailFacts & { participantName: string; dueAt: number; link: string }): EmailText {
  return {
    subject: 'Vėluojama įvertinti dokumentą',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `dalyvio ${p.participantName} ${formatDateTime(p.uploadedAt)} įkeltas dokumentas „${p.kindLabel}“ neįvertintas per 3 darbo dienas: ` +
      `terminas baigėsi ${deadlineDateTime(p.dueAt)}. Įvertinkite jį kuo skubiau.\n${p.link}` +
      SIGNATURE,
  };
}

/** What the provider's e-mails about a participant's UŽT coupon name (UZT-18). */
interface CouponMailFacts {
  participant: string;
  groupName: string;
  programmeName: string;
}

/** UZT-18 (N10): UŽT approved or rejected a participant's coupon. */
export function uztCouponDecisionEmail(p: CouponMailFacts & { approved: boolean; reason: string | null }): EmailText {
  return {
    subject: p.approved ? `Užimtumo tarnyba patvirtino kuponą: ${p.participant}` : `Užimtumo tarnyba atmetė kuponą: ${p.participant}`,
    text:
      `Sveiki,\n\n` +
      (p.approved
        ? `Užimtumo tarnyba patvirtino mokymo dalyvio ${p.participant} kuponą mokymosi programos „${p.programmeName}“ grupei „${p.groupName}“. ` +
          `Kai grupės būsena bus „Vykdoma“, dalyvis gaus kvietimą pasirašyti mokymosi sutartį.`
        : `Užimtumo tarnyba atmetė mokymo dalyvio ${p.participant} kuponą mokymosi programos „${p.programmeName}“ grupei „${p.groupName}“: ` +
          `registracija atšaukta, dalyvis pašalintas iš grupės ir apie tai informuotas.\nPriežastis: ${p.reason ?? ''}`) +
      SIGNATURE,
  };
}

/** UZT-16: UŽT has not decided on a coupon within its time; the coupon keeps waiting. */
export function uztCouponOverdueEmail(p: CouponMailFacts): EmailText {
  return {
    subject: `Užimtumo tarnyba dar nepriėmė sprendimo dėl kupono: ${p.participant}`,
    text:
      `Sveiki,\n\n` +
      `Užimtumo tarnyba per nustatytą laiką nepriėmė sprendimo dėl mokymo dalyvio ${p.participant} kupono mokymosi programos „${p.programmeName}“ grupei „${p.groupName}“. ` +
      `Kuponas tebelaukia sprendimo; kol jo nėra, dalyviui kvietimas pasirašyti mokymosi sutartį nesiunčiamas. Rekomenduojame susisiekti su Užimtumo tarnyba.` +
      SIGNATURE,
  };
}

/**
 * GRP-45 (issue 13): a week before a group still "Vykdoma" becomes "Užbaigta" by itself, its
 * institution's administrators are told when, and what the tab "Mokymų baigimas" still lacks.
 */
export function groupAutoCompletionReminderEmail(p: {
  firstName: string;
  groupName: string;
  programmeName: string;
  programmeEnd: string;
  autoCompletesAt: string;
  outcomes: OutcomeSummary;
  link: string;
}): EmailText {
  const details = missingOutcomeDetails(p.outcomes);
  const missing =
    p.outcomes.missing === 0
      ? 'Visų dalyvių mokymų rezultatai patvirtinti: grupės būseną į „Užbaigta“ galite pakeisti ir patys.'
      : `Šiuo metu ${missingOutcomesText(p.outcomes.missing)}:\n${details.map((d) => `– ${d}`).join('\n')}\n` +
        `Jei iki automatinio užbaigimo duomenys nebus užpildyti ir patvirtinti, šiems dalyviams pažymėjimai nebus išduoti, ` +
        `o pradėję mokymus, bet nepažymėti „Mokymus baigė“, bus laikomi mokymų nebaigusiais.`;
  return {
    subject: `Mokymo grupė „${p.groupName}“ bus automatiškai užbaigta ${autoCompletionDay(p.autoCompletesAt)}`,
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `mokymosi programos „${p.programmeName}“ grupės „${p.groupName}“ mokymai baigėsi ${p.programmeEnd}, tačiau grupės būsena vis dar „Vykdoma“. ` +
      `${autoCompletionDay(p.autoCompletesAt)} grupės būsena bus automatiškai pakeista į „Užbaigta“; po to mokymų baigimo žymų keisti nebegalima.\n\n` +
      `${missing}\n\nMokymo grupė IMP IS (kortelė „Mokymų baigimas“): ${p.link}` +
      SIGNATURE,
  };
}
