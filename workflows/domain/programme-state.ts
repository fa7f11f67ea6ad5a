// A learning programme's state as "Institucijos mokymosi programos" shows it (PROG-5) and the G1
// guard of lifecycle L1 (PROG-30, LIC-18): no new group for a programme that is suspended
// ("Stabdyti mokymo programą", or in NŠPR) or deregistered from NŠPR. Pure: web shows and checks
// it before asking the workflow; the workflow may check it again with the state it is given.

export type ProgrammeState = 'ACTIVE' | 'SUSPENDED' | 'DEREGISTERED';

/** PROG-30: groups can be created only for a programme that is neither suspended nor deregistered. */
export function programmeAcceptsNewGroups(programme: { state: string }): boolean {
  return programme.state === 'ACTIVE';
}

/** Why a new group is refused (G1), in the user's words. */
export function programmeClosedMessage(programme: { state: string }): string {
  const what = programme.state === 'DEREGISTERED' ? 'išregistruota iš NŠPR' : 'sustabdyta';
  return `Mokymosi programa ${what}: naujų mokymo grupių jai kurti negalima.`;
}

/** PROG-5: the remarks column names a suspension or a deregistration from NŠPR. */
export function programmeRemark(programme: { state: string; remarks: string | null }): string {
  if (programme.state === 'SUSPENDED') return programme.remarks ?? 'Mokymo programa sustabdyta.';
  if (programme.state === 'DEREGISTERED') return programme.remarks ?? 'Programa išregistruota iš NŠPR.';
  return programme.remarks ?? '';
}
