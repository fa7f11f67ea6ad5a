// The learning contract's PDF (CON-16): Lithuanian text in an embedded Unicode font survives
// extraction by Debian's poppler-utils (pdftotext), the number, the programme's clauses 2.10, 3.9
// and 7, the price and "Nuotolinis mokymas" are in it, a pending SMPKR number shows as pending
// (NUM-11), pdfinfo counts the pages, the same data give the same bytes, the file has the classic
// cross-reference table the incremental PAdES signing needs, and the project's own upload check
// (web/pdf-check.ts) opens it.
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { contractDataHash, renderContractPdf } from '../../activities/pdf/contract-pdf.ts';
import { checkPdf } from '../../web/pdf-check.ts';
import type { ContractDocumentData } from '../../workflows/domain/contract-document.ts';
import { sampleContractData } from '../support/contract-document.ts';
import { expectDeterministic, expectIncrementalPlaceholder } from '../support/generated-pdf.ts';
import { expectLithuanianLetters, pdfLayoutText, pdfScratch, poppler } from '../support/pdftext.ts';

const scratch = pdfScratch('contract-pdf');
afterAll(() => scratch.remove());

/** pdftotext -layout, with the runs of spaces the layout puts between words collapsed to one. */
const pdfText = (pdf: Uint8Array) => pdfLayoutText(scratch, pdf);

const trilateral: Partial<ContractDocumentData> = {
  employer: {
    name: 'UAB „Ąžuolynė“',
    code: '123456789',
    representativeFirstName: 'Gintarė',
    representativeLastName: 'Žukė',
    practiceAddress: 'Liepų g. 5, LT-44280 Kaunas',
    email: null,
    phone: null,
  },
  providerSigner: { name: 'Jonas Šimkus', authority: 'Direktoriaus 2025-01-02 įsakymas Nr. V-15' },
};

