// What the institution itself must have before a group is published (GRP-40) and before contract
// signing starts at "Vykdoma" (OQ-12): the contact person and bank details printed in contracts and
// certificates (INST-8), and, for non-formal adult education programmes, a contract numbering stage
// valid on the day the contracts are generated (NUM-5, NUM-8). Pure: the rows in, messages out.
import { numberingStageOn } from './contract-number.ts';
import { INSTITUTION_INFO_LABELS, type InstitutionInfoField, type InstitutionInfoValue } from './institution-info.ts';

/** The programme kind of non-formal adult education programmes (NŠPR); licensed VET ones get numbers from "Mokinių registras". */
export const NON_FORMAL_PROGRAMME_KIND = 'NSPR';

/** The fields INST-8 makes mandatory before publication, in the tab's order. */
export const INST8_FIELDS: readonly InstitutionInfoField[] = ['contactFirstName', 'contactLastName', 'contactPosition', 'iban', 'bankName'];

const INFO_TAB = '„Institucijos informacija“';
const NUMBERING_TAB = '„Mokymo sutarties numeracija“';

export interface InstitutionReadinessFacts {
  /** The tab "Institucijos informacija" as saved; undefined when never filled in. */
  info: Pick<InstitutionInfoValue, InstitutionInfoField> | undefined;
  /** The institution's contract numbering stages ("Mokymo sutarties numeracija"). */
  stages: readonly { effectiveFrom: string }[];
  /** The programme's kind ('NSPR' for non-formal adult education, PROG-1a). */
  programmeKind: string;
  /** The day the group's contracts are generated: registration end when publishing, today at "Vykdoma" (YYYY-MM-DD). */
  contractsOn: string;
}

/** Each unmet condition as a message naming what is missing and where to fill it in; empty when ready. */
export function institutionReadinessProblems(f: InstitutionReadinessFacts): string[] {
  const problems: string[] = [];
  if (!f.info) {
    problems.push(
      `Neužpildyta institucijos kortelė ${INFO_TAB}: nurodykite už mokymosi programų įgyvendinimą atsakingą asmenį, jo pareigas ir banko rekvizitus.`,
    );
  } else {
    const missing = INST8_FIELDS.filter((field) => (f.info![field] ?? '').trim() === '');
    if (missing.length > 0) {
      const names = missing.map((field) => `„${INSTITUTION_INFO_LABELS[field]}“`).join(', ');
      problems.push(`Institucijos kortelėje ${INFO_TAB} neužpildyta: ${names}.`);
    }
  }
  if (f.programmeKind === NON_FORMAL_PROGRAMME_KIND && !numberingStageOn(f.stages, f.contractsOn)) {
    problems.push(
      f.stages.length === 0
        ? `Nesukurta mokymo sutarčių numeracija: užpildykite institucijos kortelę ${NUMBERING_TAB}.`
        : `Nėra mokymo sutarčių numeracijos etapo, galiojančio ${f.contractsOn}: papildykite institucijos kortelę ${NUMBERING_TAB}.`,
    );
  }
  return problems;
}
