// The learning contract's text from the standard template (CON-16): parties, programme and group,
// hours, dates, venue or "Nuotolinis mokymas", price and funding, the programme's clauses at 2.10,
// 3.9 and 7 (PROG-15..PROG-17), both termination grounds (CON-10), the pending number of an SMPKR
// contract (NUM-11), the provider's signer and authority (USERS-27, USERS-28), the employer of a
// trilateral contract (CON-22). Expected texts are written out so that a changed word fails.
import { describe, expect, it } from 'vitest';
import {
  contractDateLabel,
  contractDocumentProblems,
  contractDocumentTitle,
  contractFunding,
  contractNumberLabel,
  contractPlainText,
  contractSections,
  contractSignatureBlocks,
  contractTitle,
  euroCents,
  formatEuro,
  formatHours,
  type ContractDocumentData,
  type ContractSection,
} from '../../workflows/domain/contract-document.ts';
import { sampleContractData } from '../support/contract-document.ts';

function clause(sections: ContractSection[], number: string): string | undefined {
  for (const s of sections) for (const c of s.clauses) if (c.number === number) return c.text;
  return undefined;
}

function section(sections: ContractSection[], title: string): ContractSection {
  const found = sections.find((s) => s.title === title);
  if (!found) throw new Error(`no section ${title}`);
  return found;
}

describe('formatEuro, formatHours', () => {
  it('writes euros the Lithuanian way: thousands by a space, a decimal comma, "Eur"', () => {
    expect(formatEuro('1234.50')).toBe('1 234,50 Eur');
    expect(formatEuro('1234.5')).toBe('1 234,50 Eur');
    expect(formatEuro('1234,5')).toBe('1 234,50 Eur');
    expect(formatEuro('0')).toBe('0,00 Eur');
    expect(formatEuro('999.99')).toBe('999,99 Eur');
    expect(formatEuro('1234567.05')).toBe('1 234 567,05 Eur');
    expect(formatEuro(1000)).toBe('1 000,00 Eur');
    expect(formatEuro(0.1)).toBe('0,10 Eur');
  });

  it('refuses what is no amount', () => {
    expect(() => formatEuro('12.345')).toThrow(RangeError);
    expect(() => formatEuro('-5')).toThrow(RangeError);
    expect(() => formatEuro('abc')).toThrow(RangeError);
    expect(() => formatEuro(Number.NaN)).toThrow(RangeError);
    expect(euroCents('1 234.50'.replace(' ', ''))).toBe(123450);
  });

  it('writes academic hours whole or with a decimal comma', () => {
    expect(formatHours(40)).toBe('40');
    expect(formatHours(12.5)).toBe('12,5');
    expect(formatHours(12.25)).toBe('12,25');
  });
});

describe('contract number and date (NUM-7, NUM-11)', () => {
  it('shows the institution numbering number and the contract date', () => {
    const d = sampleContractData();
    expect(contractNumberLabel(d)).toBe('Nr. MS-00042/2026');
    expect(contractDateLabel(d)).toBe('Sutarties data 2026-03-02');
    expect(contractDocumentTitle(d)).toBe('Mokymosi sutartis Nr. MS-00042/2026');
    expect(contractTitle(d)).toBe('MOKYMOSI SUTARTIS');
  });

  it('shows an SMPKR contract as pending until "Mokinių registras" gives number and date', () => {
    const pending = sampleContractData({ number: null, datedOn: null, numberSource: 'MOKINIU_REGISTRAS' });
    expect(contractNumberLabel(pending)).toBe('Numeris bus suteiktas Mokinių registre');
    expect(contractDateLabel(pending)).toBe('Registracijos Mokinių registre data bus gauta iš Mokinių registro');
    expect(contractDocumentTitle(pending)).toBe('Mokymosi sutartis (numeris bus suteiktas Mokinių registre)');
    expect(contractDocumentProblems(pending)).toEqual([]);

    const arrived = sampleContractData({ number: 'MR-2026-000731', datedOn: '2026-03-05', numberSource: 'MOKINIU_REGISTRAS' });
    expect(contractNumberLabel(arrived)).toBe('Nr. MR-2026-000731');
    expect(contractDateLabel(arrived)).toBe('Registracijos Mokinių registre data 2026-03-05');
  });
});

