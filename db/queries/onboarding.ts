// APP-15: how far an institution is along the manual's recommended first steps.
import { sql } from 'kysely';
import type { DbOrTx } from '../client.ts';

export interface OnboardingProgress {
  institutionInfo: boolean;
  lecturers: boolean;
  venues: boolean;
  employers: boolean;
}

export async function onboardingProgress(db: DbOrTx, institutionId: string): Promise<OnboardingProgress> {
  const row = await sql<{ info: boolean; lecturers: boolean; venues: boolean; employers: boolean }>`
    select
      exists (select 1 from institution_info where institution_id = ${institutionId}) as info,
      exists (select 1 from lecturers where institution_id = ${institutionId}) as lecturers,
      exists (select 1 from venues where institution_id = ${institutionId}) as venues,
      exists (select 1 from employers where institution_id = ${institutionId}) as employers`.execute(db);
  const r = row.rows[0]!;
  return { institutionInfo: r.info, lecturers: r.lecturers, venues: r.venues, employers: r.employers };
}
