// The daily certificate batch (issue 13; DONE-9, DONE-10, DONE-16, DONE-17, N15): the names the
// certificate prints for the configured assessment format (DONE-20), the N15 e-mail to the participant,
// the link she follows, and the batch's bounds. Pure: shared by the activities and the workflow.
import type { AssessmentFormat } from './completion.ts';
import type { EmailText } from './emails.ts';

/** "Vertinimo forma" as the certificate prints it (DONE-19, DONE-20). */
export function assessmentFormatName(format: AssessmentFormat): string {
  switch (format.kind) {
    case 'passFail':
      return 'Įskaita';
    case 'grade':
      return format.min === 1 && format.max === 10 ? '10 balų vertinimo skalė' : `Vertinimo skalė nuo ${format.min} iki ${format.max}`;
    case 'text':
      return 'Aprašomasis vertinimas';
  }
}

/**
 * Where the participant finds her certificate in her KURSUOK account: her contract's page, which
 * offers the certificate's download once it is issued (DONE-16).
 */
export function certificatePortalPath(contractId: string): string {
  return `/kursuok/sutartys/${contractId}`;
}

/** The reason in the seal's signature dictionary. */
export function certificateSealReason(number: string): string {
  return `Skaitmeninis pažymėjimas Nr. ${number}, išduotas IMP IS (KURSUOK)`;
}

/** N15 (DONE-16): to the participant: her certificate is ready in her KURSUOK account. */
export function certificateIssuedEmail(p: {
  firstName: string;
  programmeName: string;
  institutionName: string;
  number: string;
  link: string;
  verificationUrl: string;
}): EmailText {
  return {
    subject: 'Jūsų skaitmeninis pažymėjimas parengtas',
    text:
      `Sveiki, ${p.firstName},\n\n` +
      `baigėte mokymosi programą „${p.programmeName}“ (mokymo teikėjas „${p.institutionName}“). ` +
      `Jūsų skaitmeninis pažymėjimas Nr. ${p.number} parengtas.\n\n` +
      `Pažymėjimą atsisiųsti galite savo KURSUOK paskyroje:\n${p.link}\n\n` +
      `Pažymėjimo tikrumą bet kas gali patikrinti adresu:\n${p.verificationUrl}` +
      '\n\nPagarbiai\nIMP IS (KURSUOK)\n\nŠis laiškas išsiųstas automatiškai, į jį atsakyti nereikia.',
  };
}

/** What the batch activities issue at most at once, and how many run at the same time. */
export const CERTIFICATE_BATCH_LIMITS = {
  /** Contract ids per page asked from Postgres (ids only: 500 × 36 bytes). */
  pageSize: 500,
  maxChunkSize: 500,
  maxConcurrency: 32,
} as const;
