// The people of the demo seed: the institutions' heads, users and staff members, with valid
// Lithuanian personal codes. The VIISP simulator (test/sim/viisp/people.ts) lists them among its
// test people, so each of them can log in to the seeded data; only hashes are stored.
export const DEMO_PEOPLE = {
  /** Head (vadovas) of "Demo mokymo centras" (300000001). */
  demoHead: { personalCode: '37003150127', givenName: 'Vytautas', familyName: 'Kairys', residence: 'citizen' },
  /** Administrator of "Demo mokymo centras". */
  ruta: { personalCode: '48504120238', givenName: 'Rūta', familyName: 'Jonaitienė', residence: 'citizen' },
  /** Employee of "Demo mokymo centras". */
  tomas: { personalCode: '39007220343', givenName: 'Tomas', familyName: 'Petraitis', residence: 'citizen' },
  /** Administrator of "Kito teikėjo mokykla", and its head (300000002). */
  asta: { personalCode: '47811050456', givenName: 'Asta', familyName: 'Kazlauskienė', residence: 'citizen' },
  /** A plain person employed by both institutions (membership is in our database). */
  laura: { personalCode: '49205170902', givenName: 'Laura', familyName: 'Vaitkutė', residence: 'citizen' },
  /** The funder's document reviewer (VERTINTOJAS, DOC-13): logs in at /vertinimas/prisijungti. */
  vaida: { personalCode: '48003040716', givenName: 'Vaida', familyName: 'Petrauskaitė', residence: 'citizen' },
  /** The Employment Service's officer (UZT, UZT-12): logs in at /uzt/prisijungti. */
  renata: { personalCode: '48204150315', givenName: 'Renata', familyName: 'Žukauskienė', residence: 'citizen' },
  /** A KPMPC observer (STEBETOJAS, MON-2): logs in at /stebesena/prisijungti. */
  kristina: { personalCode: '48110021071', givenName: 'Kristina', familyName: 'Stebulienė', residence: 'citizen' },
  /** KURSUOK portal test person (README); also a participant of the demo group already in delivery (scripts/seed-demo-delivery.ts). */
  egle: { personalCode: '49103120615', givenName: 'Eglė', familyName: 'Paulauskienė', residence: 'citizen' },
  /** Participants of the demo group already in delivery, with Eglė. */
  jurate: { personalCode: '48904150935', givenName: 'Jūratė', familyName: 'Kavaliauskienė', residence: 'citizen' },
  paulius: { personalCode: '38607090940', givenName: 'Paulius', familyName: 'Grigas', residence: 'citizen' },
  /** The funder's invoice evaluator (SF_VERTINTOJAS, INV-17, issue 14): logs in at /saskaitu-vertinimas/prisijungti. */
  gintare: { personalCode: '47905120416', givenName: 'Gintarė', familyName: 'Vaičiulienė', residence: 'citizen' },
} as const;
