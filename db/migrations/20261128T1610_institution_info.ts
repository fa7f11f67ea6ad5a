import { sql, type Kysely } from 'kysely';

// "Institucijos informacija" (issue 4; INST-3..INST-6, NUM-1..NUM-7): the institution's own
// information (one row per institution) and its learning-contract numbering stages.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('institution_info')
    .addColumn('institution_id', 'uuid', (c) => c.primaryKey().references('institutions.id'))
    .addColumn('description', 'text')
    .addColumn('contact_first_name', 'text', (c) => c.notNull())
    .addColumn('contact_last_name', 'text', (c) => c.notNull())
    .addColumn('contact_position', 'text', (c) => c.notNull())
    .addColumn('contact_phone', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text', (c) => c.notNull())
    .addColumn('iban', 'text', (c) => c.notNull().check(sql`iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'`))
    .addColumn('bank_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('contract_numbering_stages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('effective_from', 'date', (c) => c.notNull())
    .addColumn('start_number', 'integer', (c) => c.notNull().check(sql`start_number >= 1`))
    .addColumn('prefix', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('suffix', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('number_format', 'text', (c) => c.notNull().check(sql`number_format ~ '^0{1,10}$'`))
    // Set by the contracts when the stage first gives a contract its number; from then on the stage never changes.
    .addColumn('first_used_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('contract_numbering_stages_institution_date', ['institution_id', 'effective_from'])
    .addUniqueConstraint('contract_numbering_stages_institution_affixes', ['institution_id', 'prefix', 'suffix'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('contract_numbering_stages').execute();
  await db.schema.dropTable('institution_info').execute();
}
