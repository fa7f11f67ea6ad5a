import { sql, type Kysely } from 'kysely';

// Identity and access (issue 3: AUTH-*, USERS-*, L9, GEN-9, GEN-13). Personal codes are never
// stored: only a keyed hash (HMAC with a server pepper), enough to match a VIISP login.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('institutions')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('JURIDINIS')
        .check(sql`kind in ('JURIDINIS', 'LAISVASIS_MOKYTOJAS')`),
    )
    .addColumn('head_personal_code_hash', 'text')
    .addColumn('smir_data', 'jsonb')
    .execute();

  await db.schema
    .createTable('employers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('employers_id_institution', ['id', 'institution_id'])
    .execute();

  await db.schema
    .alterTable('institution_users')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('ACTIVE')
        .check(sql`status in ('INVITED', 'ACTIVE', 'REMOVED')`),
    )
    .addColumn('personal_code_hash', 'text')
    .addColumn('phone', 'text')
    .addColumn('position', 'text')
    .addColumn('employer_id', 'uuid')
    .addColumn('signing_document', 'text')
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('removed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`alter table institution_users add constraint institution_users_employer
    foreign key (employer_id, institution_id) references employers (id, institution_id)`.execute(db);
  await sql`alter table institution_users add constraint institution_users_rights
    check (rights <@ array['ADMINISTRATORIUS', 'DARBUOTOJAS', 'DARBDAVIO_ATSTOVAS', 'SUTARCIU_PASIRASYMAS']::text[])`.execute(db);
  // USERS-23, USERS-27: the conditional fields go with their rights.
  await sql`alter table institution_users add constraint institution_users_employer_right
    check (not ('DARBDAVIO_ATSTOVAS' = any(rights)) or employer_id is not null)`.execute(db);
  // Users created before this field existed: marked, so an administrator sees it must be filled.
  await sql`update institution_users set signing_document = '(nenurodyta)'
    where 'SUTARCIU_PASIRASYMAS' = any(rights) and coalesce(signing_document, '') = ''`.execute(db);
  await sql`alter table institution_users add constraint institution_users_signing_document
    check (not ('SUTARCIU_PASIRASYMAS' = any(rights)) or coalesce(signing_document, '') <> '')`.execute(db);
  // One person is one user of an institution (removed users keep their history).
  await sql`create unique index institution_users_person on institution_users (institution_id, personal_code_hash)
    where status <> 'REMOVED' and personal_code_hash is not null`.execute(db);
  await sql`create index institution_users_login on institution_users (personal_code_hash) where status = 'ACTIVE'`.execute(db);

  await db.schema
    .createTable('user_invitations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('institution_user_id', 'uuid', (c) => c.notNull().references('institution_users.id'))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    /** Hash of the personal code the administrator entered: the VIISP login must match it. */
    .addColumn('expected_personal_code_hash', 'text', (c) => c.notNull())
    /** The only link token id that is valid now; a resent link replaces it (U2). */
    .addColumn('current_token_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('PENDING')
        .check(sql`status in ('PENDING', 'CONFIRMED', 'EXPIRED', 'CANCELLED')`),
    )
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('user_invitations_user').on('user_invitations').column('institution_user_id').execute();

  await db.schema
    .createTable('consents')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('personal_code_hash', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'uuid', (c) => c.references('institutions.id'))
    .addColumn('accepted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('consents_person').on('consents').columns(['personal_code_hash', 'policy_version']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    /** SHA-256 of the cookie's random token: a leaked table does not give usable sessions. */
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('personal_code_hash', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('login_mode', 'text', (c) => c.notNull().check(sql`login_mode in ('juridinis', 'pilietis', 'fizinis')`))
    /** What must happen before anything else opens. */
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('CONSENT', 'CHOOSE_INSTITUTION', 'ACTIVE')`))
    .addColumn('institution_id', 'uuid', (c) => c.references('institutions.id'))
    .addColumn('institution_user_id', 'uuid', (c) => c.references('institution_users.id'))
    /** A head (legal-entity session) or a free teacher acting for their own account. */
    .addColumn('is_head', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('institution_user_id').execute();

  await db.schema.alterTable('audit_log').addColumn('actor_personal_code_hash', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').dropColumn('actor_personal_code_hash').execute();
  await db.schema.dropTable('sessions').execute();
  await db.schema.dropTable('consents').execute();
  await db.schema.dropTable('user_invitations').execute();
  await sql`alter table institution_users drop constraint institution_users_employer, drop constraint institution_users_rights,
    drop constraint institution_users_employer_right, drop constraint institution_users_signing_document`.execute(db);
  await sql`drop index institution_users_person`.execute(db);
  await sql`drop index institution_users_login`.execute(db);
  for (const col of [
    'status',
    'personal_code_hash',
    'phone',
    'position',
    'employer_id',
    'signing_document',
    'confirmed_at',
    'removed_at',
    'updated_at',
  ]) {
    await db.schema.alterTable('institution_users').dropColumn(col).execute();
  }
  await db.schema.dropTable('employers').execute();
  for (const col of ['kind', 'head_personal_code_hash', 'smir_data']) {
    await db.schema.alterTable('institutions').dropColumn(col).execute();
  }
}
