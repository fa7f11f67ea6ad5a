// Checks a PDF the signing gateway returned before a signature is recorded (issue 12, "Signatures
// that anyone can verify"; CON-17, CON-20): the returned file must be the document we sent with one
// PAdES signature added as an incremental update, by the expected person's certificate issued by a
// trusted CA. Nothing here trusts the gateway: a file for another document, a tampered byte, another
// person's or another CA's signature is refused with a Lithuanian reason.
//
// What is checked, in this order:
// 1. `signed` starts with exactly the bytes of `original` (earlier revisions and signatures untouched);
// 2. the appended revision adds exactly one signature dictionary (/ByteRange), whose ByteRange
//    covers the whole file but its own /Contents hex string; the revision overrides only the
//    catalog (to add /AcroForm, /DSS), pages (to add /Annots) and the AcroForm, and has no object
//    streams, so it cannot change what the document shows;
// 3. the CMS SignedData in /Contents (adbe.pkcs7.detached or ETSI.CAdES.detached): one signer, its
//    messageDigest attribute is the hash of the ByteRange bytes, and its signature over the signed
//    attributes verifies with the signer certificate's public key (RSA PKCS #1 v1.5 or ECDSA);
// 4. the signer certificate chains to a certificate of `trustedCaPem` (intermediates from the CMS),
//    every certificate valid at the signing time and now, and its subject serialNumber is
//    PNOLT-<personal code> (ETSI EN 319 412-1) of the expected signer: the caller gives the code, or
//    (the app keeps only keyed hashes of personal codes) the stored hash and the keyed hash function,
//    and the certificate's code is hashed and compared here; it never leaves this module.
// The result carries the signature dictionary's /Reason (e.g. the provider's signer's authority,
// USERS-28), a PDF text string, and the certificate's name.
// ASN.1 is parsed with node-forge; certificates and signatures are checked with node:crypto.
import { createHash, timingSafeEqual, verify as verifySignature, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

/**
 * Who had to sign: the personal code itself, or its keyed hash as stored with `hash`, the function
 * that computed it (e.g. `(code) => hashPersonalCode(pepper, code)`).
 */
export type ExpectedSigner = { personalCode: string } | { personalCodeHash: string; hash: (personalCode: string) => string };

export interface VerifySignedPdfInput {
  /** The exact bytes sent to the gateway. */
  original: Uint8Array;
  /** The bytes the gateway returned. */
  signed: Uint8Array;
  /** The person who had to sign. */
  expectedSigner: ExpectedSigner;
  /** The trusted CA certificate(s), PEM (several may be concatenated). */
  trustedCaPem: string;
  /** The current time (tests); default now. */
  now?: Date;
}

export type VerifySignedPdfResult =
  | {
      ok: true;
      /** The certificate's common name (or given name and surname). */
      signerName: string;
      /** The signature dictionary's /Reason (signed with the rest of the dictionary), null when absent. */
      reason: string | null;
      /** ISO 8601, UTC: the CMS signingTime attribute, else the signature dictionary's /M. */
      signingTime: string;
      /** The signer certificate's serial number, hex upper case. */
      certificateSerial: string;
    }
  | { ok: false; reason: string };

/** Why a returned file is refused (what the user reads, Lithuanian). */
export const SIGNATURE_REFUSALS = {
  notIncremental: 'Grąžintas failas nėra pateikto dokumento papildymas parašu: jo turinys nesutampa su pasirašyti pateiktu dokumentu.',
  noSignature: 'Grąžintame dokumente nerastas naujas parašas.',
  severalSignatures: 'Grąžintame dokumente pridėtas daugiau nei vienas parašas.',
  byteRange: 'Parašas apima ne visą dokumentą.',
  contentChanged: 'Pasirašant pakeistas dokumento turinys.',
  malformed: 'Parašo duomenys sugadinti arba netinkamo formato.',
  unsupported: 'Parašas sukurtas nepalaikomu algoritmu.',
  digestMismatch: 'Dokumentas pakeistas po pasirašymo: parašas jo nebeatitinka.',
  badSignature: 'Parašas negalioja: jis nesukurtas pasirašiusiojo asmens sertifikatu.',
  untrusted: 'Pasirašiusiojo asmens sertifikatą išdavė nepatikimas sertifikavimo centras.',
  certificateNotValid: 'Pasirašiusiojo asmens sertifikatas pasirašymo metu negaliojo.',
  wrongPerson: 'Dokumentą pasirašė ne tas asmuo, kuris turėjo jį pasirašyti.',
  noTrustedCa: 'Nenurodytas patikimas sertifikavimo centras: parašo patikrinti neįmanoma.',
} as const;

class Refusal extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The caller's own hash function failed: its error, passed on rather than taken for a bad signature. */
class CallerFailure extends Error {}

function refuse(reason: string): never {
  throw new Refusal(reason);
}

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  subjectKeyIdentifier: '2.5.29.14',
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  givenName: '2.5.4.42',
} as const;