describe('contractSections: the standard template (CON-16)', () => {
  const data = sampleContractData();
  const sections = contractSections(data);

  it('has the sections in order, with the numbers the manual points to', () => {
    expect(sections.map((s) => (s.number ? `${s.number}. ${s.title}` : s.title))).toEqual([
      'Sutarties šalys',
      '1. Sutarties dalykas',
      '2. Asmens teisės ir pareigos',
      '3. Mokymo teikėjo teisės ir pareigos',
      '4. Mokymosi baigimas',
      '5. Asmens duomenų tvarkymas',
      '6. Šalių atsakomybė ir ginčų sprendimas',
      '7. Kaina ir mokėjimo tvarka',
      '8. Sutarties galiojimas ir nutraukimas',
      '9. Baigiamosios nuostatos',
      '10. Šalių rekvizitai ir parašai',
    ]);
  });

  it('names the parties: the institution (INST-9 snapshot) and the person with her personal code', () => {
    expect(section(sections, 'Sutarties šalys').clauses.map((c) => c.text)).toEqual([
      'UAB „Šviesos žiedas“, juridinio asmens kodas 304567891, buveinės adresas Žalgirio g. 12, LT-09300 Vilnius (toliau – Mokymo teikėjas), kurio vardu Sutartį pasirašo teisę pasirašyti mokymosi sutartis turintis Mokymo teikėjo atstovas,',
      'ir Ūla Ėglė Įžymiūtė-Šęšuolė, asmens kodas 49205170902, el. paštas ula.izymiute@example.lt, tel. +370 612 34567 (toliau – Asmuo),',
      'toliau kartu vadinami Šalimis, o kiekvienas atskirai – Šalimi, sudarė šią mokymosi sutartį (toliau – Sutartis).',
    ]);
  });

  it('identifies the person by birth date when the personal code is not at hand', () => {
    const d = sampleContractData({ participant: { ...data.participant, personalCode: null, phone: null } });
    const parties = section(contractSections(d), 'Sutarties šalys').clauses[1]!.text;
    expect(parties).toBe('ir Ūla Ėglė Įžymiūtė-Šęšuolė, gimimo data 1992-05-17, el. paštas ula.izymiute@example.lt (toliau – Asmuo),');
    expect(contractPlainText(d)).toContain('Gimimo data: 1992-05-17');
    expect(contractPlainText(d)).not.toContain('49205170902');
  });

  it('describes programme, group, dates, hours, remote venue and language (section 1)', () => {
    expect(section(sections, 'Sutarties dalykas').clauses).toEqual([
      {
        number: '1.1',
        text: 'Mokymo teikėjas įsipareigoja mokyti Asmenį pagal mokymosi programą „Skaitmeninių įgūdžių pagrindai“ (kodas NSP-2026-0101; Neformaliojo suaugusiųjų švietimo ir tęstinio mokymosi programa), o Asmuo įsipareigoja mokytis pagal šią programą ir vykdyti Sutarties sąlygas.',
      },
      {
        number: '1.2',
        text: 'Asmuo mokosi mokymo grupėje „ŽĄSIS-2026 pavasario grupė“. Mokymosi programos vykdymo pradžia – 2026-03-16, mokymosi programos vykdymo pabaiga – 2026-05-29.',
      },
      {
        number: '1.3',
        text: 'Mokymosi programos apimtis – 40 akad. val. kontaktinio darbo (iš viso 60 akad. val., įskaitant savarankišką darbą). Viena akademinė valanda – 45 minutės.',
      },
      {
        number: '1.4',
        text: 'Mokymo vieta – Nuotolinis mokymas: užsiėmimai vyksta nuotoliniu sinchroniniu būdu, prisijungimo nuoroda Asmeniui pateikiama el. paštu.',
      },
      { number: '1.5', text: 'Mokymo kalba – lietuvių.' },
      { number: '1.6', text: 'Mokymosi programos vykdymo ypatumai: Užsiėmimai vyksta antradieniais ir ketvirtadieniais 18.00–21.15 val.' },
      { number: '1.7', text: 'Papildomi reikalavimai: Asmuo turi turėti kompiuterį su kamera ir mikrofonu.' },
      {
        number: '1.8',
        text: 'Įgytų kompetencijų pripažinimo galimybės: Įgytos kompetencijos gali būti įskaitytos tęsiant mokymąsi profesinio mokymo įstaigoje.',
      },
    ]);
  });

  it('prints a classroom venue with its address, and leaves out empty optional programme texts', () => {
    const d = sampleContractData({
      group: { ...data.group, venue: { name: 'Mokymo centras „Ąžuolas“', address: 'Savanorių pr. 1, LT-03116 Vilnius' } },
      programme: { ...data.programme, contactHours: 12.5, totalHours: null },
      programmeInfo: { ...data.programmeInfo, additionalRequirements: null, competenceRecognition: '  \n ' },
    });
    const s = contractSections(d);
    expect(clause(s, '1.3')).toBe('Mokymosi programos apimtis – 12,5 akad. val. kontaktinio darbo. Viena akademinė valanda – 45 minutės.');
    expect(clause(s, '1.4')).toBe('Mokymo vieta – Mokymo centras „Ąžuolas“, Savanorių pr. 1, LT-03116 Vilnius.');
    expect(clause(s, '1.7')).toBeUndefined();
    expect(contractPlainText(d)).not.toContain('Nuotolinis mokymas');
    expect(contractPlainText(d)).not.toContain('Papildomi reikalavimai');
  });

  it('puts the programme\'s "Kiti asmens įsipareigojimai" at 2.10 and "Kiti teikėjo įsipareigojimai" at 3.9 (PROG-15, PROG-16)', () => {
    expect(clause(sections, '2.10')).toBe(
      'Kiti asmens įsipareigojimai: Asmuo įsipareigoja atlikti visas praktines užduotis ir pateikti jas per ĮŠČŲŪŽ sistemą.',
    );
    expect(clause(sections, '3.9')).toBe(
      'Kiti teikėjo įsipareigojimai: Mokymo teikėjas įsipareigoja suteikti prieigą prie mokymosi medžiagos ČĘĖĮŠŲŪŽ portale 6 mėnesius.',
    );
    expect(clause(sections, '2.11')).toBeUndefined();
    expect(clause(sections, '3.10')).toBeUndefined();
  });

  it('keeps 2.10 and 3.9 when the programme has no other obligations', () => {
    const s = contractSections(
      sampleContractData({ programmeInfo: { ...data.programmeInfo, personObligations: null, providerObligations: '' } }),
    );
    expect(clause(s, '2.10')).toBe('Kiti asmens įsipareigojimai: nenustatyta.');
    expect(clause(s, '3.9')).toBe('Kiti teikėjo įsipareigojimai: nenustatyta.');
  });

  it('keeps the line breaks of a programme text', () => {
    const s = contractSections(
      sampleContractData({ programmeInfo: { ...data.programmeInfo, personObligations: 'Pirma.\r\nAntra.  \n\n' } }),
    );
    expect(clause(s, '2.10')).toBe('Kiti asmens įsipareigojimai: Pirma.\nAntra.');
  });

  it("states price, funding, the programme's payment terms and the bank details in section 7 (PROG-17, INST-5)", () => {
    expect(section(sections, 'Kaina ir mokėjimo tvarka').clauses).toEqual([
      { number: '7.1', text: 'Mokymosi programos kaina – 1 234,50 Eur.' },
      {
        number: '7.2',
        text: 'Finansavimo šaltinis: IMP krepšelis. Kaina apmokama: individualios mokymosi paskyros (IMP krepšelio) lėšomis – 1 234,50 Eur.',
      },
      { number: '7.3', text: 'Asmuo už mokymąsi pagal Sutartį nemoka.' },
      {
        number: '7.4',
        text: 'Mokėjimo terminai, mokėjimo būdas, kitos mokėjimo sąlygos: Asmuo nemoka; IMP krepšelio lėšos pervedamos per 30 dienų nuo sąskaitos faktūros patvirtinimo.',
      },
      {
        number: '7.5',
        text: 'Mokėjimai pagal Sutartį atliekami į Mokymo teikėjo sąskaitą LT60 1010 0123 4567 8901, AB „Swedbank“, mokėjimo paskirtyje nurodant Sutarties numerį.',
      },
    ]);
  });

  it("splits a price between UŽT and the person's own funds", () => {
    const d = sampleContractData({
      funding: [
        { source: 'UZT', amount: '1000.00' },
        { source: 'ASMENINES_LESOS', amount: '234.50' },
      ],
    });
    const s = contractSections(d);
    expect(clause(s, '7.2')).toBe(
      'Finansavimo šaltiniai: Valstybės kompensuojama suma (UŽT lėšomis), Asmeninės lėšos. Kaina apmokama: Užimtumo tarnybos lėšomis (valstybės kompensuojama suma) – 1 000,00 Eur; Asmens lėšomis – 234,50 Eur.',
    );
    expect(clause(s, '7.3')).toBe('Asmuo savo lėšomis sumoka 234,50 Eur.');
  });

  it("takes the split from the UŽT coupon's compensated sum: UŽT up to it, the person the rest; other sources the whole price", () => {
    expect(contractFunding('UZT', '1234.50', '1000.00')).toEqual([
      { source: 'UZT', amount: '1000.00' },
      { source: 'ASMENINES_LESOS', amount: '234.50' },
    ]);
    expect(contractFunding('UZT', '800', '1500.00')).toEqual([{ source: 'UZT', amount: '800.00' }]);
    expect(contractFunding('UZT', '800.00', null)).toEqual([{ source: 'UZT', amount: '800.00' }]);
    expect(contractFunding('IMP_KREPSELIS', '1234.5', '100.00')).toEqual([{ source: 'IMP_KREPSELIS', amount: '1234.50' }]);
    expect(
      contractDocumentProblems(sampleContractData({ price: '1234.50', funding: contractFunding('UZT', '1234.50', '1000.00') })),
    ).toEqual([]);
  });

  it("gives both termination grounds of the provider and the participant's request (CON-9..CON-11, CON-18, CON-6)", () => {
    expect(section(sections, 'Sutarties galiojimas ir nutraukimas').clauses.map((c) => `${c.number}. ${c.text}`)).toEqual([
      '8.1. Sutartis įsigalioja, kai ją pasirašo abi Šalys, ir galioja, kol Šalys įvykdo savo įsipareigojimus.',
      '8.2. Jei iki mokymosi programos vykdymo pradžios (2026-03-16) Sutarties nepasirašo abi Šalys, Sutartis nebegalioja, o Asmuo išregistruojamas iš mokymo grupės.',
      '8.3. Asmuo turi teisę nutraukti Sutartį savo iniciatyva, pateikęs prašymą nutraukti sutartį savo KURSUOK paskyroje ir nurodęs priežastį.',
      '8.4. Mokymo teikėjas turi teisę nutraukti Sutartį dėl Mokymo teikėjo įsipareigojimų nevykdymo arba dėl Mokymo dalyvio įsipareigojimų nevykdymo.',
      '8.5. Nutraukiant Sutartį dėl Mokymo dalyvio įsipareigojimų nevykdymo, nurodoma Sutarties nutraukimo priežastis.',
      '8.6. Apie Sutarties nutraukimą Asmeniui pranešama el. paštu. Nutraukus Sutartį, Asmuo nebetęsia mokymosi pagal mokymosi programą.',
    ]);
  });

  it("names the programme's contact person and the institution's responsible person (INST-4)", () => {
    expect(clause(sections, '9.4')).toBe(
      'Mokymosi programos kontaktinis asmuo: Rūta Žemaitė, tel. +370 611 11111, el. paštas ruta.zemaite@sviesos-ziedas.lt.',
    );
    expect(clause(sections, '9.5')).toBe(
      'Už mokymosi programų įgyvendinimą atsakingas Mokymo teikėjo asmuo: Ąžuolas Čepulis, Mokymo skyriaus vadovas.',
    );
  });

  it("ends with the parties' details, the IBAN grouped by four", () => {
    expect(section(sections, 'Šalių rekvizitai ir parašai').clauses.map((c) => c.text)).toEqual([
      [
        'Mokymo teikėjas: UAB „Šviesos žiedas“',
        'Juridinio asmens kodas: 304567891',
        'Adresas: Žalgirio g. 12, LT-09300 Vilnius',
        'Sąskaitos numeris (IBAN): LT60 1010 0123 4567 8901',
        'Bankas: AB „Swedbank“',
        'El. paštas: info@sviesos-ziedas.lt',
        'Telefonas: +370 5 212 3456',
      ].join('\n'),
      [
        'Asmuo: Ūla Ėglė Įžymiūtė-Šęšuolė',
        'Asmens kodas: 49205170902',
        'El. paštas: ula.izymiute@example.lt',
        'Telefonas: +370 612 34567',
      ].join('\n'),
    ]);
  });
});

