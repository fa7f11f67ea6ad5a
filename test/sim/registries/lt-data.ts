// Lithuanian vocabulary of the registry simulator's generated fixtures: names, places, fields,
// programmes, modules, schools. Everything here is fictional but shaped like the real registries.

export const MALE_NAMES = [
  'Jonas',
  'Petras',
  'Antanas',
  'Tomas',
  'Mindaugas',
  'Darius',
  'Andrius',
  'Vytautas',
  'Rimantas',
  'Giedrius',
  'Laurynas',
  'Mantas',
  'Paulius',
  'Marius',
  'Lukas',
  'Matas',
  'Dovydas',
  'Kęstutis',
  'Arūnas',
  'Saulius',
  'Algirdas',
  'Povilas',
  'Justinas',
  'Eimantas',
  'Žygimantas',
  'Rokas',
  'Domantas',
  'Gintaras',
  'Audrius',
  'Evaldas',
  'Edvinas',
  'Nerijus',
  'Tadas',
  'Vaidas',
  'Aurimas',
  'Ignas',
  'Kajus',
  'Jokūbas',
  'Simonas',
  'Rolandas',
] as const;

export const FEMALE_NAMES = [
  'Ona',
  'Rūta',
  'Asta',
  'Laura',
  'Ieva',
  'Jurgita',
  'Rasa',
  'Inga',
  'Kristina',
  'Aistė',
  'Eglė',
  'Gintarė',
  'Vaida',
  'Indrė',
  'Simona',
  'Greta',
  'Gabija',
  'Austėja',
  'Emilija',
  'Milda',
  'Dalia',
  'Birutė',
  'Aldona',
  'Irena',
  'Jolanta',
  'Lina',
  'Neringa',
  'Agnė',
  'Ugnė',
  'Rugilė',
  'Justina',
  'Vilma',
  'Daiva',
  'Loreta',
  'Sandra',
  'Giedrė',
  'Živilė',
  'Viktorija',
  'Monika',
  'Karolina',
] as const;

/** Surnames in their masculine form; feminine forms are derived (feminineSurname). */
export const SURNAMES = [
  'Kazlauskas',
  'Jankauskas',
  'Petrauskas',
  'Stankevičius',
  'Vasiliauskas',
  'Žukauskas',
  'Butkus',
  'Paulauskas',
  'Urbonas',
  'Kavaliauskas',
  'Baranauskas',
  'Pocius',
  'Navickas',
  'Sakalauskas',
  'Ramanauskas',
  'Rimkus',
  'Mockus',
  'Kairys',
  'Petraitis',
  'Jonaitis',
  'Vaitkus',
  'Balčiūnas',
  'Adomaitis',
  'Šimkus',
  'Grigas',
  'Lukošius',
  'Mikalauskas',
  'Kvedaras',
  'Bernotas',
  'Vaičiulis',
  'Žilinskas',
  'Tamošiūnas',
  'Juška',
  'Norkus',
  'Rutkauskas',
  'Liutkus',
  'Mačiulis',
  'Daukantas',
  'Valančius',
  'Gudaitis',
  'Katilius',
  'Dambrauskas',
  'Bartkus',
  'Griškevičius',
  'Kriaučiūnas',
  'Marcinkevičius',
  'Venckus',
  'Zabiela',
  'Jurkšaitis',
  'Ambrazevičius',
] as const;

/** The feminine form of a masculine surname: married (-ienė) or maiden (-aitė, -ytė, -utė, -iūtė). */
export function feminineSurname(male: string, married: boolean): string {
  const rules: [RegExp, string, string][] = [
    [/ius$/, 'ienė', 'iūtė'],
    [/us$/, 'uvienė', 'utė'],
    [/ys$/, 'ienė', 'ytė'],
    [/is$/, 'ienė', 'ytė'],
    [/as$/, 'ienė', 'aitė'],
    [/a$/, 'ienė', 'aitė'],
  ];
  for (const [ending, wife, daughter] of rules) if (ending.test(male)) return male.replace(ending, married ? wife : daughter);
  return male;
}