const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithm OIDs of SignerInfo → the key type they need. */
const SIGNATURE_ALGORITHMS: Record<string, 'rsa' | 'ec'> = {
  '1.2.840.113549.1.1.1': 'rsa', // rsaEncryption (the digest is the SignerInfo's)
  '1.2.840.113549.1.1.11': 'rsa',
  '1.2.840.113549.1.1.12': 'rsa',
  '1.2.840.113549.1.1.13': 'rsa',
  '1.2.840.10045.4.3.2': 'ec',
  '1.2.840.10045.4.3.3': 'ec',
  '1.2.840.10045.4.3.4': 'ec',
};

// ---------------------------------------------------------------------------------------------
// The PDF side: the appended revision and its signature dictionary.
// ---------------------------------------------------------------------------------------------

interface SignatureField {
  byteRange: [number, number, number, number];
  /** The CMS bytes (the hex string decoded; the zero padding after the DER is ignored). */
  contents: Buffer;
  /** The signature dictionary's /M, if any. */
  claimedTime: Date | null;
  /** The signature dictionary's /Reason, if any. */
  reason: string | null;
}

function bytesOf(data: Uint8Array): Buffer {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** A PDF date (D:YYYYMMDDHHmmSSOHH'mm) as a Date; null when unreadable. */
function pdfDate(text: string): Date | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(text);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', , sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000 : 0;
  const date = new Date(utc - offset);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Whitespace-insensitive form of a dictionary, for comparing an object with its earlier revision. */
function normalizedDictionary(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s*(<<|>>|\[|\]|\(|\))\s*/g, '$1')
    .replace(/\s+\//g, '/')
    .trim();
}

const OBJECT_HEADER = /(?<![\d])(\d+)\s+(\d+)\s+obj\b/g;

/** Body text of each object (between "n g obj" and "endobj") of a revision, by object number. */
function objectsOf(text: string): { number: number; body: string }[] {
  const objects: { number: number; body: string }[] = [];
  for (const match of text.matchAll(OBJECT_HEADER)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = text.indexOf('endobj', start);
    objects.push({ number: Number(match[1]), body: text.slice(start, end === -1 ? text.length : end) });
  }
  return objects;
}

/** The latest body of object `number` in `text` (the original file: its last revision wins). */
function latestObject(text: string, number: number): string | null {
  let found: string | null = null;
  for (const object of objectsOf(text)) if (object.number === number) found = object.body;
  return found;
}

/** The object references of a page's /Annots array. */
function annotationRefs(body: string): string[] {
  const annots = /\/Annots\s*\[([^\]]*)\]/.exec(body)?.[1] ?? '';
  return [...annots.matchAll(/(\d+)\s+(\d+)\s+R/g)].map((m) => `${m[1]} ${m[2]}`);
}

/** Drops the entries a signature is allowed to add to an existing object before comparing. */
function withoutSignatureEntries(body: string): string {
  return body
    .replace(/\/Annots\s*\[[^\]]*\]/g, '')
    .replace(/\/AcroForm\s+\d+\s+\d+\s+R/g, '')
    .replace(/\/DSS\s+\d+\s+\d+\s+R/g, '');
}

