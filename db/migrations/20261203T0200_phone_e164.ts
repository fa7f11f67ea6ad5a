import { sql, type Kysely } from 'kysely';
import { phoneToE164 } from '../../workflows/domain/phone.ts';

// Phone numbers in E.164 (issue 11, item 7). The forms now store every phone number as E.164
// ('+37061234567'); the numbers saved before, as typed ('+370 612 34567', '8 612 34567'), are
// converted the same way. A value that is not a valid number stays as it was (nothing is lost): the
// pages show it as stored, and the form asks for a valid number the next time it is edited.

/** Every stored phone column: table, key column, phone column. */
const PHONE_COLUMNS = [
  ['institution_info', 'institution_id', 'contact_phone'],
  ['programme_execution_info', 'programme_id', 'contact_phone'],
  ['institution_users', 'id', 'phone'],
  ['employers', 'id', 'phone'],
  ['lecturers', 'id', 'phone'],
  ['participants', 'id', 'phone'],
  ['group_registrations', 'id', 'phone'],
  ['uzt_coupons', 'registration_id', 'employer_phone'],
] as const;

/**
 * Converts the stored numbers that are valid but not yet E.164; returns how many rows changed.
 * `onlyKeys` limits it to some rows of one table (a test's own rows in a shared database).
 */
export async function normaliseStoredPhones(
  db: Kysely<unknown>,
  onlyKeys?: { table: (typeof PHONE_COLUMNS)[number][0]; keys: readonly string[] },
): Promise<number> {
  if (onlyKeys?.keys.length === 0) return 0;
  let changed = 0;
  for (const [table, key, column] of PHONE_COLUMNS) {
    if (onlyKeys && onlyKeys.table !== table) continue;
    const limit = onlyKeys ? sql` and ${sql.ref(key)}::text in (${sql.join(onlyKeys.keys)})` : sql``;
    const rows = await sql<{ key: string; phone: string }>`select ${sql.ref(key)}::text as key, ${sql.ref(column)} as phone
      from ${sql.table(table)} where ${sql.ref(column)} is not null and ${sql.ref(column)} !~ '^\\+[1-9][0-9]{6,14}$'${limit}`.execute(db);
    for (const row of rows.rows) {
      const e164 = phoneToE164(row.phone);
      if (e164 === null || e164 === row.phone) continue;
      await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${e164} where ${sql.ref(key)} = ${row.key}`.execute(db);
      changed++;
    }
  }
  return changed;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await normaliseStoredPhones(db);
}

export async function down(): Promise<void> {
  // The numbers as typed before are not kept: E.164 is a valid value for the earlier code too.
}