describe("the provider's signer (USERS-27, USERS-28)", () => {
  it('leaves blanks until the provider signs', () => {
    const [provider, person] = contractSignatureBlocks(sampleContractData());
    expect(provider).toEqual({
      party: 'Mokymo teikėjas',
      name: 'UAB „Šviesos žiedas“',
      signer: '____________________ (vardas, pavardė)',
      details: ['Atstovavimo pagrindas: ____________________'],
    });
    expect(person).toEqual({ party: 'Asmuo', name: 'Ūla Ėglė Įžymiūtė-Šęšuolė', signer: null, details: [] });
  });

  it("prints the signer's name and authority document once known", () => {
    const d = sampleContractData({ providerSigner: { name: 'Jonas Šimkus', authority: 'Direktoriaus 2025-01-02 įsakymas Nr. V-15' } });
    expect(section(contractSections(d), 'Sutarties šalys').clauses[0]!.text).toBe(
      'UAB „Šviesos žiedas“, juridinio asmens kodas 304567891, buveinės adresas Žalgirio g. 12, LT-09300 Vilnius (toliau – Mokymo teikėjas), kurio vardu Sutartį pasirašo Jonas Šimkus (atstovavimo pagrindas – Direktoriaus 2025-01-02 įsakymas Nr. V-15),',
    );
    expect(contractSignatureBlocks(d)[0]).toEqual({
      party: 'Mokymo teikėjas',
      name: 'UAB „Šviesos žiedas“',
      signer: 'Jonas Šimkus',
      details: ['Atstovavimo pagrindas: Direktoriaus 2025-01-02 įsakymas Nr. V-15'],
    });
    expect(contractPlainText(d)).toContain(
      [
        'Pasirašo: Jonas Šimkus',
        'Atstovavimo pagrindas: Direktoriaus 2025-01-02 įsakymas Nr. V-15',
        'Parašas: ______________________________',
      ].join('\n'),
    );
  });
});

