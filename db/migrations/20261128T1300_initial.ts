import { sql, type Kysely } from 'kysely';

// First slice: institutions, their users (minimal), programmes, venues, training groups, audit log.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('institutions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('institution_users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('rights', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('programmes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('languages', sql`text[]`, (c) => c.notNull())
    .addColumn('contact_hours', 'numeric(8, 2)', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('ACTIVE')
        .check(sql`state in ('ACTIVE', 'SUSPENDED', 'DEREGISTERED')`),
    )
    .addColumn('remarks', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('programmes_institution_code', ['institution_id', 'code'])
    .addUniqueConstraint('programmes_id_institution', ['id', 'institution_id'])
    .execute();

  await db.schema
    .createTable('venues')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('venues_id_institution', ['id', 'institution_id'])
    .execute();

  await db.schema
    .createTable('training_groups')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('programme_id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('funding_sources', sql`text[]`, (c) => c.notNull())
    .addColumn('price', 'numeric(12, 2)', (c) => c.notNull().check(sql`price >= 0`))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('min_participants', 'integer', (c) => c.notNull().check(sql`min_participants >= 1`))
    .addColumn('max_participants', 'integer', (c) => c.notNull())
    .addColumn('special_needs', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('venue_id', 'uuid', (c) => c.notNull())
    .addColumn('registration_start', 'date', (c) => c.notNull())
    .addColumn('registration_end', 'date', (c) => c.notNull())
    .addColumn('programme_start', 'date', (c) => c.notNull())
    .addColumn('programme_end', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('Kuriama', 'Skelbiama', 'Vykdoma', 'Užbaigta', 'Nevykdoma', 'Sustabdyta')`),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint('training_groups_programme', ['programme_id', 'institution_id'], 'programmes', ['id', 'institution_id'])
    .addForeignKeyConstraint('training_groups_venue', ['venue_id', 'institution_id'], 'venues', ['id', 'institution_id'])
    .addCheckConstraint('training_groups_participants', sql`min_participants <= max_participants`)
    .addCheckConstraint(
      'training_groups_dates',
      sql`registration_start <= registration_end and registration_end < programme_start and programme_start <= programme_end`,
    )
    .execute();
  await db.schema
    .createIndex('training_groups_programme_status')
    .on('training_groups')
    .columns(['institution_id', 'programme_id', 'status'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(sql`actor_kind in ('user', 'system')`))
    .addColumn('actor_user_id', 'uuid')
    .addColumn('institution_id', 'uuid')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('changes', 'jsonb', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity_type', 'entity_id', 'id']).execute();
  await db.schema.createIndex('audit_log_institution').on('audit_log').columns(['institution_id', 'occurred_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'training_groups', 'venues', 'programmes', 'institution_users', 'institutions']) {
    await db.schema.dropTable(table).execute();
  }
}
