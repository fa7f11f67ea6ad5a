import type { Kysely } from 'kysely';

// Issue 12 (NUM-9..NUM-11, OQ-13): an SMPKR programme's learning contract gets its number and date from
// Mokinių registras, which is asked by personal code, without the person present. The personal code is
// kept sealed (AES-256-GCM, worker/crypto.ts sealPersonalCode, bound to the participant's id), written
// at the VIISP login to the portal; accounts made before this migration get it at their next login.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('participants').addColumn('personal_code_sealed', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('participants').dropColumn('personal_code_sealed').execute();
}
