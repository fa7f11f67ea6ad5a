// Small ZIP files built byte by byte (PKWARE APPNOTE 4.3: local file header, data, central directory,
// end of central directory) for the ADOC tests — including the hostile ones a ZIP writer library
// would refuse to write: `../` names, an encryption flag, sizes that lie, extreme compression.
import { crc32, deflateRawSync } from 'node:zlib';
import { ADOC_MEDIA_TYPE } from '../../workflows/domain/adoc.ts';

export interface ZipEntrySpec {
  name: string;
  data: Uint8Array | string;
  /** 0 stored (the default for `mimetype`), 8 deflated (the default otherwise). */
  method?: 0 | 8;
  /** Sets general-purpose bit 0 ("encrypted"); the data is left as it is. */
  encrypted?: boolean;
  /** Declares another uncompressed size than the real one (a lying header). */
  declaredSize?: number;
}

/**
 * The fields the local file header and its central directory record share, in the same order
 * (APPNOTE 4.3.7, 4.3.12): version needed (2.0), flags, method, DOS time and date (fixed: 00:00,
 * 1980-01-01), CRC-32, compressed and uncompressed size, name length, extra field length (none).
 */
function writeSharedFields(
  header: Buffer,
  at: number,
  f: { flags: number; method: number; crc: number; compressedSize: number; size: number; nameLength: number },
): void {
  header.writeUInt16LE(20, at);
  header.writeUInt16LE(f.flags, at + 2);
  header.writeUInt16LE(f.method, at + 4);
  header.writeUInt16LE(0, at + 6);
  header.writeUInt16LE(0x21, at + 8);
  header.writeUInt32LE(f.crc, at + 10);
  header.writeUInt32LE(f.compressedSize, at + 14);
  header.writeUInt32LE(f.size, at + 18);
  header.writeUInt16LE(f.nameLength, at + 22);
  header.writeUInt16LE(0, at + 24);
}

export function buildZip(entries: readonly ZipEntrySpec[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : Buffer.from(e.data);
    const method = e.method ?? (e.name === 'mimetype' ? 0 : 8);
    const body = method === 8 ? deflateRawSync(raw) : raw;
    const name = Buffer.from(e.name, 'utf8');
    const flags = 0x800 | (e.encrypted ? 0x1 : 0);
    const crc = crc32(raw);
    const size = e.declaredSize ?? raw.length;

    const fields = { flags, method, crc, compressedSize: body.length, size, nameLength: name.length };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeSharedFields(local, 4, fields);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    writeSharedFields(central, 6, fields);
    central.writeUInt16LE(0, 32);
    central.writeUInt16LE(0, 34);
    central.writeUInt16LE(0, 36);
    central.writeUInt32LE(0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
  <manifest:file-entry manifest:full-path="/" manifest:media-type="${ADOC_MEDIA_TYPE}"/>
  <manifest:file-entry manifest:full-path="lankomumas.pdf" manifest:media-type="application/pdf"/>
</manifest:manifest>
`;

const SIGNATURE = `<?xml version="1.0" encoding="UTF-8"?>
<document-signatures xmlns="urn:oasis:names:tc:opendocument:xmlns:digitalsignature:1.0">
  <ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#" Id="S0"><ds:SignedInfo/></ds:Signature>
</document-signatures>
`;

/** The entries of a well-formed ADOC container; tests change or drop one to make it hostile. */
export function adocEntries(): ZipEntrySpec[] {
  return [
    { name: 'mimetype', data: ADOC_MEDIA_TYPE, method: 0 },
    { name: 'META-INF/manifest.xml', data: MANIFEST },
    { name: 'META-INF/signatures0.xml', data: SIGNATURE },
    { name: 'lankomumas.pdf', data: '%PDF-1.7\n% Lankomumo žiniaraštis\n%%EOF\n' },
  ];
}

/** A well-formed ADOC container's bytes. */
export function sampleAdoc(): Uint8Array {
  return buildZip(adocEntries());
}
