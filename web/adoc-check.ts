// Reads an uploaded ".adoc" (UZTDOC-6) with a maintained ZIP reader — yauzl 3, which follows the
// central directory, never trusts local headers, and checks each entry's real size against the one
// it declares — and hands what it saw to the pure rules of workflows/domain/adoc.ts. Names are read
// undecoded (decodeStrings: false) so that the rules, not the library, judge `..`, absolute paths
// and backslashes and can name the refusal. After the directory passes, every entry is inflated
// once through a byte counter, so a container that lies about its sizes is refused too.
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import {
  ADOC_LIMITS,
  ADOC_MESSAGES,
  checkAdocEntries,
  MIMETYPE_MAX_BYTES,
  type AdocEntryInfo,
  type AdocRefusal,
} from '../workflows/domain/adoc.ts';

export type AdocCheck = { ok: true; entries: AdocEntryInfo[] } | { ok: false; refusal: AdocRefusal; error: string };

const refuse = (refusal: AdocRefusal): AdocCheck => ({ ok: false, refusal, error: ADOC_MESSAGES[refusal] });

/** "PK\x03\x04": a ZIP file starts with a local file header. */
const startsLikeZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function openZip(bytes: Uint8Array): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true },
      (err, zip) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip)),
    );
  });
}

/** The entry's name: UTF-8 when its flag says so, else the bytes as Latin-1 (enough to see `/`, `\`, `..`). */
function entryName(entry: Entry): string {
  const raw: unknown = entry.fileName;
  if (typeof raw === 'string') return raw;
  const buf = raw as Buffer;
  return (entry.generalPurposeBitFlag & 0x800) !== 0 ? buf.toString('utf8') : buf.toString('latin1');
}

/** Every central-directory record, in order (yauzl refuses strong encryption and broken records itself). */
function readDirectory(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      if (entries.length > ADOC_LIMITS.maxEntries) {
        resolve(entries);
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** An entry's bytes, at most `limit` of them (more rejects). */
function readEntry(zip: ZipFile, entry: Entry, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        reject(err ?? new Error('no stream'));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          stream.unpipe();
          stream.destroy(new Error('entry larger than allowed'));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

/** Inflates an entry through a counter without keeping it; rejects when it is longer (or shorter) than declared. */
function drainEntry(zip: ZipFile, entry: Entry, budget: { left: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        reject(err ?? new Error('no stream'));
        return;
      }
      stream.on('data', (chunk: Buffer) => {
        budget.left -= chunk.length;
        if (budget.left < 0) stream.destroy(new Error('total size over the limit'));
      });
      stream.on('error', reject);
      stream.on('end', () => resolve());
    });
  });
}

function isEncryptionError(err: unknown): boolean {
  return err instanceof Error && /encrypt/i.test(err.message);
}

/** Whether `bytes` are an acceptable ADOC container; the refusal in Lithuanian when not. */
export async function checkAdoc(bytes: Uint8Array): Promise<AdocCheck> {
  if (!startsLikeZip(bytes)) return refuse('notZip');
  let zip: ZipFile;
  try {
    zip = await openZip(bytes);
  } catch {
    return refuse('notZip');
  }
  let raw: Entry[];
  try {
    raw = await readDirectory(zip);
  } catch (err) {
    return refuse(isEncryptionError(err) ? 'encrypted' : 'corrupt');
  }
  const entries: AdocEntryInfo[] = raw.map((e) => ({
    name: entryName(e),
    compressedSize: e.compressedSize,
    uncompressedSize: e.uncompressedSize,
    compressionMethod: e.compressionMethod,
    encrypted: (e.generalPurposeBitFlag & 0x1) !== 0,
  }));
  // The mimetype's text is read only when the entry is what OCF asks for (first, stored, short, plain).
  const first = raw[0];
  const firstInfo = entries[0];
  let mimetype: Uint8Array | null = null;
  if (
    first &&
    firstInfo &&
    firstInfo.name === 'mimetype' &&
    firstInfo.compressionMethod === 0 &&
    !firstInfo.encrypted &&
    firstInfo.uncompressedSize <= MIMETYPE_MAX_BYTES
  ) {
    try {
      mimetype = await readEntry(zip, first, MIMETYPE_MAX_BYTES);
    } catch {
      return refuse('corrupt');
    }
  }
  const refusal = checkAdocEntries(entries, mimetype);
  if (refusal) return refuse(refusal);
  const budget = { left: ADOC_LIMITS.maxTotalUncompressed };
  try {
    for (const entry of raw) {
      if (entryName(entry).endsWith('/')) continue;
      await drainEntry(zip, entry, budget);
    }
  } catch {
    return refuse(budget.left < 0 ? 'tooLarge' : 'corrupt');
  }
  return { ok: true, entries };
}
