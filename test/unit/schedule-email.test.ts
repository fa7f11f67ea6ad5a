// N18 (SCHED-27): the e-mail the registered participants get when a published group's timetable
// changes, composed from the facts db/queries/schedule.ts reads (web passes the composer to it).
import { describe, expect, it } from 'vitest';
import { scheduleChangedEmail, type ScheduleMailSession } from '../../workflows/domain/emails.ts';

const session = (over: Partial<ScheduleMailSession> = {}): ScheduleMailSession => ({
  date: '2027-03-02',
  startTime: '18:00',
  durationMinutes: 90,
  mode: 'KONTAKTINIS',
  link: null,
  venueName: 'Vilniaus mokymo centras',
  venueAddress: 'Gedimino pr. 1, Vilnius',
  auditorium: '204',
  lecturerName: 'Lina Petrauskienė',
  ...over,
});

const facts = {
  firstName: 'Eglė',
  groupName: 'SR-2027-01',
  programmeName: 'Skaitmeninis raštingumas',
  institutionName: 'Demo mokymo centras',
};

describe('scheduleChangedEmail (N18)', () => {
  it('names the group in the subject and greets the participant', () => {
    const mail = scheduleChangedEmail({ ...facts, changes: [{ before: null, after: session() }] });
    expect(mail.subject).toBe('Pasikeitė mokymo grupės „SR-2027-01“ tvarkaraštis');
    expect(mail.text).toMatch(
      /^Sveiki, Eglė,\n\nmokymo institucija „Demo mokymo centras“ pakeitė mokymosi programos „Skaitmeninis raštingumas“ grupės „SR-2027-01“/,
    );
  });

  it('describes a new, a changed and a cancelled session, in time order, with place and lecturer', () => {
    const mail = scheduleChangedEmail({
      ...facts,
      changes: [
        { before: session({ date: '2027-03-09' }), after: null },
        { before: session({ date: '2027-03-04' }), after: session({ date: '2027-03-05', startTime: '09:00', auditorium: null }) },
        { before: null, after: session({ mode: 'NUOTOLINIS_SINCHRONINIS', link: 'https://susitikimai.example/1', date: '2027-03-02' }) },
      ],
    });
    const lines = mail.text.split('\n').filter((l) => l.startsWith('– '));
    expect(lines).toEqual([
      '– Naujas užsiėmimas: 2027-03-02 18:00–19:30 (Nuotolinis sinchroninis; nuoroda https://susitikimai.example/1; lektorius Lina Petrauskienė).',
      '– Pakeistas užsiėmimas: buvo 2027-03-04 18:00–19:30 (Kontaktinis; Vilniaus mokymo centras, Gedimino pr. 1, Vilnius, aud. 204; lektorius Lina Petrauskienė), ' +
        'dabar 2027-03-05 09:00–10:30 (Kontaktinis; Vilniaus mokymo centras, Gedimino pr. 1, Vilnius; lektorius Lina Petrauskienė).',
      '– Atšauktas užsiėmimas: 2027-03-09 18:00–19:30 (Kontaktinis; Vilniaus mokymo centras, Gedimino pr. 1, Vilnius, aud. 204; lektorius Lina Petrauskienė).',
    ]);
  });
});
