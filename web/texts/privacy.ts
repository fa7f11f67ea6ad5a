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
