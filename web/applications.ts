// The 13 applications of manual §3 (APP-2..APP-14), in the manual's order, with their exact names.
// `path` is set for the applications this system serves so far.
export interface Application {
  name: string;
  description: string;
  path: string | null;
}

export const APPLICATIONS: readonly Application[] = [
  { name: 'Institucijos naudotojai', description: 'Institucijos naudotojų kūrimas ir jų teisių suteikimas / keitimas.', path: null },
  { name: 'Institucijos informacija', description: 'Mokymo institucijos informacijos peržiūra ir pateikimas.', path: null },
  { name: 'Lektorių sąrašas', description: 'Institucijos lektorių sąrašo peržiūra, keitimas ir naujų lektorių įtraukimas.', path: null },
  { name: 'Mokymo vietos', description: 'Naujų mokymo vietų įtraukimas ir institucijos mokymo vietų sąrašo keitimas.', path: null },
  { name: 'Darbdavio atstovai', description: 'Naujo darbdavio atstovo įtraukimas ir darbdavio informacijos redagavimas.', path: null },
  { name: 'Licencijuotų mokymo programų sąrašas', description: 'Licencijuotų mokymo programų ir modulių įtraukimas ir sustabdymas.', path: null },
  { name: 'Institucijos mokymosi programos', description: 'Darbas su institucijos mokymosi programomis ir mokymo grupėmis.', path: '/programos' },
  { name: 'Institucijos KPMPC protokolai', description: 'Vykdytos mokymų stebėsenos protokolų peržiūra.', path: null },
  { name: 'Sąskaitos faktūros', description: 'Mokymo grupės sąskaitos faktūros pateikimas.', path: null },
  { name: 'Ataskaita. Tvarkaraščių informacija', description: 'Grupės, kuriose fiksuojami neatitikimai tvarkaraščiams keliamiems reikalavimams.', path: null },
  { name: 'Ataskaita. Dalyvių informacija', description: 'Dalyvių informacijos stebėjimas ir analizė įvairiais pjūviais.', path: null },
  { name: 'Institucijos sutartys', description: 'Mokymosi sutarčių pasirašymas ir nutraukimas.', path: null },
  { name: 'Dokumentų pateikimas užimtumo tarnybai', description: 'Užimtumo tarnybos klientų sąrašas ir atsiskaitomųjų dokumentų siuntimas.', path: null },
];