/** Lithuanian letters to ASCII, for e-mail addresses and domains. */
export function ascii(value: string): string {
  return value.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

export interface City {
  name: string;
  genitive: string;
  en: string;
  municipality: string;
  /** First two digits of the city's postcodes. */
  post: readonly string[];
  /** Trunk code of landline numbers (+370 <area> …). */
  area: string;
  weight: number;
}

export const CITIES: readonly City[] = [
  {
    name: 'Vilnius',
    genitive: 'Vilniaus',
    en: 'Vilnius',
    municipality: 'Vilniaus m. sav.',
    post: ['01', '03', '04', '06', '08', '09', '10', '12'],
    area: '5',
    weight: 9,
  },
  {
    name: 'Kaunas',
    genitive: 'Kauno',
    en: 'Kaunas',
    municipality: 'Kauno m. sav.',
    post: ['44', '45', '46', '47', '48', '49', '50', '51'],
    area: '37',
    weight: 6,
  },
  {
    name: 'Klaipėda',
    genitive: 'Klaipėdos',
    en: 'Klaipėda',
    municipality: 'Klaipėdos m. sav.',
    post: ['91', '92', '93', '94'],
    area: '46',
    weight: 4,
  },
  {
    name: 'Šiauliai',
    genitive: 'Šiaulių',
    en: 'Šiauliai',
    municipality: 'Šiaulių m. sav.',
    post: ['76', '77', '78'],
    area: '41',
    weight: 3,
  },
  {
    name: 'Panevėžys',
    genitive: 'Panevėžio',
    en: 'Panevėžys',
    municipality: 'Panevėžio m. sav.',
    post: ['35', '36', '37'],
    area: '45',
    weight: 3,
  },
  { name: 'Alytus', genitive: 'Alytaus', en: 'Alytus', municipality: 'Alytaus m. sav.', post: ['62', '63'], area: '315', weight: 2 },
  {
    name: 'Marijampolė',
    genitive: 'Marijampolės',
    en: 'Marijampolė',
    municipality: 'Marijampolės sav.',
    post: ['68'],
    area: '343',
    weight: 2,
  },
  { name: 'Utena', genitive: 'Utenos', en: 'Utena', municipality: 'Utenos r. sav.', post: ['28'], area: '389', weight: 1 },
  { name: 'Telšiai', genitive: 'Telšių', en: 'Telšiai', municipality: 'Telšių r. sav.', post: ['87'], area: '444', weight: 1 },
  { name: 'Tauragė', genitive: 'Tauragės', en: 'Tauragė', municipality: 'Tauragės r. sav.', post: ['72'], area: '446', weight: 1 },
  { name: 'Mažeikiai', genitive: 'Mažeikių', en: 'Mažeikiai', municipality: 'Mažeikių r. sav.', post: ['89'], area: '443', weight: 1 },
  { name: 'Jonava', genitive: 'Jonavos', en: 'Jonava', municipality: 'Jonavos r. sav.', post: ['55'], area: '349', weight: 1 },
  { name: 'Kėdainiai', genitive: 'Kėdainių', en: 'Kėdainiai', municipality: 'Kėdainių r. sav.', post: ['57'], area: '347', weight: 1 },
  { name: 'Ukmergė', genitive: 'Ukmergės', en: 'Ukmergė', municipality: 'Ukmergės r. sav.', post: ['20'], area: '340', weight: 1 },
  { name: 'Visaginas', genitive: 'Visagino', en: 'Visaginas', municipality: 'Visagino sav.', post: ['31'], area: '386', weight: 1 },
  {
    name: 'Druskininkai',
    genitive: 'Druskininkų',
    en: 'Druskininkai',
    municipality: 'Druskininkų sav.',
    post: ['66'],
    area: '313',
    weight: 1,
  },
  { name: 'Plungė', genitive: 'Plungės', en: 'Plungė', municipality: 'Plungės r. sav.', post: ['90'], area: '448', weight: 1 },
  { name: 'Rokiškis', genitive: 'Rokiškio', en: 'Rokiškis', municipality: 'Rokiškio r. sav.', post: ['42'], area: '458', weight: 1 },
];

export const STREETS = [
  'Gedimino pr.',
  'Vilniaus g.',
  'Laisvės al.',
  'Taikos pr.',
  'Savanorių pr.',
  'Kęstučio g.',
  'Vytauto g.',
  'Maironio g.',
  'J. Basanavičiaus g.',
  'Dariaus ir Girėno g.',
  'Pramonės g.',
  'Mokyklos g.',
  'Liepų g.',
  'Žalgirio g.',
  'Parko g.',
  'Sodų g.',
  'Ateities g.',
  'Technikos g.',
  'Aušros g.',
  'Respublikos g.',
  'S. Daukanto g.',
  'Kauno g.',
  'Birutės g.',
  'Statybininkų g.',
  'Draugystės g.',
  'Naujoji g.',
  'Stoties g.',
  'Šilo g.',
  'Žemaitės g.',
  'K. Donelaičio g.',
] as const;

/** Fields of an institution's name: genitive as in "… technologijų mokymo centras", and English. */
export const INSTITUTION_FIELDS: readonly (readonly [string, string])[] = [
  ['technologijų', 'Technology'],
  ['verslo', 'Business'],
  ['kalbų', 'Language'],
  ['statybos', 'Construction'],
  ['informatikos', 'Informatics'],
  ['paslaugų', 'Services'],
  ['turizmo', 'Tourism'],
  ['sveikatos', 'Health'],
  ['transporto', 'Transport'],
  ['energetikos', 'Energy'],
  ['kompetencijų', 'Competence'],
  ['suaugusiųjų švietimo', 'Adult Education'],
  ['profesinio tobulėjimo', 'Professional Development'],
  ['skaitmeninių įgūdžių', 'Digital Skills'],
  ['vadybos', 'Management'],
];

interface InstitutionType {
  lt: string;
  en: string;
  legalForm: string;
  /** Whether the name carries a field ("Kauno verslo akademija") or not ("Kauno profesinio rengimo centras"). */
  withField: boolean;
  /** Vocational schools hold licences for SMPKR programmes. */
  vocational: boolean;
}

export const INSTITUTION_TYPES: readonly InstitutionType[] = [
  { lt: 'mokymo centras', en: 'Training Centre', legalForm: 'Viešoji įstaiga', withField: true, vocational: true },
  { lt: 'akademija', en: 'Academy', legalForm: 'Viešoji įstaiga', withField: true, vocational: false },
  { lt: 'mokykla', en: 'School', legalForm: 'Uždaroji akcinė bendrovė', withField: true, vocational: false },
  { lt: 'institutas', en: 'Institute', legalForm: 'Viešoji įstaiga', withField: true, vocational: false },
  {
    lt: 'profesinio rengimo centras',
    en: 'Vocational Training Centre',
    legalForm: 'Biudžetinė įstaiga',
    withField: false,
    vocational: true,
  },
  {
    lt: 'technologijų ir verslo mokykla',
    en: 'School of Technology and Business',
    legalForm: 'Biudžetinė įstaiga',
    withField: false,
    vocational: true,
  },
];

/** Institutions known by a brand rather than a place: [Lithuanian name, English name]. */
export const BRAND_INSTITUTIONS: readonly (readonly [string, string])[] = [
  ['Mokymo centras „Žinių versmė“', 'Training Centre "Žinių versmė"'],
  ['Kompetencijų namai', 'House of Competences'],
  ['Baltijos mokymų centras', 'Baltic Training Centre'],
  ['Šviesos akademija', 'Academy of Light'],
  ['Mokymų centras „Ąžuolas“', 'Training Centre "Ąžuolas"'],
  ['Nemuno kalbų mokykla', 'Nemunas Language School'],
  ['Aukštaitijos suaugusiųjų mokymo centras', 'Aukštaitija Adult Training Centre'],
  ['Žemaitijos profesinio tobulėjimo institutas', 'Samogitia Institute of Professional Development'],
];

interface NsprTopic {
  name: string;
  field: string;
  /** A language course is taught in its language and in Lithuanian. */
  language?: string;
}

const topics = (field: string, names: readonly string[], language?: (name: string) => string | undefined): NsprTopic[] =>
  names.map((name) => {
    const lang = language?.(name);
    return lang ? { name, field, language: lang } : { name, field };
  });

export const NSPR_TOPICS: readonly NsprTopic[] = [
  ...topics('Informacinės ir komunikacinės technologijos', [
    'Skaitmeninis raštingumas pradedantiesiems',
    'Kompiuterinio raštingumo pagrindai',
    'Microsoft Excel pažengusiems',
    'Duomenų analizė su Python',
    'Programavimo pagrindai (JavaScript)',
    'Kibernetinė sauga kasdienai',
    'Dirbtinio intelekto įrankiai darbe',
    'Svetainių kūrimas su WordPress',
    'Grafinis dizainas su Canva ir Figma',
    'Nuotolinio darbo įrankiai',
  ]),
  ...topics(
    'Kalbos',
    [
      'Verslo anglų kalba (B1)',
      'Anglų kalba pradedantiesiems (A1)',
      'Vokiečių kalba (A2)',
      'Lietuvių kalba užsieniečiams (A1)',
      'Lietuvių kalba užsieniečiams (A2)',
      'Ispanų kalba (A1)',
      'Prancūzų kalba (A1)',
      'Norvegų kalba (A1)',
      'Švedų kalba (A1)',
      'Profesinė anglų kalba IT specialistams (B2)',
    ],
    (name) =>
      ({
        Verslo: 'anglų',
        Anglų: 'anglų',
        Vokiečių: 'vokiečių',
        Lietuvių: 'lietuvių',
        Ispanų: 'ispanų',
        Prancūzų: 'prancūzų',
        Norvegų: 'norvegų',
        Švedų: 'švedų',
        Profesinė: 'anglų',
      })[name.split(' ')[0] as string],
  ),
  ...topics('Verslas ir vadyba', [
    'Projektų valdymo pagrindai',
    'Verslo planavimas pradedantiesiems',
    'Asmeninių finansų valdymas',
    'Socialinių tinklų rinkodara',
    'Pardavimų ir derybų meistriškumas',
    'Komandos vadovavimas',
    'Laiko planavimas ir produktyvumas',
    'Buhalterinės apskaitos pagrindai smulkiajam verslui',
    'Elektroninė prekyba',
    'Klientų aptarnavimo kokybė',
  ]),
  ...topics('Asmeninis ir profesinis tobulėjimas', [
    'Viešasis kalbėjimas',
    'Emocinis intelektas darbe',
    'Streso valdymas',
    'Kūrybinis mąstymas',
    'Konfliktų sprendimas',
    'Karjeros planavimas',
  ]),
  ...topics('Sveikata ir sauga', [
    'Pirmoji pagalba darbo vietoje',
    'Darbuotojų sauga ir sveikata',
    'Sveika mityba ir gyvensena',
    'Ergonomika biure',
  ]),
  ...topics('Menai ir amatai', ['Fotografijos pagrindai', 'Keramikos pradmenys', 'Floristika pradedantiesiems', 'Vaizdo montažas']),
  ...topics('Pedagogika ir andragogika', [
    'Suaugusiųjų mokymo metodai',
    'Mentorystė darbo vietoje',
    'Skaitmeninės mokymo priemonės pedagogams',
  ]),
  ...topics('Aplinka ir energetika', ['Žalioji ekonomika ir tvarumas', 'Atsinaujinančios energijos pagrindai']),
];

export const TARGET_GROUPS = [
  'Dirbantys suaugusieji',
  'Vyresni nei 25 metų suaugusieji',
  'Smulkaus ir vidutinio verslo darbuotojai',
  'Viešojo sektoriaus darbuotojai',
  'Užsieniečiai, gyvenantys Lietuvoje',
  'Pedagogai ir andragogai',
  'Asmenys, norintys keisti profesiją',
] as const;

export interface Qualification {
  /** Nominative, e.g. "Apskaitininkas". */
  name: string;
  /** Genitive, for "<…> modulinė profesinio mokymo programa". */
  genitive: string;
  field: string;
  /** Three digits of the field in codes. */
  fieldCode: string;
  level: number;
  /** The competence modules of the qualification (kvalifikaciją sudarančių kompetencijų moduliai). */
  modules: readonly string[];
}

export const QUALIFICATIONS: readonly Qualification[] = [
  {
    name: 'Apskaitininkas',
    genitive: 'Apskaitininko',
    field: 'Verslas ir administravimas',
    fieldCode: '304',
    level: 4,
    modules: ['Apskaitos pagrindai', 'Ūkinių operacijų registravimas', 'Darbo užmokesčio apskaita', 'Finansinių ataskaitų rengimas'],
  },
  {
    name: 'Sandėlio operatorius',
    genitive: 'Sandėlio operatoriaus',
    field: 'Verslas ir administravimas',
    fieldCode: '304',
    level: 3,
    modules: ['Krovinių priėmimas ir išdavimas', 'Sandėlio apskaitos programos', 'Krautuvo vairavimas'],
  },
  {
    name: 'Logistikos operatorius',
    genitive: 'Logistikos operatoriaus',
    field: 'Transporto paslaugos',
    fieldCode: '104',
    level: 4,
    modules: ['Krovinių vežimo organizavimas', 'Muitinės procedūros', 'Logistikos dokumentų tvarkymas'],
  },
  {
    name: 'Pardavėjas',
    genitive: 'Pardavėjo',
    field: 'Verslas ir administravimas',
    fieldCode: '304',
    level: 3,
    modules: ['Prekių priėmimas ir išdėstymas', 'Klientų aptarnavimas prekyboje', 'Kasos aparato valdymas'],
  },
  {
    name: 'Virėjas',
    genitive: 'Virėjo',
    field: 'Paslaugos asmenims',
    fieldCode: '101',
    level: 4,
    modules: ['Šaltųjų patiekalų gaminimas', 'Karštųjų patiekalų gaminimas', 'Konditerijos gaminių gaminimas', 'Maisto higiena ir sauga'],
  },
  {
    name: 'Padavėjas ir barmenas',
    genitive: 'Padavėjo ir barmeno',
    field: 'Paslaugos asmenims',
    fieldCode: '101',
    level: 4,
    modules: ['Svečių aptarnavimas restorane', 'Gėrimų ruošimas', 'Renginių aptarnavimas'],
  },
  {
    name: 'Konditeris',
    genitive: 'Konditerio',
    field: 'Gamyba ir perdirbimas',
    fieldCode: '072',
    level: 4,
    modules: ['Tešlos gaminių gaminimas', 'Tortų ir pyragaičių puošimas', 'Šokolado gaminių gamyba'],
  },
  {
    name: 'Kirpėjas',
    genitive: 'Kirpėjo',
    field: 'Paslaugos asmenims',
    fieldCode: '101',
    level: 4,
    modules: ['Plaukų kirpimas', 'Plaukų dažymas', 'Šukuosenų modeliavimas'],
  },
  {
    name: 'Kosmetikas',
    genitive: 'Kosmetiko',
    field: 'Paslaugos asmenims',
    fieldCode: '101',
    level: 4,
    modules: ['Veido odos priežiūra', 'Manikiūras ir pedikiūras', 'Makiažas'],
  },
  {
    name: 'Masažuotojas',
    genitive: 'Masažuotojo',
    field: 'Sveikatos priežiūra',
    fieldCode: '091',
    level: 4,
    modules: ['Klasikinis masažas', 'Sportinis masažas', 'Anatomijos ir fiziologijos pagrindai'],
  },
  {
    name: 'Slaugytojo padėjėjas',
    genitive: 'Slaugytojo padėjėjo',
    field: 'Sveikatos priežiūra',
    fieldCode: '091',
    level: 4,
    modules: ['Paciento higienos priežiūra', 'Pagalba slaugant ligonius', 'Infekcijų kontrolė'],
  },
  {
    name: 'Socialinio darbuotojo padėjėjas',
    genitive: 'Socialinio darbuotojo padėjėjo',
    field: 'Socialinė gerovė',
    fieldCode: '092',
    level: 4,
    modules: ['Pagalba senyvo amžiaus asmenims', 'Pagalba neįgaliesiems', 'Bendravimas su klientu'],
  },
  {
    name: 'Elektrikas',
    genitive: 'Elektriko',
    field: 'Inžinerija ir inžinerinės profesijos',
    fieldCode: '071',
    level: 4,
    modules: ['Elektros instaliacijos įrengimas', 'Elektros įrenginių eksploatavimas', 'Apšvietimo sistemų montavimas', 'Elektrosauga'],
  },
  {
    name: 'Suvirintojas',
    genitive: 'Suvirintojo',
    field: 'Inžinerija ir inžinerinės profesijos',
    fieldCode: '071',
    level: 3,
    modules: ['Plieno jungčių suvirinimas lankiniu būdu', 'Suvirinimas MIG/MAG būdu', 'Suvirinimas TIG būdu', 'Dujinis pjovimas'],
  },
  {
    name: 'Automobilių mechanikas',
    genitive: 'Automobilių mechaniko',
    field: 'Inžinerija ir inžinerinės profesijos',
    fieldCode: '071',
    level: 4,
    modules: ['Variklių techninė priežiūra', 'Važiuoklės remontas', 'Automobilių elektros įrenginių diagnostika'],
  },
  {
    name: 'Šaltkalvis',
    genitive: 'Šaltkalvio',
    field: 'Inžinerija ir inžinerinės profesijos',
    fieldCode: '071',
    level: 3,
    modules: ['Metalo apdirbimas rankiniais įrankiais', 'Mechanizmų surinkimas', 'Techninių brėžinių skaitymas'],
  },
  {
    name: 'CNC staklių operatorius',
    genitive: 'CNC staklių operatoriaus',
    field: 'Inžinerija ir inžinerinės profesijos',
    fieldCode: '071',
    level: 4,
    modules: ['CNC tekinimas', 'CNC frezavimas', 'CNC programų rengimas'],
  },
  {
    name: 'Mechatronikas',
    genitive: 'Mechatroniko',
    field: 'Inžinerija ir inžinerinės profesijos',
    fieldCode: '071',
    level: 4,
    modules: ['Pneumatinių sistemų montavimas', 'Programuojamųjų valdiklių programavimas', 'Robotų techninė priežiūra'],
  },
  {
    name: 'Apdailininkas (statybininkas)',
    genitive: 'Apdailininko (statybininko)',
    field: 'Architektūra ir statyba',
    fieldCode: '073',
    level: 3,
    modules: ['Paviršių tinkavimas', 'Sienų dažymas ir tapetavimas', 'Gipso kartono plokščių montavimas'],
  },
  {
    name: 'Mūrininkas',
    genitive: 'Mūrininko',
    field: 'Architektūra ir statyba',
    fieldCode: '073',
    level: 3,
    modules: ['Plytų mūrijimas', 'Blokelių mūrijimas', 'Betonavimo darbai'],
  },
  {
    name: 'Plytelių klojėjas',
    genitive: 'Plytelių klojėjo',
    field: 'Architektūra ir statyba',
    fieldCode: '073',
    level: 3,
    modules: ['Grindų plytelių klojimas', 'Sienų plytelių klojimas', 'Hidroizoliacijos įrengimas'],
  },
  {
    name: 'Santechnikas',
    genitive: 'Santechniko',
    field: 'Architektūra ir statyba',
    fieldCode: '073',
    level: 3,
    modules: ['Vandentiekio sistemų montavimas', 'Šildymo sistemų montavimas', 'Nuotekų sistemų įrengimas'],
  },
  {
    name: 'Stalius',
    genitive: 'Staliaus',
    field: 'Gamyba ir perdirbimas',
    fieldCode: '072',
    level: 3,
    modules: ['Medienos apdirbimas staklėmis', 'Baldų gamyba', 'Langų ir durų gamyba'],
  },
  {
    name: 'Kompiuterių tinklų derintojas',
    genitive: 'Kompiuterių tinklų derintojo',
    field: 'Informacijos ir ryšių technologijos',
    fieldCode: '061',
    level: 4,
    modules: ['Kompiuterių tinklų projektavimas', 'Tinklo įrangos konfigūravimas', 'Tinklų saugumas'],
  },
  {
    name: 'Programuotojas',
    genitive: 'Programuotojo',
    field: 'Informacijos ir ryšių technologijos',
    fieldCode: '061',
    level: 4,
    modules: ['Programavimo pagrindai', 'Duomenų bazių kūrimas', 'Interneto svetainių programavimas', 'Programinės įrangos testavimas'],
  },
  {
    name: 'Multimedijos paslaugų teikėjas',
    genitive: 'Multimedijos paslaugų teikėjo',
    field: 'Menai',
    fieldCode: '021',
    level: 4,
    modules: ['Vaizdo filmavimas ir montavimas', 'Garso įrašymas', 'Kompiuterinė grafika'],
  },
  {
    name: 'Floristas',
    genitive: 'Floristo',
    field: 'Menai',
    fieldCode: '021',
    level: 4,
    modules: ['Gėlių kompozicijų kūrimas', 'Interjero želdinimas', 'Šventinė floristika'],
  },
  {
    name: 'Siuvėjas',
    genitive: 'Siuvėjo',
    field: 'Gamyba ir perdirbimas',
    fieldCode: '072',
    level: 3,
    modules: ['Drabužių konstravimas', 'Drabužių siuvimas', 'Drabužių taisymas'],
  },
  {
    name: 'Kelionių organizatorius',
    genitive: 'Kelionių organizatoriaus',
    field: 'Paslaugos asmenims',
    fieldCode: '101',
    level: 4,
    modules: ['Kelionių planavimas', 'Turistų aptarnavimas', 'Gidavimo pagrindai'],
  },
  {
    name: 'Traktorininkas',
    genitive: 'Traktorininko',
    field: 'Žemės ūkis',
    fieldCode: '081',
    level: 3,
    modules: ['Traktoriaus vairavimas', 'Žemės ūkio mašinų priežiūra', 'Augalininkystės darbai'],
  },
];

/** General modules of every modular formal VET programme: [name, credits]. */
export const GENERAL_MODULES: readonly (readonly [string, number])[] = [
  ['Įvadas į profesiją', 2],
  ['Saugus elgesys ekstremaliose situacijose', 1],
  ['Sąmoningas fizinio aktyvumo reguliavimas', 5],
  ['Darbuotojų sauga ir sveikata', 2],
];

export const ELECTIVE_MODULES = [
  'Verslumo ugdymas',
  'Skaitmeninis raštingumas darbe',
  'Užsienio kalba (anglų) profesinei veiklai',
] as const;

export const FINAL_MODULE = 'Įvadas į darbo rinką';

export const UNIVERSITIES = [
  'Vilniaus universitetas',
  'Kauno technologijos universitetas',
  'Vytauto Didžiojo universitetas',
  'Vilniaus Gedimino technikos universitetas',
  'Mykolo Romerio universitetas',
  'Klaipėdos universitetas',
  'Lietuvos sveikatos mokslų universitetas',
] as const;

export const COLLEGES = [
  'Vilniaus kolegija',
  'Kauno kolegija',
  'Klaipėdos valstybinė kolegija',
  'Šiaulių valstybinė kolegija',
  'Panevėžio kolegija',
  'Utenos kolegija',
  'Alytaus kolegija',
] as const;

export const GYMNASIUMS = [
  'Vilniaus Žirmūnų gimnazija',
  'Kauno Jono Jablonskio gimnazija',
  'Klaipėdos Vytauto Didžiojo gimnazija',
  'Šiaulių Juliaus Janonio gimnazija',
  'Panevėžio Juozo Balčikonio gimnazija',
  'Alytaus Adolfo Ramanausko-Vanago gimnazija',
  'Utenos Adolfo Šapokos gimnazija',
] as const;

export const VET_SCHOOLS = [
  'Vilniaus statybininkų rengimo centras',
  'Kauno technikos profesinio mokymo centras',
  'Klaipėdos turizmo mokykla',
  'Šiaulių profesinio rengimo centras',
  'Panevėžio profesinio rengimo centras',
  'Alytaus profesinio rengimo centras',
] as const;

/** Study programmes: [programme, university degree, college degree]. */
export const STUDY_PROGRAMMES: readonly (readonly [string, string, string])[] = [
  ['Informatika', 'Informatikos mokslų bakalauras', 'Informatikos profesinis bakalauras'],
  ['Ekonomika', 'Ekonomikos bakalauras', 'Ekonomikos profesinis bakalauras'],
  ['Verslo vadyba', 'Verslo vadybos bakalauras', 'Verslo vadybos profesinis bakalauras'],
  ['Buhalterinė apskaita', 'Apskaitos bakalauras', 'Buhalterinės apskaitos profesinis bakalauras'],
  ['Teisė', 'Teisės magistras', 'Teisės profesinis bakalauras'],
  ['Slauga', 'Slaugos bakalauras', 'Bendrosios praktikos slaugos profesinis bakalauras'],
  ['Statybos inžinerija', 'Statybos inžinerijos bakalauras', 'Statybos inžinerijos profesinis bakalauras'],
  ['Pradinis ugdymas', 'Edukologijos bakalauras', 'Pedagogikos profesinis bakalauras'],
  ['Psichologija', 'Psichologijos bakalauras', 'Socialinio darbo profesinis bakalauras'],
  ['Mechanikos inžinerija', 'Mechanikos inžinerijos bakalauras', 'Mechanikos inžinerijos profesinis bakalauras'],
  ['Lietuvių filologija', 'Filologijos bakalauras', 'Kūrybinių industrijų profesinis bakalauras'],
];

/** Fictional employers: [name]. Codes are generated. */
export const COMPANIES = [
  'UAB „Nemuno statyba“',
  'UAB „Baltijos logistika“',
  'UAB „Žalgirio prekyba“',
  'UAB „Vilniaus duonos kepykla“',
  'UAB „Aukštaitijos baldai“',
  'UAB „Šiaurės IT sprendimai“',
  'UAB „Pajūrio viešbučiai“',
  'AB „Kauno metalas“',
  'UAB „Žemaitijos pienas“',
  'UAB „Sveikatos centras“',
  'UAB „Dzūkijos miškai“',
  'UAB „Elektros tinklų servisas“',
  'UAB „Miesto transportas“',
  'UAB „Gintaro krantas“',
  'UAB „Skaitmeninė banga“',
  'VšĮ „Senjorų globos namai“',
] as const;

export const UZT_OFFICES = [
  'Vilniaus klientų aptarnavimo departamentas',
  'Kauno klientų aptarnavimo departamentas',
  'Klaipėdos klientų aptarnavimo departamentas',
  'Šiaulių klientų aptarnavimo departamentas',
  'Panevėžio klientų aptarnavimo departamentas',
] as const;
