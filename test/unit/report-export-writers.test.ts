// The report exports' writers (issue 15; REP-7 export, OQ-46): CSV as Lithuanian Excel opens it (BOM,
// ';', CRLF, quoting, decimal comma, formula-looking text neutralised) and XLSX typed cells read back
// with exceljs itself (numbers, money with 2 decimals, dates as dates, frozen bold header, widths).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvField, csvHeaderLine, csvLine, neutralizeFormula, quoteCsv } from '../../db/exports/csv.ts';
import { exportFileName, exportToBuffer } from '../../db/exports/stream.ts';
import type { ExportColumn, ExportValue } from '../../db/exports/types.ts';
import { xlsxCell } from '../../db/exports/xlsx.ts';

const COLUMNS: readonly ExportColumn[] = [
  { key: 'name', header: 'Vardas, pavardė', type: 'text', width: 30 },
  { key: 'count', header: 'Dalyvių sk.', type: 'integer' },
  { key: 'hours', header: 'Valandos', type: 'number' },
  { key: 'price', header: 'Kaina, Eur', type: 'money' },
  { key: 'registered', header: 'Registracijos data', type: 'date' },
  { key: 'at', header: 'Pateikta', type: 'datetime' },
];

async function* rowsOf(rows: Record<string, ExportValue>[]): AsyncIterable<Record<string, ExportValue>> {
  for (const row of rows) yield row;
}

const ROWS: Record<string, ExportValue>[] = [
  { name: 'Žydrūnė Ąžuolaitė', count: 12, hours: 1.5, price: '1234.5', registered: '2026-12-03', at: new Date('2026-12-03T06:05:00Z') },
  { name: 'Jonas "Jonukas"; Petraitis', count: '7', hours: null, price: 100, registered: null, at: null },
  {
    name: '=HYPERLINK("http://x")',
    count: null,
    hours: '2,25',
    price: null,
    registered: new Date('2026-07-01T21:30:00Z'),
    at: '2026-07-01',
  },
];

