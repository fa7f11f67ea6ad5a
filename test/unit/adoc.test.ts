// ADOC validation (UZTDOC-6): a real container is taken; every kind of refusal — not a ZIP, no or a
// wrong mimetype, no manifest or signature, encrypted entries, path tricks, zip bombs by total size
// and by ratio, a header that lies about its size — gets its own Lithuanian message. The containers
// are built byte by byte (test/support/zip.ts) and read by the real reader (web/adoc-check.ts, yauzl).
import { describe, expect, it } from 'vitest';
import { checkAdoc } from '../../web/adoc-check.ts';
import { ADOC_MEDIA_TYPE, ADOC_MESSAGES, checkAdocEntries, unsafeEntryName, type AdocEntryInfo } from '../../workflows/domain/adoc.ts';
import { adocEntries, buildZip, sampleAdoc, type ZipEntrySpec } from '../support/zip.ts';

const withEntries = (change: (entries: ZipEntrySpec[]) => ZipEntrySpec[]) => buildZip(change(adocEntries()));

async function refusalOf(bytes: Uint8Array) {
  const result = await checkAdoc(bytes);
  expect(result.ok).toBe(false);
  return result.ok ? null : result;
}

describe('ADOC containers (UZTDOC-6)', () => {
  it('takes a container with the ADOC mimetype first and stored, a manifest, a signature and the document', async () => {
    const result = await checkAdoc(sampleAdoc());
    expect(result).toMatchObject({ ok: true });
    if (result.ok)
      expect(result.entries.map((e) => e.name)).toEqual([
        'mimetype',
        'META-INF/manifest.xml',
        'META-INF/signatures0.xml',
        'lankomumas.pdf',
      ]);
    // ADOC-V1.0's signatures folder is accepted as well.
    const folder = withEntries((e) =>
      e.map((x) => (x.name === 'META-INF/signatures0.xml' ? { ...x, name: 'META-INF/signatures/signature1.xml' } : x)),
    );
    expect(await checkAdoc(folder)).toMatchObject({ ok: true });
  });

  it('refuses what is not a ZIP: a PDF, text, an empty file, a truncated ZIP', async () => {
    for (const bytes of [
      new TextEncoder().encode('%PDF-1.7\n%%EOF\n'),
      new TextEncoder().encode('tai ne adoc'),
      new Uint8Array(0),
      sampleAdoc().slice(0, 60),
    ]) {
      const r = await refusalOf(bytes);
      expect(r?.refusal).toBe('notZip');
      expect(r?.error).toBe(ADOC_MESSAGES.notZip);
    }
  });

  it('refuses a container without mimetype, with it not first, compressed, or naming another type (an ASiC-E)', async () => {
    expect((await refusalOf(withEntries((e) => e.slice(1))))?.refusal).toBe('noMimetype');
    expect((await refusalOf(withEntries((e) => [...e.slice(1), e[0]!])))?.refusal).toBe('noMimetype');
    expect((await refusalOf(withEntries((e) => [{ ...e[0]!, method: 8 }, ...e.slice(1)])))?.refusal).toBe('noMimetype');
    const asice = await refusalOf(withEntries((e) => [{ ...e[0]!, data: 'application/vnd.etsi.asic-e+zip' }, ...e.slice(1)]));
    expect(asice?.refusal).toBe('wrongMimetype');
    expect(asice?.error).toContain(ADOC_MEDIA_TYPE);
  });

  it('refuses a container without its metadata, its signature, or a document', async () => {
    expect((await refusalOf(withEntries((e) => e.filter((x) => x.name !== 'META-INF/manifest.xml'))))?.refusal).toBe('noManifest');
    expect((await refusalOf(withEntries((e) => e.filter((x) => !x.name.includes('signatures')))))?.refusal).toBe('noSignature');
    expect((await refusalOf(withEntries((e) => e.filter((x) => x.name !== 'lankomumas.pdf'))))?.refusal).toBe('noContent');
  });

  it('refuses encrypted entries', async () => {
    const r = await refusalOf(withEntries((e) => e.map((x) => (x.name === 'lankomumas.pdf' ? { ...x, encrypted: true } : x))));
    expect(r?.refusal).toBe('encrypted');
    expect(r?.error).toBe(ADOC_MESSAGES.encrypted);
  });

  it('refuses path tricks in entry names: `../`, absolute paths, drive letters, backslashes', async () => {
    for (const name of ['../../etc/passwd', 'docs/../../x.pdf', '/etc/passwd', 'C:/Windows/x.pdf', 'docs\\..\\x.pdf']) {
      const r = await refusalOf(withEntries((e) => [...e, { name, data: 'x' }]));
      expect(r?.refusal, name).toBe('unsafeName');
      expect(r?.error).toBe(ADOC_MESSAGES.unsafeName);
    }
  });

  it('refuses zip bombs: an entry compressed beyond the ratio, a total size beyond the limit, too many entries', async () => {
    const zeros = new Uint8Array(2 * 1024 * 1024); // 2 MB of zeros deflate to ~2 KB (ratio ~1000)
    const ratio = await refusalOf(withEntries((e) => [...e, { name: 'nuliai.bin', data: zeros }]));
    expect(ratio?.refusal).toBe('ratio');
    expect(ratio?.error).toBe(ADOC_MESSAGES.ratio);
    // A header declaring 60 MB: refused before a byte is inflated.
    const total = await refusalOf(
      withEntries((e) => [...e, { name: 'didelis.bin', data: 'x'.repeat(100), declaredSize: 60 * 1024 * 1024 }]),
    );
    expect(total?.refusal).toBe('tooLarge');
    const many = await refusalOf(
      withEntries((e) => [...e, ...Array.from({ length: 1001 }, (_, i) => ({ name: `d/${i}.txt`, data: 'x' }))]),
    );
    expect(many?.refusal).toBe('tooManyEntries');
  });

  it('refuses an entry whose header lies about its size (the reader inflates and counts)', async () => {
    const lying = withEntries((e) => e.map((x) => (x.name === 'lankomumas.pdf' ? { ...x, data: 'y'.repeat(5000), declaredSize: 10 } : x)));
    expect((await refusalOf(lying))?.refusal).toBe('corrupt');
  });
});