function typeOf(body: string): string | null {
  return /\/Type\s*\/(\w+)/.exec(body)?.[1] ?? null;
}

/**
 * The appended revision may add objects, and may override only the catalog, pages and the
 * AcroForm — and those only by the entries a signature adds (/AcroForm, /DSS; on a page, signature
 * widgets appended to /Annots).
 */
function checkRevision(originalText: string, revisionText: string): void {
  if (/\/Type\s*\/ObjStm\b/.test(revisionText)) refuse(SIGNATURE_REFUSALS.contentChanged);
  const size = [...originalText.matchAll(/\/Size\s+(\d+)/g)].at(-1)?.[1];
  const hasObjectStreams = /\/Type\s*\/ObjStm\b/.test(originalText);
  const revisionObjects = objectsOf(revisionText);
  const isSignatureWidget = (ref: string) => {
    const [number, generation] = ref.split(' ');
    return revisionObjects.some((o) => String(o.number) === number && generation === '0' && /\/FT\s*\/Sig\b/.test(o.body));
  };
  for (const object of revisionObjects) {
    // An object the original defines, or (hidden in an object stream) one below its /Size. A number
    // below /Size that the original never defines is a free entry: a signer may use it for a new
    // object (@signpdf/placeholder-plain's second revision declares one more than it writes).
    const existed =
      latestObject(originalText, object.number) !== null || (hasObjectStreams && size !== undefined && object.number < Number(size));
    if (!existed) continue;
    const type = typeOf(object.body);
    if (type === 'AcroForm') continue;
    if ((type !== 'Catalog' && type !== 'Page') || /\bstream\b/.test(object.body)) refuse(SIGNATURE_REFUSALS.contentChanged);
    const before = latestObject(originalText, object.number);
    if (before === null) refuse(SIGNATURE_REFUSALS.contentChanged);
    if (normalizedDictionary(withoutSignatureEntries(before)) !== normalizedDictionary(withoutSignatureEntries(object.body))) {
      refuse(SIGNATURE_REFUSALS.contentChanged);
    }
    if (type === 'Page') {
      const kept = annotationRefs(before);
      const now = annotationRefs(object.body);
      const added = now.filter((ref) => !kept.includes(ref));
      if (kept.some((ref) => !now.includes(ref)) || !added.every(isSignatureWidget)) refuse(SIGNATURE_REFUSALS.contentChanged);
    }
  }
}

/** Finds the one signature dictionary of the appended revision and checks its ByteRange. */
function signatureField(signed: Buffer, originalLength: number): SignatureField {
  const text = signed.toString('latin1');
  const revision = text.slice(originalLength);
  const ranges = [...revision.matchAll(/\/ByteRange\s*\[([^\]]*)\]/g)];
  if (ranges.length === 0) refuse(SIGNATURE_REFUSALS.noSignature);
  if (ranges.length > 1) refuse(SIGNATURE_REFUSALS.severalSignatures);
  const range = ranges[0] as RegExpMatchArray;
  const numbers = (range[1] ?? '').trim().split(/\s+/);
  if (numbers.length !== 4 || numbers.some((n) => !/^\d+$/.test(n))) refuse(SIGNATURE_REFUSALS.byteRange);
  const [a, b, c, d] = numbers.map(Number) as [number, number, number, number];
  // The gap is this revision's /Contents hex string, and everything else is signed.
  if (a !== 0 || b <= originalLength || c <= b + 1 || c + d !== signed.length) refuse(SIGNATURE_REFUSALS.byteRange);
  if (text[b] !== '<' || text[c - 1] !== '>' || !/\/Contents\s*$/.test(text.slice(Math.max(0, b - 64), b))) {
    refuse(SIGNATURE_REFUSALS.byteRange);
  }
  const hex = text.slice(b + 1, c - 1);
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) refuse(SIGNATURE_REFUSALS.malformed);
  // ByteRange and Contents belong to one dictionary: the object around the ByteRange.
  const rangeAt = originalLength + (range.index ?? 0);
  const objectStart = text.lastIndexOf(' obj', rangeAt);
  const objectEnd = text.indexOf('endobj', rangeAt);
  if (objectStart < originalLength || objectEnd === -1 || b < objectStart || c > objectEnd) refuse(SIGNATURE_REFUSALS.byteRange);
  const dictionary = text.slice(objectStart, b) + text.slice(c, objectEnd);
  const subFilter = /\/SubFilter\s*\/([\w.]+)/.exec(dictionary)?.[1];
  if (subFilter !== 'adbe.pkcs7.detached' && subFilter !== 'ETSI.CAdES.detached') refuse(SIGNATURE_REFUSALS.unsupported);
  const m = /\/M\s*\(([^)]*)\)/.exec(dictionary)?.[1];
  // The same dictionary, parsed, with an empty string where /Contents was.
  const strings = dictionaryStrings(text.slice(objectStart + ' obj'.length, b) + '<>' + text.slice(c, objectEnd));
  const reason = strings.get('Reason');
  return {
    byteRange: [a, b, c, d],
    contents: Buffer.from(hex, 'hex'),
    claimedTime: m ? pdfDate(m) : null,
    reason: reason === undefined ? null : pdfTextString(reason),
  };
}

