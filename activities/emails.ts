// Lithuanian e-mail texts (GEN-10): one function per message of the notification catalogue.
import { RIGHT_LABELS, type Right } from '../workflows/domain/access.ts';

export interface EmailText {
  subject: string;
  text: string;
}

const DATE_TIME = new Intl.DateTimeFormat('lt-LT', { timeZone: 'Europe/Vilnius', dateStyle: 'short', timeStyle: 'short' });

export function formatVilnius(epochMs: number): string {
  return DATE_TIME.format(new Date(epochMs));
}

const SIGNATURE = '\n\nPagarbiai\nIMP IS (KURSUOK)\n\nŠis laiškas išsiųstas automatiškai, į jį atsakyti nereikia.';

/** N1 (USERS-6): the confirmation link. */
export function invitationEmail(p: { firstName: string; institutionName: string; rights: Right[]; link: string; expiresAt: number }): EmailText {
  return {
    subject: 'Kvietimas prisijungti prie IMP IS',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `mokymo institucija „${p.institutionName}“ įtraukė jus į IMP IS institucijos naudotojų sąrašą.\n` +
      `Suteiktos teisės: ${p.rights.map((r) => RIGHT_LABELS[r]).join('; ')}.\n\n` +
      `Norėdami patvirtinti savo tapatybę ir sutikti su privatumo politika, atverkite šią nuorodą:\n${p.link}\n\n` +
      `Tapatybė bus nustatoma per VIISP, pasirinkus prisijungimą „Fiziniam asmeniui“. ` +
      `Nuoroda galioja iki ${formatVilnius(p.expiresAt)} ir gali būti panaudota vieną kartą.` +
      SIGNATURE,
  };
}

/** A reminder before the link expires (USERS-13). */
export function invitationReminderEmail(p: { firstName: string; institutionName: string; link: string; expiresAt: number }): EmailText {
  return {
    subject: 'Priminimas: patvirtinkite kvietimą prisijungti prie IMP IS',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `primename, kad mokymo institucijos „${p.institutionName}“ kvietimas prisijungti prie IMP IS baigs galioti ${formatVilnius(p.expiresAt)}.\n` +
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

/** N18 (SCHED-27): the timetable of a published group changed; `changes` are the lines describing it. */
export function scheduleChangedEmail(p: { firstName: string; groupName: string; programmeName: string; institutionName: string; changes: string[] }): EmailText {
  return {
    subject: `Pasikeitė mokymo grupės „${p.groupName}“ tvarkaraštis`,
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `mokymo institucija „${p.institutionName}“ pakeitė mokymosi programos „${p.programmeName}“ grupės „${p.groupName}“, ` +
      `į kurią esate užsiregistravę, tvarkaraštį:\n\n` +
      p.changes.map((line) => `– ${line}`).join('\n') +
      `\n\nVisą tvarkaraštį rasite KURSUOK svetainėje, grupės aprašyme.` +
      SIGNATURE,
  };
}
