// ADOC (UZTDOC-6): the Lithuanian e-signed document container (".adoc") the Employment Service
// takes settlement documents in. Pure rules over what a ZIP reader (web/adoc-check.ts, yauzl) saw
// in the container: its entries' names, sizes, compression and encryption flags, and the bytes of
// its `mimetype` entry. Bytes in, a verdict out; no I/O.
//
// What ADOC is (ADOC-V1.0, Lietuvos vyriausiojo archyvaro tarnyba, "ADOC_specification_approved
// 20090907"; its media type is cited by open-eid/libdigidocpp src/ASiContainer.cpp as
// MIMETYPE_ADOC = "application/vnd.lt.archyvai.adoc-2008"): an OCF-style ZIP container —
//   mimetype                       the first entry, stored uncompressed, holding the media type;
//   META-INF/manifest.xml          each member's media type (the container's metadata);
//   META-INF/signatures*.xml       the XAdES signature(s) (META-INF/signatures/… is accepted too);
//   the signed document(s)         the content itself.
// The signatures are not verified here (no trust list on this side; UŽT verifies them): the check
// is that the file is such a container, and a safe one to keep and pass on.

export const ADOC_MEDIA_TYPE = 'application/vnd.lt.archyvai.adoc-2008';

/** Limits against zip bombs: the container is at most MAX_FILE_SIZE (10 MB) on upload. */
export const ADOC_LIMITS = {
  /** Uncompressed bytes of all entries together. */
  maxTotalUncompressed: 50 * 1024 * 1024,
  /** Uncompressed ÷ compressed size of one entry (ordinary XML and PDF stay well below). */
  maxCompressionRatio: 100,
  /** Below this size an entry's ratio is not judged (a few bytes of XML may compress 100:1). */
  ratioFloorBytes: 64 * 1024,
  maxEntries: 1000,
} as const;

/** One entry of the central directory, as the ZIP reader reports it. */
export interface AdocEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** 0 stored, 8 deflated. */
  compressionMethod: number;
  encrypted: boolean;
}

export const ADOC_MESSAGES = {
  notZip: 'Failas nėra ADOC dokumentas: jis nėra ZIP talpykla. Pridėkite dokumentą .adoc formatu.',
  noMimetype: 'Failas nėra ADOC dokumentas: jame nėra „mimetype“ įrašo (jis turi būti pirmas ir nesuglaudintas).',
  wrongMimetype: `Failas nėra ADOC dokumentas: „mimetype“ įraše turi būti „${ADOC_MEDIA_TYPE}“.`,
  noManifest: 'ADOC dokumente nėra metaduomenų įrašo META-INF/manifest.xml.',
  noSignature: 'ADOC dokumente nėra parašo įrašo (META-INF/signatures….xml): pateikite pasirašytą dokumentą.',
  noContent: 'ADOC dokumente nėra pasirašyto dokumento turinio.',
  encrypted: 'ADOC dokumente yra užšifruotų įrašų: pateikite dokumentą be slaptažodžio.',
  unsafeName: 'ADOC dokumente yra įrašų netinkamais pavadinimais (kelias su „..“, absoliutus kelias ar „\\“): toks failas nepriimamas.',
  tooManyEntries: `ADOC dokumente per daug įrašų (leidžiama ne daugiau kaip ${ADOC_LIMITS.maxEntries}).`,
  tooLarge: 'ADOC dokumentas išskleistas būtų per didelis (daugiau kaip 50 MB): toks failas nepriimamas.',
  ratio: 'ADOC dokumente yra įtartinai stipriai suglaudintų įrašų (galimas „ZIP bomba“ failas): toks failas nepriimamas.',
  unsupportedCompression: 'ADOC dokumente yra įrašų, suglaudintų nepalaikomu būdu.',
  corrupt: 'ADOC dokumentas sugadintas: jo nepavyko perskaityti.',
} as const;

export type AdocRefusal = keyof typeof ADOC_MESSAGES;

/** Why an entry's name is unsafe to keep or extract, or null: `..` segments, absolute paths, drive letters, backslashes, NUL. */
export function unsafeEntryName(name: string): boolean {
  if (name === '' || name.includes('\\') || name.includes('\0')) return true;
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return true;
  return name.split('/').some((segment) => segment === '..');
}

const SIGNATURE_ENTRY = /^META-INF\/(?:signatures\/)?[^/]*signature[^/]*\.xml$/i;

const isDirectory = (name: string) => name.endsWith('/');

/**
 * The refusal for a container's central directory (entries in their order) and its first entry's
 * bytes (null when there is no first entry to read), or null when it is an acceptable ADOC.
 * Order of checks: safety first (names, encryption, bombs), then the format.
 */
export function checkAdocEntries(entries: readonly AdocEntryInfo[], mimetypeBytes: Uint8Array | null): AdocRefusal | null {
  if (entries.length > ADOC_LIMITS.maxEntries) return 'tooManyEntries';
  let total = 0;
  for (const e of entries) {
    if (unsafeEntryName(e.name)) return 'unsafeName';
    if (e.encrypted) return 'encrypted';
    if (e.compressionMethod !== 0 && e.compressionMethod !== 8) return 'unsupportedCompression';
    total += e.uncompressedSize;
    if (total > ADOC_LIMITS.maxTotalUncompressed) return 'tooLarge';
    if (
      e.uncompressedSize > ADOC_LIMITS.ratioFloorBytes &&
      e.uncompressedSize > Math.max(e.compressedSize, 1) * ADOC_LIMITS.maxCompressionRatio
    )
      return 'ratio';
  }
  const first = entries[0];
  // OCF / ASiC: "mimetype" is the first entry, stored (not compressed), so its text sits at a fixed place.
  if (!first || first.name !== 'mimetype' || first.compressionMethod !== 0 || mimetypeBytes === null) return 'noMimetype';
  if (new TextDecoder().decode(mimetypeBytes).trim() !== ADOC_MEDIA_TYPE) return 'wrongMimetype';
  const names = entries.map((e) => e.name);
  if (!names.includes('META-INF/manifest.xml')) return 'noManifest';
  if (!names.some((n) => SIGNATURE_ENTRY.test(n))) return 'noSignature';
  if (!names.some((n) => n !== 'mimetype' && !n.startsWith('META-INF/') && !isDirectory(n))) return 'noContent';
  return null;
}

/** The mimetype entry is a short text: anything longer is not read. */
export const MIMETYPE_MAX_BYTES = 256;