// ---------------------------------------------------------------------------------------------
// PDF dictionary syntax (ISO 32000-1 §7.2–7.3), enough to read the signature dictionary's strings.
// ---------------------------------------------------------------------------------------------

type Token =
  | { kind: 'open-dict' | 'close-dict' | 'open-array' | 'close-array' }
  | { kind: 'name' | 'other'; text: string }
  | { kind: 'string'; bytes: Buffer };

const WHITESPACE = new Set(['\0', '\t', '\n', '\f', '\r', ' ']);
const DELIMITERS = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);
const ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c, '(': 0x28, ')': 0x29, '\\': 0x5c };

/** Tokens of `source` (a latin1 string: one character per byte). */
function* tokens(source: string): Generator<Token> {
  let i = 0;
  const regularEnd = (from: number) => {
    let j = from;
    while (j < source.length && !WHITESPACE.has(source[j] as string) && !DELIMITERS.has(source[j] as string)) j++;
    return j;
  };
  while (i < source.length) {
    const ch = source[i] as string;
    if (WHITESPACE.has(ch)) {
      i++;
    } else if (ch === '%') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (source.startsWith('<<', i) || source.startsWith('>>', i)) {
      yield { kind: ch === '<' ? 'open-dict' : 'close-dict' };
      i += 2;
    } else if (ch === '[' || ch === ']') {
      yield { kind: ch === '[' ? 'open-array' : 'close-array' };
      i++;
    } else if (ch === '/') {
      const end = regularEnd(i + 1);
      yield { kind: 'name', text: source.slice(i + 1, end) };
      i = end;
    } else if (ch === '<') {
      const end = source.indexOf('>', i);
      if (end === -1) refuse(SIGNATURE_REFUSALS.malformed);
      const hex = source.slice(i + 1, end).replace(/[\0\t\n\f\r ]/g, '');
      if (!/^[0-9a-fA-F]*$/.test(hex)) refuse(SIGNATURE_REFUSALS.malformed);
      yield { kind: 'string', bytes: Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex') };
      i = end + 1;
    } else if (ch === '(') {
      const bytes: number[] = [];
      let depth = 1;
      i++;
      for (;;) {
        if (i >= source.length) refuse(SIGNATURE_REFUSALS.malformed);
        const c = source[i] as string;
        if (c === '\\') {
          const next = source[i + 1] ?? '';
          const octal = /^[0-7]{1,3}/.exec(source.slice(i + 1, i + 4))?.[0];
          if (octal) {
            bytes.push(parseInt(octal, 8) & 0xff);
            i += 1 + octal.length;
          } else if (next === '\r' || next === '\n') {
            // A line continuation: the backslash and the end of line are not part of the string.
            i += next === '\r' && source[i + 2] === '\n' ? 3 : 2;
          } else {
            bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
            i += 2;
          }
        } else if (c === '\r') {
          // An end of line in a literal string is a line feed, whatever it was written as.
          bytes.push(0x0a);
          i += source[i + 1] === '\n' ? 2 : 1;
        } else {
          if (c === '(') depth++;
          if (c === ')' && --depth === 0) break;
          bytes.push(c.charCodeAt(0));
          i++;
        }
      }
      yield { kind: 'string', bytes: Buffer.from(bytes) };
      i++;
    } else {
      const end = Math.max(regularEnd(i), i + 1);
      yield { kind: 'other', text: source.slice(i, end) };
      i = end;
    }
  }
}

/**
 * The string values of the dictionary `source` begins with, by key (nested dictionaries and arrays
 * are skipped). Anything that is not one well-formed dictionary is malformed.
 */
function dictionaryStrings(source: string): Map<string, Buffer> {
  const stream = tokens(source);
  const next = (): Token => {
    const { value, done } = stream.next();
    if (done) refuse(SIGNATURE_REFUSALS.malformed);
    return value;
  };
  const skipContainer = (close: 'close-dict' | 'close-array') => {
    const stack: string[] = [close];
    while (stack.length > 0) {
      const token = next();
      if (token.kind === 'open-dict') stack.push('close-dict');
      else if (token.kind === 'open-array') stack.push('close-array');
      else if (token.kind === 'close-dict' || token.kind === 'close-array') {
        if (stack.pop() !== token.kind) refuse(SIGNATURE_REFUSALS.malformed);
      }
    }
  };
  if (next().kind !== 'open-dict') refuse(SIGNATURE_REFUSALS.malformed);
  const strings = new Map<string, Buffer>();
  const seen = new Set<string>();
  let pending: Token | null = null;
  for (;;) {
    const key = pending ?? next();
    pending = null;
    if (key.kind === 'close-dict') return strings;
    if (key.kind !== 'name' || seen.has(key.text)) refuse(SIGNATURE_REFUSALS.malformed);
    seen.add(key.text);
    const value = next();
    if (value.kind === 'string') strings.set(key.text, value.bytes);
    else if (value.kind === 'open-dict') skipContainer('close-dict');
    else if (value.kind === 'open-array') skipContainer('close-array');
    else if (value.kind === 'other' && /^\d+$/.test(value.text)) {
      // A number, or the first of "n g R".
      const second = next();
      if (second.kind === 'other' && /^\d+$/.test(second.text)) {
        const r = next();
        if (r.kind !== 'other' || r.text !== 'R') refuse(SIGNATURE_REFUSALS.malformed);
      } else {
        pending = second;
      }
    } else if (value.kind !== 'name' && value.kind !== 'other') {
      refuse(SIGNATURE_REFUSALS.malformed);
    }
  }
}

/**
 * A PDF text string's bytes as text: UTF-16BE after a byte order mark, UTF-8 after one (PDF 2.0),
 * else PDFDocEncoding, read here as Latin-1 (the two differ only in a few rarely used bytes).
 */
function pdfTextString(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    return body.swap16().toString('utf16le');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1');
}

// ---------------------------------------------------------------------------------------------
// The CMS side.
// ---------------------------------------------------------------------------------------------

type Node = forge.asn1.Asn1;
const { Class, Type } = forge.asn1;

function children(node: Node | undefined): Node[] {
  if (!node || !Array.isArray(node.value)) refuse(SIGNATURE_REFUSALS.malformed);
  return node.value as Node[];
}

function primitive(node: Node | undefined, type: number): string {
  if (!node || node.tagClass !== Class.UNIVERSAL || node.type !== type || typeof node.value !== 'string') {
    refuse(SIGNATURE_REFUSALS.malformed);
  }
  return node.value as string;
}

function oid(node: Node | undefined): string {
  return forge.asn1.derToOid(primitive(node, Type.OID));
}

function isContext(node: Node | undefined, tag: number): boolean {
  return node?.tagClass === Class.CONTEXT_SPECIFIC && node.type === tag;
}

function der(node: Node): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

function parseDer(bytes: Buffer, all: boolean): Node {
  try {
    // decodeBitStrings: false keeps BIT STRINGs as they are, so re-encoding gives the same bytes.
    const options = { strict: true, parseAllBytes: all, decodeBitStrings: false };
    return forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')), options as unknown as boolean);
  } catch {
    refuse(SIGNATURE_REFUSALS.malformed);
  }
}

/** An ASN.1 string value (UTF8String, PrintableString, IA5String, TeletexString, BMPString) as text. */
function stringValue(node: Node): string {
  const raw = typeof node.value === 'string' ? node.value : '';
  if (node.type === Type.UTF8) return forge.util.decodeUtf8(raw);
  if (node.type === Type.BMPSTRING) return Buffer.from(raw, 'binary').swap16().toString('utf16le');
  return raw;
}

interface ParsedCertificate {
  x509: X509Certificate;
  issuerDer: Buffer;
  serialHex: string;
  subject: Map<string, string>;
  subjectKeyId: string | null;
}

function normalizedSerial(bytes: string): string {
  return Buffer.from(bytes, 'binary')
    .toString('hex')
    .replace(/^(00)+(?=.)/, '')
    .toUpperCase();
}

function parseCertificate(node: Node): ParsedCertificate {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(der(node));
  } catch {
    refuse(SIGNATURE_REFUSALS.malformed);
  }
  const tbs = children(children(node)[0]);
  const at = isContext(tbs[0], 0) ? 1 : 0;
  const subject = new Map<string, string>();
  for (const rdn of children(tbs[at + 4])) {
    for (const attribute of children(rdn)) {
      const [type, value] = children(attribute);
      if (value) subject.set(oid(type), stringValue(value));
    }
  }
  let subjectKeyId: string | null = null;
  const extensions = tbs.slice(at + 6).find((n) => isContext(n, 3));
  if (extensions) {
    for (const extension of children(children(extensions)[0])) {
      const parts = children(extension);
      if (oid(parts[0]) === OID.subjectKeyIdentifier) {
        const inner = parseDer(Buffer.from(primitive(parts.at(-1), Type.OCTETSTRING), 'binary'), true);
        subjectKeyId = Buffer.from(primitive(inner, Type.OCTETSTRING), 'binary').toString('hex');
      }
    }
  }
  return {
    x509,
    issuerDer: der(tbs[at + 2] as Node),
    serialHex: normalizedSerial(primitive(tbs[at], Type.INTEGER)),
    subject,
    subjectKeyId,
  };
}