describe('a trilateral apprenticeship contract (CON-22)', () => {
  const employer: NonNullable<ContractDocumentData['employer']> = {
    name: 'UAB „Ąžuolynė“',
    code: '123456789',
    representativeFirstName: 'Gintarė',
    representativeLastName: 'Žukė',
    practiceAddress: 'Liepų g. 5, LT-44280 Kaunas',
    email: 'gintare@azuolyne.lt',
    phone: null,
  };
  const d = sampleContractData({ employer });
  const sections = contractSections(d);

  it('adds the employer as a party and its obligations after section 7, keeping 2.10, 3.9 and 7 in place', () => {
    expect(contractTitle(d)).toBe('TRIŠALĖ MOKYMOSI SUTARTIS');
    expect(
      section(sections, 'Sutarties šalys')
        .clauses.map((c) => c.text)
        .slice(1),
    ).toEqual([
      'Ūla Ėglė Įžymiūtė-Šęšuolė, asmens kodas 49205170902, el. paštas ula.izymiute@example.lt, tel. +370 612 34567 (toliau – Asmuo),',
      'ir UAB „Ąžuolynė“, juridinio asmens kodas 123456789 (toliau – Darbdavys), kurio vardu Sutartį pasirašo darbdavio atstovas Gintarė Žukė,',
      'toliau kartu vadinami Šalimis, o kiekvienas atskirai – Šalimi, sudarė šią trišalę mokymosi sutartį (toliau – Sutartis).',
    ]);
    expect(sections.map((s) => s.number)).toEqual([null, '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
    expect(section(sections, 'Darbdavio teisės ir pareigos').number).toBe('8');
    expect(clause(sections, '8.1')).toBe(
      'Darbdavys įsipareigoja sudaryti sąlygas Asmeniui atlikti praktinį mokymą pameistrystės forma darbo vietoje adresu Liepų g. 5, LT-44280 Kaunas.',
    );
    expect(clause(sections, '1.6')).toBe(
      'Praktinis mokymas vyksta pameistrystės forma Darbdavio praktinio mokymo vietoje adresu Liepų g. 5, LT-44280 Kaunas.',
    );
    expect(clause(sections, '2.10')).toMatch(/^Kiti asmens įsipareigojimai: /);
    expect(clause(sections, '3.9')).toMatch(/^Kiti teikėjo įsipareigojimai: /);
    expect(clause(sections, '7.4')).toMatch(/^Mokėjimo terminai, mokėjimo būdas, kitos mokėjimo sąlygos: /);
    expect(clause(sections, '9.1')).toBe(
      'Sutartis įsigalioja, kai ją pasirašo visos Šalys, ir galioja, kol Šalys įvykdo savo įsipareigojimus.',
    );
  });

  it("has a third signature block for the employer's representative", () => {
    expect(contractSignatureBlocks(d)[2]).toEqual({
      party: 'Darbdavys',
      name: 'UAB „Ąžuolynė“',
      signer: 'Gintarė Žukė',
      details: ['Darbdavio atstovas'],
    });
    expect(section(sections, 'Šalių rekvizitai ir parašai').clauses[2]!.text).toBe(
      [
        'Darbdavys: UAB „Ąžuolynė“',
        'Juridinio asmens kodas: 123456789',
        'Praktinio mokymo vietos adresas: Liepų g. 5, LT-44280 Kaunas',
        'El. paštas: gintare@azuolyne.lt',
      ].join('\n'),
    );
  });
});

describe('contractDocumentProblems', () => {
  it('accepts the sample', () => {
    expect(contractDocumentProblems(sampleContractData())).toEqual([]);
  });

  it('refuses funding that does not add up to the price, bad dates, a missing identity, a signer without authority', () => {
    const base = sampleContractData();
    expect(contractDocumentProblems(sampleContractData({ funding: [{ source: 'IMP_KREPSELIS', amount: '1000.00' }] }))).toEqual([
      'funding adds up to 100000 cents, the price is 123450',
    ]);
    expect(contractDocumentProblems(sampleContractData({ group: { ...base.group, programmeEnd: '2026-03-01' } }))).toEqual([
      'the programme ends before it starts',
    ]);
    expect(
      contractDocumentProblems(sampleContractData({ participant: { ...base.participant, personalCode: null, birthDate: null } })),
    ).toEqual(['the participant has neither a personal code nor a birth date']);
    expect(contractDocumentProblems(sampleContractData({ providerSigner: { name: 'Jonas Šimkus', authority: ' ' } }))).toEqual([
      'the provider signer needs a name and an authority document (USERS-27)',
    ]);
    expect(contractDocumentProblems(sampleContractData({ number: null }))).toEqual([
      'a contract of the institution numbering has no number',
    ]);
  });
});

describe('contractPlainText', () => {
  it('reads top to bottom like the document', () => {
    const text = contractPlainText(sampleContractData());
    expect(text.startsWith('MOKYMOSI SUTARTIS\nNr. MS-00042/2026\nSutarties data 2026-03-02\n\nSUTARTIES ŠALYS\n')).toBe(true);
    expect(text).toContain('\n2. ASMENS TEISĖS IR PAREIGOS\n2.1. Asmuo turi teisę');
    expect(text).toContain('\n7. KAINA IR MOKĖJIMO TVARKA\n7.1. Mokymosi programos kaina – 1 234,50 Eur.\n');
    expect(text).toContain('Telefonas: +370 612 34567\nParašas: ______________________________\n(kvalifikuotas elektroninis parašas)');
  });
});