describe('CSV for Lithuanian Excel', () => {
  it('quotes fields with the separator, quotes or line breaks, doubling the quotes', () => {
    expect(quoteCsv('paprastas')).toBe('paprastas');
    expect(quoteCsv('a;b')).toBe('"a;b"');
    expect(quoteCsv('sakė "taip"')).toBe('"sakė ""taip"""');
    expect(quoteCsv('eilutė\r\nkita')).toBe('"eilutė\r\nkita"');
    // A comma is not the separator: left alone.
    expect(quoteCsv('Vilnius, Gedimino pr. 1')).toBe('Vilnius, Gedimino pr. 1');
  });

  it('writes numbers with a decimal comma, money with two decimals, dates ISO and instants in Vilnius time', () => {
    const [name, count, hours, price, registered, at] = COLUMNS as [
      ExportColumn,
      ExportColumn,
      ExportColumn,
      ExportColumn,
      ExportColumn,
      ExportColumn,
    ];
    expect(csvField(count, '7')).toBe('7');
    expect(csvField(hours, 1.5)).toBe('1,5');
    expect(csvField(hours, '2,25')).toBe('2,25');
    expect(csvField(price, '1234.5')).toBe('1234,50');
    expect(csvField(price, 100)).toBe('100,00');
    expect(csvField(registered, '2026-12-03')).toBe('2026-12-03');
    // 21:30 UTC on 1 July is 00:30 on 2 July in Vilnius (UTC+3).
    expect(csvField(registered, new Date('2026-07-01T21:30:00Z'))).toBe('2026-07-02');
    expect(csvField(at, new Date('2026-12-03T06:05:00Z'))).toBe('2026-12-03 08:05');
    expect(csvField(name, null)).toBe('');
  });

  it('neutralises text Excel would run as a formula, but keeps numbers and phone numbers', () => {
    expect(neutralizeFormula('=1+1')).toBe("'=1+1");
    expect(neutralizeFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralizeFormula("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(neutralizeFormula('+370 600 12345')).toBe('+370 600 12345');
    expect(neutralizeFormula('-5')).toBe('-5');
    expect(neutralizeFormula('Ona')).toBe('Ona');
  });

  it('streams a BOM, the header and CRLF-ended rows separated by ";"', async () => {
    const bytes = await exportToBuffer('csv', COLUMNS, rowsOf(ROWS), { sheetName: 'x' });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines).toHaveLength(ROWS.length + 2);
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('Vardas, pavardė;Dalyvių sk.;Valandos;Kaina, Eur;Registracijos data;Pateikta');
    expect(csvHeaderLine(COLUMNS)).toBe(`${lines[0]}\r\n`);
    expect(lines[1]).toBe('Žydrūnė Ąžuolaitė;12;1,5;1234,50;2026-12-03;2026-12-03 08:05');
    expect(lines[2]).toBe('"Jonas ""Jonukas""; Petraitis";7;;100,00;;');
    expect(lines[3]).toBe(`"'=HYPERLINK(""http://x"")";;2,25;;2026-07-02;2026-07-01 00:00`);
    expect(csvLine(COLUMNS, ROWS[0]!)).toBe(`${lines[1]}\r\n`);
    expect(text).not.toMatch(/[^\r]\n/);
  });

  it('names the file after the report and the Vilnius date', () => {
    expect(exportFileName('dalyviu-ataskaita', 'xlsx', new Date('2026-12-31T22:30:00Z'))).toBe('dalyviu-ataskaita-2027-01-01.xlsx');
  });
});

describe('XLSX with typed cells (exceljs streaming writer)', () => {
  it('types each cell by its column', () => {
    const [, count, , price, registered, at] = COLUMNS as [
      ExportColumn,
      ExportColumn,
      ExportColumn,
      ExportColumn,
      ExportColumn,
      ExportColumn,
    ];
    expect(xlsxCell(count, '7')).toBe(7);
    expect(xlsxCell(price, '12.345')).toBe(12.35);
    expect(xlsxCell(registered, '2026-12-03')).toEqual(new Date(Date.UTC(2026, 11, 3)));
    expect(xlsxCell(at, new Date('2026-12-03T06:05:00Z'))).toEqual(new Date(Date.UTC(2026, 11, 3, 8, 5)));
    expect(xlsxCell(count, 'nėra')).toBe('nėra');
  });

  it('reads back with exceljs: a frozen bold Lithuanian header, numbers, money format, dates and widths', async () => {
    const bytes = await exportToBuffer('xlsx', COLUMNS, rowsOf(ROWS), { sheetName: 'Dalyvių ataskaita' });
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const book = new ExcelJS.Workbook();
    await book.xlsx.read(new PassThrough().end(bytes));
    const sheet = book.getWorksheet('Dalyvių ataskaita')!;
    expect(sheet).toBeDefined();
    expect(sheet.rowCount).toBe(ROWS.length + 1);
    expect(sheet.getRow(1).values).toEqual([undefined, ...COLUMNS.map((c) => c.header)]);
    expect(sheet.getRow(1).font?.bold ?? sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(1).width).toBe(30);
    const first = sheet.getRow(2);
    expect(first.getCell(1).value).toBe('Žydrūnė Ąžuolaitė');
    expect(first.getCell(2).value).toBe(12);
    expect(first.getCell(3).value).toBe(1.5);
    expect(first.getCell(4).value).toBe(1234.5);
    expect(first.getCell(4).numFmt).toBe('#,##0.00');
    expect(first.getCell(5).value).toEqual(new Date(Date.UTC(2026, 11, 3)));
    expect(first.getCell(5).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(6).value).toEqual(new Date(Date.UTC(2026, 11, 3, 8, 5)));
    const second = sheet.getRow(3);
    expect(second.getCell(1).value).toBe('Jonas "Jonukas"; Petraitis');
    expect(second.getCell(2).value).toBe(7);
    expect(second.getCell(3).value).toBeNull();
    // A formula-looking text stays a string, never a formula.
    expect(sheet.getRow(4).getCell(1).value).toBe('=HYPERLINK("http://x")');
    expect(sheet.getRow(4).getCell(1).type).toBe(ExcelJS.ValueType.String);
  });

  it('destroys the stream when the rows fail, never ending it as a whole file', async () => {
    async function* failing(): AsyncIterable<Record<string, ExportValue>> {
      yield ROWS[0]!;
      throw new Error('duomenų bazė nepasiekiama');
    }
    await expect(exportToBuffer('xlsx', COLUMNS, failing(), { sheetName: 'x' })).rejects.toThrow('duomenų bazė nepasiekiama');
    await expect(exportToBuffer('csv', COLUMNS, failing(), { sheetName: 'x' })).rejects.toThrow('duomenų bazė nepasiekiama');
  });
});