interface ParsedSignerInfo {
  digest: string;
  keyType: 'rsa' | 'ec';
  signedAttributes: Buffer;
  signature: Buffer;
  attributes: Map<string, Node[]>;
  matches(certificate: ParsedCertificate): boolean;
}

function parseSignedData(cms: Buffer): { certificates: ParsedCertificate[]; signer: ParsedSignerInfo } {
  const contentInfo = children(parseDer(cms, false));
  if (oid(contentInfo[0]) !== OID.signedData || !isContext(contentInfo[1], 0)) refuse(SIGNATURE_REFUSALS.malformed);
  const signedData = children(children(contentInfo[1])[0]);
  const encapsulated = children(signedData[2]);
  // Detached: the signed bytes are the ByteRange, never content inside the CMS.
  if (oid(encapsulated[0]) !== OID.data || encapsulated.length > 1) refuse(SIGNATURE_REFUSALS.malformed);
  const certificates = signedData
    .slice(3)
    .filter((n) => isContext(n, 0))
    .flatMap((n) => children(n))
    .filter((n) => n.tagClass === Class.UNIVERSAL && n.type === Type.SEQUENCE)
    .map(parseCertificate);
  const signerInfos = children(signedData.at(-1));
  if (signerInfos.length !== 1) refuse(SIGNATURE_REFUSALS.malformed);
  const info = children(signerInfos[0]);
  const [, sid, digestAlgorithm, signedAttributes, signatureAlgorithm, signature] = info;
  if (!isContext(signedAttributes, 0)) refuse(SIGNATURE_REFUSALS.malformed);
  const digest = DIGESTS[oid(children(digestAlgorithm)[0])];
  const keyType = SIGNATURE_ALGORITHMS[oid(children(signatureAlgorithm)[0])];
  if (!digest || !keyType) refuse(SIGNATURE_REFUSALS.unsupported);
  const attributes = new Map<string, Node[]>();
  for (const attribute of children(signedAttributes)) {
    const [type, values] = children(attribute);
    const key = oid(type);
    if (attributes.has(key)) refuse(SIGNATURE_REFUSALS.malformed);
    attributes.set(key, children(values));
  }
  let matches: (certificate: ParsedCertificate) => boolean;
  if (isContext(sid, 0)) {
    const keyId = Buffer.from(typeof sid?.value === 'string' ? sid.value : '', 'binary').toString('hex');
    matches = (c) => c.subjectKeyId === keyId;
  } else {
    const [issuer, serial] = children(sid);
    const issuerDer = der(issuer as Node);
    const serialHex = normalizedSerial(primitive(serial, Type.INTEGER));
    matches = (c) => c.serialHex === serialHex && c.issuerDer.equals(issuerDer);
  }
  return {
    certificates,
    signer: {
      digest,
      keyType,
      // The signature is over the attributes DER-encoded as a SET OF (RFC 5652 §5.4), not as [0].
      signedAttributes: der(forge.asn1.create(Class.UNIVERSAL, Type.SET, true, children(signedAttributes))),
      signature: Buffer.from(primitive(signature, Type.OCTETSTRING), 'binary'),
      attributes,
      matches,
    },
  };
}

