// The confidentiality pledge shown before connecting (AUTH-5, OQ-11: its text is configurable by
// replacing this module; the version recorded with each consent comes from the configuration).
export const PLEDGE_TITLE =
  'Bendrojo priėmimo į Lietuvos aukštąsias mokyklas informacinės sistemos (BPIS) naudotojo pasižadėjimas saugoti asmens duomenų paslaptį';

export const PLEDGE_PARAGRAPHS = [
  'Aš, IMP IS naudotojas, pasižadu saugoti asmens duomenų paslaptį: tvarkyti asmens duomenis tik vykdydamas savo funkcijas, jų neatskleisti, neperduoti ir nesudaryti sąlygų jais pasinaudoti asmenims, neturintiems teisės jų gauti.',
  'Pasižadu laikytis šio įsipareigojimo ir pasibaigus darbo ar kitiems santykiams su mokymo institucija, o apie pastebėtus asmens duomenų saugumo pažeidimus nedelsdamas pranešti.',
  'Esu informuotas, kad pažeidęs šį pasižadėjimą atsakysiu teisės aktų nustatyta tvarka.',
];

export const CONSENT_LABEL = 'Sutinku su privatumo politika';

/** The privacy policy the consent refers to (its version comes from the configuration). */
export const POLICY_TITLE = 'IMP IS privatumo politika';
export const POLICY_PARAGRAPHS = [
  'IMP IS (Individualių mokymosi paskyrų informacinė sistema) tvarko mokymo paslaugų teikėjų naudotojų asmens duomenis: vardą, pavardę, el. pašto adresą, telefoną, pareigas ir asmens kodo kontrolinę reikšmę (pats asmens kodas nesaugomas).',
  'Duomenys tvarkomi tik mokymo paslaugų teikimui, mokymosi sutarčių sudarymui ir vykdymui bei atsiskaitymui administruoti; jų tvarkymo teisinis pagrindas yra teisės aktų nustatytos užduotys.',
  'Tapatybė nustatoma per Valstybės informacinių išteklių sąveikumo platformą (VIISP). Kiekvienas naudotojo veiksmas IMP IS registruojamas audito žurnale.',
  'Jūs turite teisę susipažinti su savo duomenimis, prašyti juos ištaisyti ar ištrinti, kiek tai neprieštarauja teisės aktams. Dėl duomenų tvarkymo kreipkitės į IMP IS valdytoją.',
];