describe('renderContractPdf', () => {
  it('keeps every Lithuanian letter, the number, the clauses 2.10, 3.9 and 7, the price and the remote venue (pdftotext)', async () => {
    const pdf = await renderContractPdf(sampleContractData());
    const { layout, line: text } = await pdfText(pdf);

    expectLithuanianLetters(layout);
    expect(text).toContain('MOKYMOSI SUTARTIS');
    expect(text).toContain('Nr. MS-00042/2026');
    expect(text).toContain('Sutarties data 2026-03-02');
    expect(text).toContain('UAB „Šviesos žiedas“, juridinio asmens kodas 304567891');
    expect(text).toContain('Ūla Ėglė Įžymiūtė-Šęšuolė, asmens kodas 49205170902');
    expect(text).toContain('mokymosi programą „Skaitmeninių įgūdžių pagrindai“ (kodas NSP-2026-0101;');
    expect(text).toContain('Asmuo mokosi mokymo grupėje „ŽĄSIS-2026 pavasario grupė“.');
    expect(text).toContain('Mokymosi programos vykdymo pradžia – 2026-03-16, mokymosi programos vykdymo pabaiga – 2026-05-29.');
    expect(text).toContain('Mokymosi programos apimtis – 40 akad. val. kontaktinio darbo');
    expect(text).toContain('Mokymo vieta – Nuotolinis mokymas');
    expect(text).toContain('Mokymo kalba – lietuvių.');
    expect(text).toContain(
      '2.10. Kiti asmens įsipareigojimai: Asmuo įsipareigoja atlikti visas praktines užduotis ir pateikti jas per ĮŠČŲŪŽ sistemą.',
    );
    expect(text).toContain(
      '3.9. Kiti teikėjo įsipareigojimai: Mokymo teikėjas įsipareigoja suteikti prieigą prie mokymosi medžiagos ČĘĖĮŠŲŪŽ portale 6 mėnesius.',
    );
    expect(text).toContain('7. KAINA IR MOKĖJIMO TVARKA');
    expect(text).toContain('7.1. Mokymosi programos kaina – 1 234,50 Eur.');
    expect(text).toContain('Mokėjimo terminai, mokėjimo būdas, kitos mokėjimo sąlygos: Asmuo nemoka; IMP krepšelio lėšos pervedamos');
    expect(text).toContain('Mokymo teikėjo sąskaitą LT60 1010 0123 4567 8901, AB „Swedbank“');
    expect(text).toContain(
      'Mokymo teikėjas turi teisę nutraukti Sutartį dėl Mokymo teikėjo įsipareigojimų nevykdymo arba dėl Mokymo dalyvio įsipareigojimų nevykdymo.',
    );
    expect(text).toContain('10. ŠALIŲ REKVIZITAI IR PARAŠAI');
    expect(text).toContain('Atstovavimo pagrindas: ____________________');
    // An amount never breaks over two lines.
    expect(layout).toMatch(/1 234,50 Eur/);
  });

  it('puts the number in every page\'s header and "Puslapis N iš M" at its foot; pdfinfo counts the same pages', async () => {
    const pdf = await renderContractPdf(sampleContractData());
    const { stdout: info } = await poppler('pdfinfo', [await scratch.save(pdf)]);
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)$/m);
    expect(info).toMatch(/^Title:\s+Mokymosi sutartis Nr\. MS-00042\/2026$/m);
    expect(info).toMatch(/^CreationDate:\s+Mon Mar {2}2 08:15:00 2026 UTC$/m);

    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(pages);
    expect(doc.getTitle()).toBe('Mokymosi sutartis Nr. MS-00042/2026');
    expect(doc.getAuthor()).toBe('UAB „Šviesos žiedas“');

    const { words } = await pdfText(pdf);
    const sheets = words.split('\f').filter((s) => s.trim() !== '');
    expect(sheets).toHaveLength(pages);
    sheets.forEach((sheet, i) => {
      expect(sheet).toContain('Mokymosi sutartis Nr. MS-00042/2026 · UAB „Šviesos žiedas“');
      expect(sheet).toContain(`Puslapis ${i + 1} iš ${pages}`);
    });
  });

  it('shows an SMPKR contract\'s number as pending until "Mokinių registras" gives it (NUM-11)', async () => {
    const pdf = await renderContractPdf(sampleContractData({ number: null, datedOn: null, numberSource: 'MOKINIU_REGISTRAS' }));
    const text = (await pdfText(pdf)).line;
    expect(text).toContain('Numeris bus suteiktas Mokinių registre');
    expect(text).toContain('Registracijos Mokinių registre data bus gauta iš Mokinių registro');
    expect(text).toContain('Mokymosi sutartis (numeris bus suteiktas Mokinių registre) · UAB „Šviesos žiedas“');
    expect(text).not.toContain('MS-00042');
  });

  it("prints a trilateral contract's employer and the provider's signer with the authority document (CON-22, USERS-28)", async () => {
    const pdf = await renderContractPdf(sampleContractData(trilateral));
    const text = (await pdfText(pdf)).line;
    expect(text).toContain('TRIŠALĖ MOKYMOSI SUTARTIS');
    expect(text).toContain('kurio vardu Sutartį pasirašo Jonas Šimkus (atstovavimo pagrindas – Direktoriaus 2025-01-02 įsakymas Nr. V-15)');
    expect(text).toContain('Pasirašo: Jonas Šimkus Atstovavimo pagrindas: Direktoriaus 2025-01-02 įsakymas Nr. V-15');
    expect(text).toContain('Darbdavys: UAB „Ąžuolynė“');
    expect(text).toContain('Pasirašo: Gintarė Žukė Darbdavio atstovas');
    expect(text.match(/Parašas: _+/g)).toHaveLength(3);
  });

  it("gives the same bytes for the same data, and other bytes for other data; the trailer's document ID comes from the data", async () => {
    const other = sampleContractData({ providerSigner: { name: 'Jonas Šimkus', authority: 'Įgaliojimas Nr. 7' } });
    await expectDeterministic(renderContractPdf, contractDataHash, sampleContractData(), other);
  });

  it('has a classic xref table and trailer, no object or xref streams, so a PAdES placeholder can be added incrementally', async () => {
    const pdf = Buffer.from(await renderContractPdf(sampleContractData()));
    expect(pdf.toString('latin1').startsWith('%PDF-1.7')).toBe(true);
    const withPlaceholder = expectIncrementalPlaceholder(pdf, {
      reason: 'Mokymosi sutarties pasirašymas',
      contactInfo: 'info@sviesos-ziedas.lt',
      name: 'Ūla Ėglė Įžymiūtė-Šęšuolė',
    });
    const reread = await PDFDocument.load(withPlaceholder);
    expect(reread.getPageCount()).toBe((await PDFDocument.load(pdf)).getPageCount());
  });

  it("passes the project's own PDF check (web/pdf-check.ts)", async () => {
    expect(await checkPdf(await renderContractPdf(sampleContractData(trilateral)))).toBe('ok');
  });

  it('refuses data that cannot make a contract', async () => {
    await expect(renderContractPdf(sampleContractData({ funding: [{ source: 'IMP_KREPSELIS', amount: '1.00' }] }))).rejects.toThrow(
      /funding adds up to 100 cents, the price is 123450/,
    );
  });

  it('wraps long programme texts over several pages without losing a word', async () => {
    const base = sampleContractData();
    const long = Array.from({ length: 120 }, (_, i) => `Įsipareigojimas nr. ${i + 1}: dalyvauti užsiėmimuose ir atlikti užduotis.`).join(
      ' ',
    );
    const pdf = await renderContractPdf(sampleContractData({ programmeInfo: { ...base.programmeInfo, personObligations: long } }));
    const text = (await pdfText(pdf)).line;
    expect(text).toContain('Įsipareigojimas nr. 1: dalyvauti');
    expect(text).toContain('Įsipareigojimas nr. 120: dalyvauti užsiėmimuose ir atlikti užduotis.');
    expect((await PDFDocument.load(pdf)).getPageCount()).toBeGreaterThan(4);
  });
});