function single(attributes: Map<string, Node[]>, key: string): Node | null {
  const values = attributes.get(key);
  if (values === undefined) return null;
  if (values.length !== 1) refuse(SIGNATURE_REFUSALS.malformed);
  return values[0] as Node;
}

function signingTimeAttribute(node: Node | null): Date | null {
  if (!node || typeof node.value !== 'string') return null;
  if (node.type === Type.UTCTIME) return forge.asn1.utcTimeToDate(node.value);
  if (node.type === Type.GENERALIZEDTIME) return forge.asn1.generalizedTimeToDate(node.value);
  refuse(SIGNATURE_REFUSALS.malformed);
}

function validAt(certificate: X509Certificate, time: Date): boolean {
  return certificate.validFromDate.getTime() <= time.getTime() && time.getTime() <= certificate.validToDate.getTime();
}

function trustedCertificates(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  const certificates: X509Certificate[] = [];
  for (const block of blocks) {
    try {
      certificates.push(new X509Certificate(block));
    } catch {
      // An unreadable trusted certificate trusts nothing.
    }
  }
  return certificates;
}

/** Walks from the signer certificate up to a trusted CA through the CMS's certificates (at most 5 steps). */
function checkChain(signerCertificate: X509Certificate, pool: X509Certificate[], trusted: X509Certificate[], times: Date[]): void {
  let current = signerCertificate;
  for (let depth = 0; depth < 5; depth++) {
    if (!times.every((t) => validAt(current, t))) refuse(SIGNATURE_REFUSALS.certificateNotValid);
    const issuedBy = (issuer: X509Certificate) => issuer.ca && current.checkIssued(issuer) && current.verify(issuer.publicKey);
    const anchor = trusted.find(issuedBy);
    if (anchor) {
      if (!times.every((t) => validAt(anchor, t))) refuse(SIGNATURE_REFUSALS.certificateNotValid);
      return;
    }
    const next = pool.find((c) => c !== current && c.fingerprint256 !== current.fingerprint256 && issuedBy(c));
    if (!next) refuse(SIGNATURE_REFUSALS.untrusted);
    current = next;
  }
  refuse(SIGNATURE_REFUSALS.untrusted);
}

