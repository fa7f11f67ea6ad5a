import { sql, type Kysely } from 'kysely';

// Issue 6: the participants' side — KURSUOK accounts with their registry data (PART-3, PART-6),
// sessions of people who are not institution users (participants, document reviewers, the
// Employment Service), their documents under review (L3) and UŽT coupons (L4).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('participants')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    /** A keyed hash of the personal code (the same key the group workflow gets as personKey). */
    .addColumn('person_key', 'text', (c) => c.notNull().unique())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    /** Lithuanian citizen (from VIISP); otherwise a residence-right document is needed (DOC-12). */
    .addColumn('citizen', 'boolean', (c) => c.notNull())
    /** "Diplomų, atestatų ir kvalifikacijos pažymėjimų registras" as it answered (PART-3), null when unknown. */
    .addColumn('registry_education', 'jsonb')
    /** SoDra's employment status (PART-6): true "Taip", false "Ne", null when not asked or unavailable. */
    .addColumn('sodra_employed', 'boolean')
    .addColumn('registry_checked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('staff_members')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_key', 'text', (c) => c.notNull())
    /** VERTINTOJAS: the funder's document reviewer (DOC-13); UZT: the Employment Service (UZT-12). */
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('VERTINTOJAS', 'UZT')`))
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('staff_members_person_role', ['person_key', 'role'])
    .execute();

  await db.schema
    .createTable('person_sessions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    /** Who the session is for: DALYVIS (participant portal), VERTINTOJAS or UZT (their queues). */
    .addColumn('audience', 'text', (c) => c.notNull().check(sql`audience in ('DALYVIS', 'VERTINTOJAS', 'UZT')`))
    .addColumn('person_key', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('participant_id', 'uuid', (c) => c.references('participants.id'))
    .addColumn('staff_member_id', 'uuid', (c) => c.references('staff_members.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'text')
    .addCheckConstraint(
      'person_sessions_who',
      sql`(audience = 'DALYVIS' and participant_id is not null and staff_member_id is null)
        or (audience <> 'DALYVIS' and staff_member_id is not null and participant_id is null)`,
    )
    .execute();

  await db.schema
    .createTable('participant_documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participants.id'))
    /** ISSILAVINIMAS (DOC-4), UZIMTUMAS (DOC-6), GYVENIMAS (residence right, DOC-12). */
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('ISSILAVINIMAS', 'UZIMTUMAS', 'GYVENIMAS')`))
    .addColumn('content_type', 'text', (c) => c.notNull().check(sql`content_type in ('application/pdf', 'image/jpeg', 'image/png')`))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0 and size <= 10485760`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    /** Upload time + 3 working days (DOC-7), from the Lithuanian working-day calendar. */
    .addColumn('review_due_at', 'timestamptz', (c) => c.notNull())
    /** LAUKIA (awaiting review, DOC-17) or the reviewer's status (DOC-9..DOC-11, DOC-15, DOC-16). */
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('LAUKIA'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('reviewer_id', 'uuid', (c) => c.references('staff_members.id'))
    .addColumn('reviewer_note', 'text')
    .addColumn('escalated_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('participant_documents_queue').on('participant_documents').columns(['status', 'review_due_at']).execute();
  await db.schema
    .createIndex('participant_documents_participant')
    .on('participant_documents')
    .columns(['participant_id', 'kind'])
    .execute();

  await db.schema
    .alterTable('group_registrations')
    .addColumn('participant_id', 'uuid', (c) => c.references('participants.id'))
    /** The institution user who approved, rejected or removed it, and when (PART-9). */
    .addColumn('decided_by', 'uuid', (c) => c.references('institution_users.id'))
    .addColumn('decided_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('group_registrations_participant').on('group_registrations').column('participant_id').execute();

  await db.schema
    .createTable('uzt_coupons')
    .addColumn('registration_id', 'uuid', (c) => c.primaryKey().references('group_registrations.id'))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    /** "Užimtumo tarnybos kupono I skyriaus duomenys" as UŽT formed them (UZT-10, UZT-21). */
    .addColumn('section1', 'jsonb', (c) => c.notNull())
    /** "… II skyriaus duomenys", assembled at the provider's approval (UZT-11, UZT-16). */
    .addColumn('section2', 'jsonb')
    /** I_SKYRIUS, LAUKIA_UZT, PATVIRTINTAS, ATMESTAS (L4; labels OQ-51). */
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('I_SKYRIUS', 'LAUKIA_UZT', 'PATVIRTINTAS', 'ATMESTAS')`))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'uuid', (c) => c.references('staff_members.id'))
    .addColumn('reason', 'text')
    /** "Užimtumo tarnybai reikalingi duomenys" (UZT-6, UZT-20). */
    .addColumn('bank_account', 'text')
    .addColumn('settlement_frequency', 'text', (c) => c.check(sql`settlement_frequency in ('KAS_MENESI', 'UZBAIGUS')`))
    /** "Pameistrystės duomenys" (UZT-8, UZT-19). */
    .addColumn('employer_id', 'uuid', (c) => c.references('employers.id'))
    .addColumn('employer_phone', 'text')
    .addColumn('employer_email', 'text')
    .addColumn('practice_address', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('uzt_coupons').execute();
  await db.schema
    .alterTable('group_registrations')
    .dropColumn('participant_id')
    .dropColumn('decided_by')
    .dropColumn('decided_at')
    .execute();
  await db.schema.dropTable('participant_documents').execute();
  await db.schema.dropTable('person_sessions').execute();
  await db.schema.dropTable('staff_members').execute();
  await db.schema.dropTable('participants').execute();
}
