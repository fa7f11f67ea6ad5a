// Demo data for `npm start` (issue 15): "Ataskaita. Tvarkaraščių informacija" has something to show.
// The demo group still "Kuriama" (SR-2027-01, half of its contact hours planned: "Suplanuotos
// kontaktinio darbo valandos nesutampa…") gets one more session, on the first Friday of its delivery
// period, 09:00–16:00 (420 min = 9,33 akad. val., over the default 8 a day), taught by a lecturer whose
// "Aktyvus lektorius" was unticked after he was scheduled — so its row shows three rules broken.
// Written straight into Postgres like the rest of the timetables; idempotent (a session that exists
// is left as it is), and a no-op when the group is not there.
import type { Db } from '../db/client.ts';
import { DEMO } from '../db/seed/demo.ts';
import { addDays } from '../workflows/domain/calendar.ts';
import { SessionMode } from '../workflows/domain/schedule.ts';

export const DEMO_REPORT_GROUP_ID = '4fa15e42-9d70-4152-8e99-000000000001';
export const DEMO_INACTIVE_LECTURER_ID = '5b1a6e53-ae81-4263-9faa-000000000003';
export const DEMO_REPORT_SESSION_ID = '7d3c9a10-15e1-4c2b-9b1a-000000000001';

/** Returns true when it added the session. */
export async function seedTimetableReportDemo(db: Db): Promise<boolean> {
  const group = await db
    .selectFrom('training_groups')
    .select(['programme_start', 'programme_end'])
    .where('id', '=', DEMO_REPORT_GROUP_ID)
    .where('institution_id', '=', DEMO.institution.id)
    .executeTakeFirst();
  if (!group) return false;
  if (await db.selectFrom('group_sessions').select('id').where('id', '=', DEMO_REPORT_SESSION_ID).executeTakeFirst()) return false;
  let friday = group.programme_start;
  while (new Date(`${friday}T12:00:00Z`).getUTCDay() !== 5) friday = addDays(friday, 1);
  if (friday > group.programme_end) return false;
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('lecturers')
      .values({
        id: DEMO_INACTIVE_LECTURER_ID,
        institution_id: DEMO.institution.id,
        first_name: 'Tomas',
        last_name: 'Vaitkus',
        email: 'tomas.vaitkus@demo-centras.lt',
        phone: '+37060066666',
        description: 'Išvyko stažuotis: „Aktyvus lektorius“ nuimtas, kai jau buvo įrašytas į tvarkaraštį.',
        active: false,
        requirements: ['KVALIFIKACIJA'],
        publish_consent: false,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await tx
      .insertInto('group_sessions')
      .values({
        id: DEMO_REPORT_SESSION_ID,
        institution_id: DEMO.institution.id,
        group_id: DEMO_REPORT_GROUP_ID,
        session_date: friday,
        start_time: '09:00',
        duration_minutes: 420,
        mode: SessionMode.Contact,
        link: null,
        venue_id: DEMO.venues.vilnius.id,
        auditorium: '204',
        lecturer_id: DEMO_INACTIVE_LECTURER_ID,
        additional_info: 'Praktinis užsiėmimas (visa diena).',
      })
      .execute();
  });
  return true;
}
