// Registrations written straight into Postgres in one statement each (generate_series), without their
// workflows: for the report exports' tests and benchmark (issue 15), which read only Postgres. Names,
// funding sources and statuses vary by row number; registrations are `stepSeconds` apart from `from`.
import { sql } from 'kysely';
import type { Db } from '../../db/client.ts';
import type { FormBody } from './http.ts';
import type { TestSession } from './session.ts';

export interface RegistrationRowsSpec {
  institutionId: string;
  /** The rows go round these groups (of the institution). */
  groupIds: readonly string[];
  count: number;
  /** Every row's last name starts with it (tests find their rows by it). */
  lastNamePrefix: string;
  from?: Date;
  stepSeconds?: number;
}

const FIRST_NAMES = ['Ona', 'Jonas', 'Žydrūnė', 'Petras', 'Rūta', 'Šarūnas', 'Eglė', 'Mantas', 'Aušra', 'Tomas'];
const FUNDING = ['IMP_KREPSELIS', 'IMP_KREPSELIS', 'ASMENINES_LESOS', 'UZT'];
/** Mostly approved or contracted, as an institution's registrations are over a year. */
const STATUSES = [
  'CONTRACTED',
  'CONTRACTED',
  'APPROVED',
  'REGISTERED',
  'CONTRACTED',
  'REJECTED',
  'WITHDRAWN',
  'CONTRACTED',
  'APPROVED',
  'CANCELLED',
];

/** Inserts the rows; returns how many were written. */
export async function insertRegistrationRows(db: Db, spec: RegistrationRowsSpec): Promise<number> {
  const from = spec.from ?? new Date('2026-01-05T08:00:00Z');
  const step = spec.stepSeconds ?? 97;
  const run = crypto.randomUUID().slice(0, 8);
  const r = await sql`
    insert into group_registrations (id, group_id, institution_id, person_key, first_name, last_name, email, phone, funding, status, status_reason, registered_at)
    select gen_random_uuid(),
           (${sql.val([...spec.groupIds])}::uuid[])[1 + i % ${spec.groupIds.length}],
           ${spec.institutionId}::uuid,
           ${`rep-${run}-`} || i,
           (${sql.val(FIRST_NAMES)}::text[])[1 + i % ${FIRST_NAMES.length}],
           ${spec.lastNamePrefix} || ' ' || i,
           ${`r${run}-`} || i || '@dalyviai.example.lt',
           null,
           (${sql.val(FUNDING)}::text[])[1 + (i / 3) % ${FUNDING.length}],
           (${sql.val(STATUSES)}::text[])[1 + (i * 7) % ${STATUSES.length}],
           case when (${sql.val(STATUSES)}::text[])[1 + (i * 7) % ${STATUSES.length}] = 'REJECTED' then 'Netinkami dokumentai.' end,
           ${from}::timestamptz + make_interval(secs => i * ${step})
    from generate_series(0, ${spec.count - 1}) as i`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

type Caller = (path: string, opts?: { as?: TestSession; body?: FormBody; htmx?: boolean }) => Promise<Response>;

/**
 * An export as the report page's form sends it: POST to the export path with the report's criteria in
 * the URL query and `format` / `raktas` in the form body. `path` may carry format and raktas in its
 * query (moved into the body); without a raktas the form's fresh key is made up here.
 */
export function postExport(call: Caller, path: string, opts: { as?: TestSession } = {}): Promise<Response> {
  const [base, query = ''] = path.split('?') as [string, string | undefined];
  const params = new URLSearchParams(query);
  const body: FormBody = { raktas: crypto.randomUUID() };
  for (const field of ['format', 'raktas']) {
    const value = params.get(field);
    if (value !== null) body[field] = value;
    params.delete(field);
  }
  const criteria = params.toString();
  return call(criteria === '' ? base : `${base}?${criteria}`, { ...opts, body });
}