function verifyOrRefuse(input: VerifySignedPdfInput): Extract<VerifySignedPdfResult, { ok: true }> {
  const original = bytesOf(input.original);
  const signed = bytesOf(input.signed);
  const now = input.now ?? new Date();
  const trusted = trustedCertificates(input.trustedCaPem);
  if (trusted.length === 0) refuse(SIGNATURE_REFUSALS.noTrustedCa);

  // 1. Incremental: the original bytes, unchanged, then one appended revision.
  if (signed.length <= original.length || !signed.subarray(0, original.length).equals(original)) {
    refuse(SIGNATURE_REFUSALS.notIncremental);
  }
  // 2. One signature dictionary whose ByteRange covers everything but its Contents.
  const field = signatureField(signed, original.length);
  const [, b, c, d] = field.byteRange;
  const text = signed.toString('latin1');
  checkRevision(text.slice(0, original.length), text.slice(original.length, b) + text.slice(c));

  // 3. The CMS: message digest over the ByteRange, signature over the signed attributes.
  const { certificates, signer } = parseSignedData(field.contents);
  const contentType = single(signer.attributes, OID.contentType);
  const messageDigest = single(signer.attributes, OID.messageDigest);
  if (!contentType || oid(contentType) !== OID.data || !messageDigest) refuse(SIGNATURE_REFUSALS.malformed);
  const digest = createHash(signer.digest)
    .update(signed.subarray(0, b))
    .update(signed.subarray(c, c + d))
    .digest();
  if (!digest.equals(Buffer.from(primitive(messageDigest, Type.OCTETSTRING), 'binary'))) refuse(SIGNATURE_REFUSALS.digestMismatch);
  const signerCertificate = certificates.find((cert) => signer.matches(cert));
  if (!signerCertificate) refuse(SIGNATURE_REFUSALS.badSignature);
  const key = signerCertificate.x509.publicKey;
  if (key.asymmetricKeyType !== signer.keyType) refuse(SIGNATURE_REFUSALS.unsupported);
  let valid = false;
  try {
    valid = verifySignature(signer.digest, signer.signedAttributes, key, signer.signature);
  } catch {
    valid = false;
  }
  if (!valid) refuse(SIGNATURE_REFUSALS.badSignature);

  // 4. The certificate: a trusted chain, valid then and now, and the expected person.
  const signingTime = signingTimeAttribute(single(signer.attributes, OID.signingTime)) ?? field.claimedTime ?? now;
  if (signerCertificate.x509.ca) refuse(SIGNATURE_REFUSALS.untrusted);
  checkChain(
    signerCertificate.x509,
    certificates.map((cert) => cert.x509),
    trusted,
    [signingTime, now],
  );
  if (!isExpectedSigner(signerCertificate.subject.get(OID.serialNumber), input.expectedSigner)) refuse(SIGNATURE_REFUSALS.wrongPerson);

  const commonName = signerCertificate.subject.get(OID.commonName);
  const fullName = [signerCertificate.subject.get(OID.givenName), signerCertificate.subject.get(OID.surname)].filter(Boolean).join(' ');
  return {
    ok: true,
    signerName: commonName ?? fullName,
    reason: field.reason,
    signingTime: signingTime.toISOString(),
    certificateSerial: signerCertificate.x509.serialNumber.toUpperCase(),
  };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether the certificate's serialNumber (PNOLT-<11 digits>) is the expected signer's personal code. */
function isExpectedSigner(serialNumber: string | undefined, expected: ExpectedSigner): boolean {
  const personalCode = /^PNOLT-(\d{11})$/.exec(serialNumber ?? '')?.[1];
  if (personalCode === undefined) return false;
  if ('personalCode' in expected) return sameText(personalCode, expected.personalCode);
  let hash: string;
  try {
    hash = expected.hash(personalCode);
  } catch (err) {
    throw new CallerFailure("the expected signer's hash function failed", { cause: err });
  }
  return sameText(hash, expected.personalCodeHash);
}

/**
 * Verifies the file a signing gateway returned against the document that was sent (see the file
 * comment). Refusals are returned, never thrown; only an error of the caller's `hash` is thrown.
 */
export function verifySignedPdf(input: VerifySignedPdfInput): VerifySignedPdfResult {
  try {
    return verifyOrRefuse(input);
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, reason: err.reason };
    if (err instanceof CallerFailure) throw err.cause;
    // A parser's surprise on hostile input is a malformed signature, never a crash of the caller.
    return { ok: false, reason: SIGNATURE_REFUSALS.malformed };
  }
}
