// The navigation a user must see, written out from the access matrix (REQUIREMENTS.md §6, APP-15,
// APP-17) so that a wrong product constant fails the tests that compare menus with it.

/** An administrator's applications: all 13, in the manual's order. */
export const ADMINISTRATOR_MENU = [
  'Institucijos naudotojai',
  'Institucijos informacija',
  'Lektorių sąrašas',
  'Mokymo vietos',
  'Darbdavio atstovai',
  'Licencijuotų mokymo programų sąrašas',
  'Institucijos mokymosi programos',
  'Institucijos KPMPC protokolai',
  'Sąskaitos faktūros',
  'Ataskaita. Tvarkaraščių informacija',
  'Ataskaita. Dalyvių informacija',
  'Institucijos sutartys',
  'Dokumentų pateikimas užimtumo tarnybai',
] as const;