describe('the pure rules', () => {
  const ok: AdocEntryInfo[] = [
    { name: 'mimetype', compressedSize: 37, uncompressedSize: 37, compressionMethod: 0, encrypted: false },
    { name: 'META-INF/manifest.xml', compressedSize: 100, uncompressedSize: 300, compressionMethod: 8, encrypted: false },
    { name: 'META-INF/signatures1.xml', compressedSize: 100, uncompressedSize: 300, compressionMethod: 8, encrypted: false },
    { name: 'aktas.pdf', compressedSize: 1000, uncompressedSize: 1100, compressionMethod: 8, encrypted: false },
  ];
  const mime = new TextEncoder().encode(ADOC_MEDIA_TYPE);

  it('judges names, methods and the mimetype text', () => {
    expect(checkAdocEntries(ok, mime)).toBeNull();
    expect(checkAdocEntries(ok, new TextEncoder().encode(`${ADOC_MEDIA_TYPE}\n`))).toBeNull();
    expect(checkAdocEntries(ok, null)).toBe('noMimetype');
    expect(checkAdocEntries([...ok, { ...ok[3]!, name: 'x.bin', compressionMethod: 12 }], mime)).toBe('unsupportedCompression');
    // A small entry's high ratio is no bomb (below the floor); a large one's is.
    expect(checkAdocEntries([...ok, { ...ok[3]!, name: 'maza.xml', compressedSize: 10, uncompressedSize: 60_000 }], mime)).toBeNull();
    expect(checkAdocEntries([...ok, { ...ok[3]!, name: 'bomba.xml', compressedSize: 1000, uncompressedSize: 200_000 }], mime)).toBe(
      'ratio',
    );
    for (const bad of ['..', 'a/../b', '/abs', 'a\\b', 'D:x', '', 'a\0b']) expect(unsafeEntryName(bad), bad).toBe(true);
    for (const good of ['a..b.pdf', 'META-INF/manifest.xml', 'dir/', '..hidden']) expect(unsafeEntryName(good), good).toBe(false);
  });
});
