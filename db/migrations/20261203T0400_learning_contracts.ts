import { sql, type Kysely } from 'kysely';

// Issue 12: learning contracts (manual §3.12, L5, CON-1..CON-27). One contract per approved
// registration, owned by its LearningContract:<registrationId> workflow and projected here with an
// increasing version. The number is taken from the numbering stage valid on the contract's date in the
// same transaction that inserts the contract (NUM-7): the stage row's counter is locked by the update,
// so concurrent contracts are numbered one after another, and a rolled-back insert gives its number back
// (no gaps). Each signed version of the document is a stored file; the row points at the latest.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('contract_numbering_stages')
    .addColumn('issued_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('learning_contracts')
    /** The registration's id: a registration has at most one contract. */
    .addColumn('id', 'uuid', (c) => c.primaryKey().references('group_registrations.id'))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('group_id', 'uuid', (c) => c.notNull())
    .addColumn('programme_id', 'uuid', (c) => c.notNull().references('programmes.id'))
    .addColumn('participant_id', 'uuid', (c) => c.references('participants.id'))
    /** The workflow's projection version: a write with a version not above this one changes nothing. */
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('phase', 'text', (c) =>
      c.notNull().check(sql`phase in ('RENGIAMA','SUSTABDYTA','PASIRASOMA','GALIOJA','NUTRAUKTA','NEGALIOJA')`),
    )
    .addColumn('participant_status', 'text', (c) => c.notNull())
    .addColumn('provider_status', 'text', (c) => c.notNull())
    /** Trilateral apprenticeship contracts only (CON-22). */
    .addColumn('employer_status', 'text')
    .addColumn('employer_id', 'uuid', (c) => c.references('employers.id'))
    /** Why signing cannot start (CON-21), or what the contract waits for (NUM-11). */
    .addColumn('waiting_reason', 'text')
    /** "Mokymosi programos vykdymo pradžia": unsigned by then, the contract is void (CON-25). */
    .addColumn('signing_deadline', 'timestamptz', (c) => c.notNull())
    /** The full number ("Pilnas sutarties numeris") and the contract's date; null while pending (NUM-11). */
    .addColumn('number', 'text')
    .addColumn('dated_on', 'date')
    .addColumn('number_stage_id', 'uuid', (c) => c.references('contract_numbering_stages.id'))
    .addColumn('number_source', 'text', (c) => c.check(sql`number_source in ('NUMERACIJA','MOKINIU_REGISTRAS')`))
    /** What the document was generated from (INST-9: the institution as it stood then; CON-16). */
    .addColumn('snapshot', 'jsonb')
    .addColumn('document_file_id', 'uuid', (c) => c.references('stored_files.id'))
    .addColumn('document_sha256', 'text')
    .addColumn('participant_signed_at', 'timestamptz')
    .addColumn('provider_signed_at', 'timestamptz')
    .addColumn('provider_signer_user_id', 'uuid', (c) => c.references('institution_users.id'))
    .addColumn('provider_signer_name', 'text')
    .addColumn('provider_signer_authority', 'text')
    .addColumn('employer_signed_at', 'timestamptz')
    .addColumn('employer_signer_user_id', 'uuid', (c) => c.references('institution_users.id'))
    .addColumn('termination_requested_at', 'timestamptz')
    .addColumn('termination_request_reason', 'text')
    .addColumn('terminated_at', 'timestamptz')
    .addColumn('termination_initiator', 'text', (c) => c.check(sql`termination_initiator in ('DALYVIS','TEIKEJAS')`))
    .addColumn('termination_ground', 'text')
    .addColumn('termination_reason', 'text')
    .addColumn('terminated_by_user_id', 'uuid', (c) => c.references('institution_users.id'))
    .addColumn('voided_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // NUM-7: unique within the institution.
  await db.schema
    .createIndex('learning_contracts_number')
    .on('learning_contracts')
    .columns(['institution_id', 'number'])
    .unique()
    .where(sql.ref('number'), 'is not', null)
    .execute();
  await db.schema.createIndex('learning_contracts_group').on('learning_contracts').columns(['institution_id', 'group_id']).execute();
  await db.schema.createIndex('learning_contracts_participant').on('learning_contracts').column('participant_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('learning_contracts').execute();
  await db.schema.alterTable('contract_numbering_stages').dropColumn('issued_count').execute();
}
