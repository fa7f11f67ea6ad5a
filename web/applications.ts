// Where each application of §3 is served (null: not built yet) and what it is for (APP-2..APP-14).
import { Application } from '../workflows/domain/access.ts';

export const APPLICATION_PATHS: Record<Application, string | null> = {
  [Application.Users]: '/naudotojai',
  [Application.InstitutionInfo]: '/institucija',
  [Application.Lecturers]: '/lektoriai',
  [Application.Venues]: '/mokymo-vietos',
  [Application.Employers]: '/darbdaviai',
  [Application.LicensedProgrammes]: '/licencijuotos-programos',
  [Application.Programmes]: '/programos',
  [Application.MonitoringProtocols]: '/kpmpc-protokolai',
  [Application.Invoices]: '/saskaitos-fakturos',
  [Application.TimetableReport]: '/ataskaitos/tvarkarasciai',
  [Application.ParticipantReport]: '/ataskaitos/dalyviai',
  [Application.Contracts]: '/sutartys',
  [Application.EmploymentServiceDocuments]: '/uzt-dokumentai',
};

export const APPLICATION_DESCRIPTIONS: Record<Application, string> = {
  [Application.Users]: 'Institucijos naudotojų kūrimas ir jų teisių suteikimas / keitimas.',
  [Application.InstitutionInfo]: 'Mokymo institucijos informacijos peržiūra ir pateikimas.',
  [Application.Lecturers]: 'Institucijos lektorių sąrašo peržiūra, keitimas ir naujų lektorių įtraukimas.',
  [Application.Venues]: 'Naujų mokymo vietų įtraukimas ir institucijos mokymo vietų sąrašo keitimas.',
  [Application.Employers]: 'Naujo darbdavio atstovo įtraukimas ir darbdavio informacijos redagavimas.',
  [Application.LicensedProgrammes]: 'Licencijuotų mokymo programų ir modulių įtraukimas ir sustabdymas.',
  [Application.Programmes]: 'Darbas su institucijos mokymosi programomis ir mokymo grupėmis.',
  [Application.MonitoringProtocols]: 'Vykdytos mokymų stebėsenos protokolų peržiūra.',
  [Application.Invoices]: 'Mokymo grupės sąskaitos faktūros pateikimas.',
  [Application.TimetableReport]: 'Grupės, kuriose fiksuojami neatitikimai tvarkaraščiams keliamiems reikalavimams.',
  [Application.ParticipantReport]: 'Dalyvių informacijos stebėjimas ir analizė įvairiais pjūviais.',
  [Application.Contracts]: 'Mokymosi sutarčių pasirašymas ir nutraukimas.',
  [Application.EmploymentServiceDocuments]: 'Užimtumo tarnybos klientų sąrašas ir atsiskaitomųjų dokumentų siuntimas.',
};
