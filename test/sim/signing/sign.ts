// Adds one signature to a PDF the way a signing gateway does: an incremental update appended to the
// original bytes (@signpdf/placeholder-plain adds the signature dictionary, its widget, the AcroForm
// and a new cross-reference section; earlier signatures stay valid), then @signpdf/signpdf fills
// in the ByteRange and the CMS SignedData made by node-forge: SHA-256, signed attributes
// contentType, signingTime and messageDigest, the signer's certificate and its chain. The RSA
// operation itself is node:crypto's (forge's JavaScript one takes ~30 ms, too slow for bulk signing).
// SubFilter adbe.pkcs7.detached: PAdES Basic (ETSI TS 102 778-2), which pdfsig verifies.
// The dictionary's text strings (/Reason, /Name, /Location) are any Unicode text, written as the
// product's seal writes them (signIncrementally: placeholders swapped for UTF-16BE hex strings).
// No visible appearance: the widget stays 0×0 (Lithuanian text in an appearance stream would need an
// embedded font in the signature's revision; the signer and reason are in the signature dictionary).
import { constants, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import { Signer } from '@signpdf/signpdf';
import { signIncrementally } from '../../../activities/signing/seal.ts';
import type { SigningIdentity } from './ca.ts';

/** Room for the CMS (hex doubles it): a 2048-bit signature with two certificates needs about 3 KB. */
const SIGNATURE_BYTES = 8192;

/** DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2): followed by the 32-byte hash. */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

interface PreparedIdentity {
  certificate: forge.pki.Certificate;
  chain: forge.pki.Certificate[];
  /** What forge calls to sign the attributes: RSASSA-PKCS1-v1_5 by node:crypto. */
  key: { sign(md: forge.md.MessageDigest): string };
}

const prepared = new WeakMap<SigningIdentity, PreparedIdentity>();

function prepare(identity: SigningIdentity): PreparedIdentity {
  const known = prepared.get(identity);
  if (known) return known;
  const certificate = forge.pki.certificateFromPem(identity.certificatePem);
  // forge keeps a parsed UTF8String as its UTF-8 bytes but encodes one from text: without this the
  // SignerInfo's issuer name (written from these attributes) would be encoded twice and match no certificate.
  for (const attribute of certificate.issuer.attributes) {
    if ((attribute.valueTagClass as unknown as forge.asn1.Type) === forge.asn1.Type.UTF8 && typeof attribute.value === 'string') {
      attribute.value = forge.util.decodeUtf8(attribute.value);
    }
  }
  const privateKey: KeyObject = createPrivateKey(identity.privateKeyPem);
  const result: PreparedIdentity = {
    certificate,
    chain: identity.chainPem.map((pem) => forge.pki.certificateFromPem(pem)),
    key: {
      sign(md) {
        if (md.algorithm !== 'sha256') throw new Error(`unexpected digest ${md.algorithm}`);
        const digestInfo = Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')]);
        return privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
      },
    },
  };
  prepared.set(identity, result);
  return result;
}

class ForgeSigner extends Signer {
  constructor(private readonly identity: SigningIdentity) {
    super();
  }

  override async sign(signedBytes: Buffer, signingTime?: Date): Promise<Buffer> {
    const { certificate, chain, key } = prepare(this.identity);
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(signedBytes.toString('binary'));
    p7.addCertificate(certificate);
    for (const issuer of chain) p7.addCertificate(issuer);
    p7.addSigner({
      key: key as unknown as forge.pki.rsa.PrivateKey,
      certificate,
      digestAlgorithm: forge.pki.oids.sha256 as string,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType as string, value: forge.pki.oids.data as string },
        // forge encodes a Date (its typings say string).
        { type: forge.pki.oids.signingTime as string, value: (signingTime ?? new Date()) as unknown as string },
        { type: forge.pki.oids.messageDigest as string },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

export interface SignatureDetails {
  /** The signature dictionary's /Name: the certificate's name (any Unicode text, as the others). */
  name: string;
  /** /Reason, e.g. on whose behalf and under which authority the person signs (USERS-28). */
  reason: string;
  location?: string;
  signingTime: Date;
}

/**
 * `pdf` with one more signature by `identity`. The result starts with exactly the bytes of `pdf`
 * when `pdf` ends with "%%EOF" or "%%EOF\n" (the library drops one trailing end-of-line and adds
 * its own); anything else is refused, so an earlier revision is never rewritten.
 */
export async function signPdfIncrementally(pdf: Uint8Array, identity: SigningIdentity, details: SignatureDetails): Promise<Buffer> {
  return signIncrementally(pdf, new ForgeSigner(identity), {
    texts: { Reason: details.reason, Name: details.name, Location: details.location ?? 'Lietuva' },
    signingTime: details.signingTime,
    signatureLength: SIGNATURE_BYTES,
    appName: 'KURSUOK-pasirasymo-simuliatorius',
    fail: (message) => new Error(message),
  });
}

/** Whether a signature can be added to `pdf` (a dry run of the placeholder: its structure is readable). */
export function canAddSignature(pdf: Uint8Array): boolean {
  try {
    plainAddPlaceholder({
      pdfBuffer: Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength),
      reason: '',
      contactInfo: '',
      name: '',
      location: '',
      signatureLength: SIGNATURE_BYTES,
    });
    return true;
  } catch {
    return false;
  }
}
