// Who may use which application (manual §3, §3.1; REQUIREMENTS.md §6 access matrix, USERS-19..USERS-32,
// AUTH-13, OQ-4). A user's effective access is the union of their user groups (USERS-19).

/** The four user groups of §3.1, stored by these keys. */
export const Right = {
  Administrator: 'ADMINISTRATORIUS',
  Employee: 'DARBUOTOJAS',
  EmployerRepresentative: 'DARBDAVIO_ATSTOVAS',
  ContractSigning: 'SUTARCIU_PASIRASYMAS',
} as const;
export type Right = (typeof Right)[keyof typeof Right];

/** In the manual's order, with its exact names (USERS-18). */
export const RIGHT_LABELS: Record<Right, string> = {
  ADMINISTRATORIUS: 'Mokymo institucijos administratorius',
  DARBUOTOJAS: 'Mokymo institucijos darbuotojas',
  DARBDAVIO_ATSTOVAS: 'Darbdavio atstovas ir trišalių sutarčių pasirašymas',
  SUTARCIU_PASIRASYMAS: 'Sutarčių pasirašymas',
};
export const RIGHTS: readonly Right[] = Object.keys(RIGHT_LABELS) as Right[];

export function isRight(value: unknown): value is Right {
  return typeof value === 'string' && (RIGHTS as readonly string[]).includes(value);
}

/** The head of an institution in a legal-entity session, or a free teacher on their own account (AUTH-13). */
export const HEAD = 'VADOVAS';
export type Role = Right | typeof HEAD;

/** The 13 applications of §3, in the manual's order. */
export const Application = {
  Users: 'Institucijos naudotojai',
  InstitutionInfo: 'Institucijos informacija',
  Lecturers: 'Lektorių sąrašas',
  Venues: 'Mokymo vietos',
  Employers: 'Darbdavio atstovai',
  LicensedProgrammes: 'Licencijuotų mokymo programų sąrašas',
  Programmes: 'Institucijos mokymosi programos',
  MonitoringProtocols: 'Institucijos KPMPC protokolai',
  Invoices: 'Sąskaitos faktūros',
  TimetableReport: 'Ataskaita. Tvarkaraščių informacija',
  ParticipantReport: 'Ataskaita. Dalyvių informacija',
  Contracts: 'Institucijos sutartys',
  EmploymentServiceDocuments: 'Dokumentų pateikimas užimtumo tarnybai',
} as const;
export type Application = (typeof Application)[keyof typeof Application];
const APPLICATION_ORDER: readonly Application[] = Object.values(Application);

/** Ordered: none < view < full. */
type Access = 'none' | 'view' | 'full';
const RANK: Record<Access, number> = { none: 0, view: 1, full: 2 };

const A = Application;
const R = Right;
/** §6, row by row. Missing entries are 'none'. */
const MATRIX: Record<Application, Partial<Record<Role, Access>>> = {
  [A.Users]: { [HEAD]: 'full', [R.Administrator]: 'full' },
  [A.InstitutionInfo]: { [HEAD]: 'view', [R.Administrator]: 'full', [R.Employee]: 'view' },
  [A.Lecturers]: { [R.Administrator]: 'full', [R.Employee]: 'full' },
  [A.Venues]: { [R.Administrator]: 'full', [R.Employee]: 'full' },
  [A.Employers]: { [R.Administrator]: 'full', [R.Employee]: 'full' },
  [A.LicensedProgrammes]: { [R.Administrator]: 'full', [R.Employee]: 'full' },
  [A.Programmes]: { [R.Administrator]: 'full', [R.Employee]: 'full', [R.ContractSigning]: 'view', [R.EmployerRepresentative]: 'view' },
  [A.MonitoringProtocols]: { [R.Administrator]: 'full', [R.Employee]: 'view' },
  [A.Invoices]: { [R.Administrator]: 'full', [R.Employee]: 'full' },
  [A.TimetableReport]: { [R.Administrator]: 'full', [R.Employee]: 'full' },
  [A.ParticipantReport]: { [R.Administrator]: 'full', [R.Employee]: 'full' },
  [A.Contracts]: { [R.Administrator]: 'view', [R.Employee]: 'view', [R.ContractSigning]: 'full', [R.EmployerRepresentative]: 'full' },
  [A.EmploymentServiceDocuments]: { [R.Administrator]: 'full', [R.Employee]: 'full' },
};

/** The access the union of `roles` gives to `app`. */
function accessTo(app: Application, roles: readonly Role[]): Access {
  let best: Access = 'none';
  for (const role of roles) {
    const access = MATRIX[app][role] ?? 'none';
    if (RANK[access] > RANK[best]) best = access;
  }
  return best;
}

export function allows(app: Application, roles: readonly Role[], needed: Exclude<Access, 'none'>): boolean {
  return RANK[accessTo(app, roles)] >= RANK[needed];
}

/** APP-1, APP-17: the applications a user sees, in the manual's order. */
export function visibleApplications(roles: readonly Role[]): Application[] {
  return APPLICATION_ORDER.filter((app) => accessTo(app, roles) !== 'none');
}
