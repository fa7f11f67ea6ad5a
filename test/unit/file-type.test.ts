// Uploaded files (GEN-12): the type by magic bytes, the size limit, the safe download name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  attachmentDisposition,
  checkUploadedFile,
  detectFileType,
  MAX_FILE_SIZE,
  safeDownloadName,
} from '../../workflows/domain/file-type.ts';

/** The Lithuanian refusals expected (file-type.ts), written out so a wrong text fails. */
const FILE_MESSAGES = {
  empty: 'Failas tuščias: pasirinkite kitą failą.',
  tooLarge: 'Failas per didelis: leidžiama ne daugiau kaip 10 MB.',
  wrongType: 'Netinkamas failo formatas: galima įkelti tik PDF, JPEG arba PNG failą.',
};

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/files/${name}`, import.meta.url)));

describe('file type by magic bytes', () => {
  it('recognises real PDF, JPEG and PNG files', () => {
    expect(detectFileType(fixture('diplomas.pdf'))).toBe('application/pdf');
    expect(detectFileType(fixture('pazymejimas.jpg'))).toBe('image/jpeg');
    expect(detectFileType(fixture('patirtis.png'))).toBe('image/png');
  });

  it('refuses anything else, whatever it is called', () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]);
    const html = new TextEncoder().encode('<html><script>alert(1)</script>');
    const gif = new TextEncoder().encode('GIF89a');
    for (const bytes of [exe, zip, html, gif, new Uint8Array([0x25, 0x50, 0x44]), new Uint8Array([0x89, 0x50, 0x4e, 0x47])]) {
      expect(detectFileType(bytes)).toBeNull();
      expect(checkUploadedFile(bytes.length, bytes)).toEqual({ ok: false, error: FILE_MESSAGES.wrongType });
    }
  });

  it('refuses an empty file and one over the limit before looking at its type', () => {
    const pdf = fixture('diplomas.pdf');
    expect(checkUploadedFile(0, new Uint8Array())).toEqual({ ok: false, error: FILE_MESSAGES.empty });
    expect(checkUploadedFile(MAX_FILE_SIZE + 1, pdf)).toEqual({ ok: false, error: FILE_MESSAGES.tooLarge });
    expect(checkUploadedFile(MAX_FILE_SIZE, pdf)).toEqual({ ok: true, type: 'application/pdf' });
    expect(MAX_FILE_SIZE).toBe(10 * 1024 * 1024);
  });
});

describe('safe download name', () => {
  it('keeps Lithuanian letters, drops paths and unsafe characters, and takes the extension of the detected type', () => {
    expect(safeDownloadName('Pažymėjimas Nr. 5.pdf', 'application/pdf')).toBe('Pažymėjimas Nr. 5.pdf');
    expect(safeDownloadName('C:\\Users\\ona\\diplomas.PDF', 'application/pdf')).toBe('diplomas.pdf');
    expect(safeDownloadName('../../etc/passwd', 'image/png')).toBe('passwd.png');
    expect(safeDownloadName('a"b;c\r\nd<e>.jpg', 'image/jpeg')).toBe('a_b_c_d_e.jpg');
    expect(safeDownloadName('programa.exe', 'application/pdf')).toBe('programa.pdf');
    expect(safeDownloadName('....', 'image/png')).toBe('dokumentas.png');
    expect([...safeDownloadName(`${'ž'.repeat(300)}.pdf`, 'application/pdf')].length).toBe(104);
  });

  it('offers it as an attachment with the UTF-8 name and an ASCII fallback', () => {
    expect(attachmentDisposition('Pažymėjimas (1).pdf')).toBe(
      `attachment; filename="Pazymejimas (1).pdf"; filename*=UTF-8''Pa%C5%BEym%C4%97jimas%20%281%29.pdf`,
    );
  });
});
