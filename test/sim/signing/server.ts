// Signing gateway simulator (issue 12, "Signatures that anyone can verify"): what Lithuanian
// qualified e-signatures go through, served over plain node:http. The app creates a signing
// session with one or more PDFs (several: bulk signing with one confirmation, CON-5) and the
// expected signer; the signer's browser opens the session's page, sees what is signed (titles,
// SHA-256, links to the documents) and presses „Pasirašyti“, which
// requires a fresh VIISP authentication (the gateway is an OpenID Connect client of the VIISP
// simulator: prompt=login, max_age=0, PKCE). When the app named the signer's personal code, only
// that person may sign: anyone else is refused and nothing is signed. The app may leave the code
// out (it keeps only keyed hashes of personal codes): then whoever authenticates signs, and the app
// checks the certificate's personal code against its hash (activities/signing/verify.ts). On
// success the gateway adds a PAdES signature by a certificate of its test CA (ca.ts) for the person
// VIISP authenticated, as an incremental update (sign.ts) whose /Reason is the document's `reason`
// (e.g. the provider's signer's name and authority, USERS-28) and whose /Name is the certificate's
// name, and sends the browser back to the app's return URL with ?session=<id>&status=signed|refused|cancelled.
//
//   API (HTTP Basic: the app's client id and secret)
//     POST /sessions          {documents: [{title, fileName?, reference?, reason?, contentBase64}] (1–500),
//                              signer: {personalCode?, name}, returnUrl, reference}  (Idempotency-Key optional)
//                             (reason: the signature's /Reason on that document, default „Dokumento pasirašymas“)
//                             → 201 {sessionId, signUrl, expiresAt, documents: [{index, documentSha256}]}
//     GET  /sessions/:id[?content=0]
//                             → {sessionId, reference, status: pending|signed|refused|cancelled|expired,
//                              expiresAt, signedAt?, reason?, documents: [{index, reference?, title,
//                              documentSha256, signedPdfBase64? (when signed, unless content=0)}]}
//     GET  /sessions/:id/documents/:index → the signed PDF (409 until signed)
//   Signer's browser
//     GET  /pasirasyti/:id               the page; GET /pasirasyti/:id/dokumentai/:index a PDF
//     POST /pasirasyti/:id               „Pasirašyti“ → VIISP;  POST /pasirasyti/:id/atsisakyti „Atsisakyti“
//     GET  /viisp/atgal                  the VIISP redirect URI
//   Public: GET /ca.pem (the test CA's certificate)
//   Tests only (testControl: true): POST /_control/sessions/:id/sign {personalCode} ·
//     POST /_control/sessions/:id/cancel — the signer's confirmation without a browser.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import * as oidc from 'openid-client';
import { z } from 'zod';
import { findPerson } from '../viisp/people.ts';
import { createTestCa, type TestCa } from './ca.ts';
import { canAddSignature, signPdfIncrementally } from './sign.ts';
import { pkcs12Of, simulatorSeal } from './seal.ts';
import { SIMULATOR_SEAL_PASSPHRASE } from '../../../worker/config.ts';
import { escapeHtml, simulatorPage } from '../page.ts';

export type SigningSessionStatus = 'pending' | 'signed' | 'refused' | 'cancelled' | 'expired';

export interface SigningGatewayClient {
  clientId: string;
  clientSecret: string;
}

export interface SigningGatewayOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1; 'localhost' for the development address http://localhost:3003. */
  host?: string;
  /** The applications allowed to create sessions. */
  clients: SigningGatewayClient[];
  /**
   * The gateway as a client of VIISP; register `viispRedirectUri` with the VIISP simulator. The
   * issuer may be given as a function when VIISP starts after the gateway (its redirect URI needs
   * the gateway's port): it is read at the first signing.
   */
  viisp: { issuer: string | (() => string); clientId: string; clientSecret: string };
  /** The test CA (default: a new one in memory). */
  ca?: TestCa;
  /** Enables /_control (sign or cancel without a browser). Never in production-like runs. */
  testControl?: boolean;
  /** How long a session waits for the signer (default 30 minutes). */
  sessionTtlSeconds?: number;
}

export interface SigningGatewaySimulator {
  /** e.g. http://127.0.0.1:3003 */
  url: string;
  /** The redirect URI to register with VIISP for this gateway. */
  viispRedirectUri: string;
  /** The test CA's certificate (PEM): what the app trusts (SIGNING_TRUSTED_CA_PEM). */
  caCertificatePem: string;
  /** The app's settings for this gateway, with the first client's credentials. */
  env: Record<string, string>;
  /** Signs (or refuses) a pending session as if `personalCode` confirmed it: the /_control path. */
  signAs(sessionId: string, personalCode: string): Promise<{ status: SigningSessionStatus; reason?: string }>;
  /** Sessions created so far (tests count them). */
  sessionCount(): number;
  close(): Promise<void>;
}

/** What the gateway tells a signer or the app when it refuses (Lithuanian). */
export const GATEWAY_MESSAGES = {
  wrongPerson: 'Prisijungęs asmuo nėra šio dokumento pasirašytojas. Dokumentas nepasirašytas.',
  staleAuthentication: 'Pasirašymą būtina patvirtinti naujai prisijungus per VIISP. Dokumentas nepasirašytas.',
  cancelledByVIISP: 'Prisijungimas per VIISP atšauktas. Dokumentas nepasirašytas.',
  notFound: 'Pasirašymo sesija nerasta.',
  expired: 'Pasirašymo sesijos laikas baigėsi. Dokumentas nepasirašytas.',
} as const;

interface SessionDocument {
  title: string;
  fileName: string;
  reference?: string;
  /** The signature's /Reason on this document. */
  reason?: string;
  pdf: Buffer;
  sha256: string;
  signedPdf?: Buffer;
}

interface Session {
  id: string;
  clientId: string;
  reference: string;
  documents: SessionDocument[];
  /** Without a personal code, whoever authenticates at VIISP signs. */
  signer: { personalCode?: string; name: string };
  returnUrl: string;
  createdAt: number;
  expiresAt: number;
  status: SigningSessionStatus | 'signing';
  signedAt?: Date;
  reason?: string;
}

interface LoginTransaction {
  sessionId: string;
  verifier: string;
  nonce: string;
  startedAt: number;
}

const MAX_DOCUMENTS = 500;

/** The signature's /Reason when the app gives none. */
const DEFAULT_REASON = 'Dokumento pasirašymas';

const CreateSessionSchema = z.object({
  documents: z
    .array(
      z.object({
        title: z.string().trim().min(1).max(300),
        fileName: z.string().trim().min(1).max(200).optional(),
        reference: z.string().trim().min(1).max(200).optional(),
        reason: z.string().trim().min(1).max(500).optional(),
        contentBase64: z.string().min(1),
      }),
    )
    .min(1)
    .max(MAX_DOCUMENTS),
  signer: z.object({
    personalCode: z
      .string()
      .regex(/^\d{11}$/)
      .optional(),
    name: z.string().trim().min(1).max(200),
  }),
  returnUrl: z.url({ protocol: /^https?$/ }),
  reference: z.string().trim().min(1).max(200),
});

const ControlSignSchema = z.object({ personalCode: z.string().regex(/^\d{11}$/) });

const MAX_BODY_BYTES = 100 * 1024 * 1024;
const TX_COOKIE = 'pasirasymas_tx';

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function page(title: string, body: string): string {
  return simulatorPage({
    title,
    system: 'Elektroninio parašo tarpinė sistema',
    note: 'Pasirašymo simuliatorius (tik kūrimui ir testams)',
    headerColour: '#0b4f3c',
    css: `main{max-width:48rem;margin:1.5rem auto;padding:0 1rem}
section{background:#fff;padding:1rem 1.5rem;border-radius:.4rem}
dt{font-weight:600;margin-top:.6rem}dd{margin:0;overflow-wrap:anywhere}
code{font-size:.9em}
.actions{display:flex;gap:1rem;margin-top:1.5rem}
button{font:inherit;padding:.6rem 1.4rem;border-radius:.3rem;cursor:pointer;border:1px solid #0b4f3c}
.sign{background:#0b4f3c;color:#fff}.refuse{background:#fff;color:#8a1c1c;border-color:#8a1c1c}
.error{border-left:4px solid #8a1c1c}`,
    body,
  });
}

function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(html),
    ...headers,
  });
  res.end(html);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendPdf(res: ServerResponse, pdf: Buffer, fileName: string): void {
  res.writeHead(200, {
    'content-type': 'application/pdf',
    'content-disposition': `inline; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
    'content-length': pdf.length,
    'cache-control': 'no-store',
  });
  res.end(pdf);
}

function redirect(res: ServerResponse, location: string, headers: Record<string, string | string[]> = {}): void {
  res.writeHead(303, { location, 'cache-control': 'no-store', ...headers });
  res.end();
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'Užklausa per didelė.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse((await readBody(req, MAX_BODY_BYTES)).toString('utf8'));
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw new HttpError(400, 'Užklausos turinys ne JSON formato.');
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function withQuery(url: string, params: Record<string, string>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  return target.href;
}

/**
 * Given name and family name for the certificate: VIISP's, else the test person's, else (the
 * test-control path with an unknown code) the name the app gave — only when the app named this very
 * person; anyone else stays „Nežinomas Asmuo“.
 */
function certifiedPerson(personalCode: string, signer: Session['signer'], viisp?: { givenName: string; familyName: string }) {
  if (viisp) return { personalCode, ...viisp };
  const known = findPerson(personalCode);
  if (known) return { personalCode, givenName: known.givenName, familyName: known.familyName };
  if (signer.personalCode !== personalCode) return { personalCode, givenName: 'Nežinomas', familyName: 'Asmuo' };
  const [givenName = signer.name, ...rest] = signer.name.split(/\s+/);
  return { personalCode, givenName, familyName: rest.join(' ') || givenName };
}

export async function startSigningGatewaySimulator(opts: SigningGatewayOptions): Promise<SigningGatewaySimulator> {
  const host = opts.host ?? '127.0.0.1';
  const ca = opts.ca ?? createTestCa();
  const ttlMs = (opts.sessionTtlSeconds ?? 1800) * 1000;
  const sessions = new Map<string, Session>();
  const idempotency = new Map<string, { sessionId: string; bodyHash: string }>();
  const transactions = new Map<string, LoginTransaction>();
  let created = 0;

  const routes: { handle?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const server = createServer((req, res) => {
    if (routes.handle) routes.handle(req, res);
    else sendJson(res, 503, { error: 'Simuliatorius dar paleidžiamas.' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const viispRedirectUri = `${baseUrl}/viisp/atgal`;

  // --- VIISP (OpenID Connect), discovered at the first signing ------------------------------
  let discovered: Promise<{ config: oidc.Configuration; jwks: JWTVerifyGetKey }> | null = null;
  function viisp() {
    discovered ??= (async () => {
      const issuer = typeof opts.viisp.issuer === 'function' ? opts.viisp.issuer() : opts.viisp.issuer;
      const config = await oidc.discovery(
        new URL(issuer),
        opts.viisp.clientId,
        { redirect_uris: [viispRedirectUri] },
        oidc.ClientSecretBasic(opts.viisp.clientSecret),
        { timeout: 5, ...(new URL(issuer).protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {}) },
      );
      const jwksUri = config.serverMetadata().jwks_uri;
      if (!jwksUri) throw new Error('VIISP publishes no jwks_uri');
      return { config, jwks: createRemoteJWKSet(new URL(jwksUri)) };
    })().catch((err: unknown) => {
      discovered = null;
      throw err;
    });
    return discovered;
  }

  // --- sessions ----------------------------------------------------------------------------------
  function sweep(now = Date.now()): void {
    for (const [id, session] of sessions) {
      if (session.status === 'pending' && session.expiresAt <= now) session.status = 'expired';
      // Finished sessions are kept an hour for the app to fetch, then forgotten.
      if (session.status !== 'pending' && session.status !== 'signing' && now - session.expiresAt > 3600_000) sessions.delete(id);
    }
    for (const [state, tx] of transactions) if (now - tx.startedAt > 900_000) transactions.delete(state);
  }

  function clientOf(req: IncomingMessage): SigningGatewayClient {
    const header = req.headers.authorization ?? '';
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
    if (match) {
      const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const id = decodeURIComponent(decoded.slice(0, colon));
      const secret = decodeURIComponent(decoded.slice(colon + 1));
      const client = opts.clients.find((c) => c.clientId === id);
      if (colon > 0 && client && sameSecret(secret, client.clientSecret)) return client;
    }
    throw new HttpError(401, 'Neteisingi kliento prisijungimo duomenys.');
  }

  function publicStatus(session: Session): SigningSessionStatus {
    return session.status === 'signing' ? 'pending' : session.status;
  }

  function created201(res: ServerResponse, session: Session): void {
    sendJson(res, 201, {
      sessionId: session.id,
      signUrl: `${baseUrl}/pasirasyti/${session.id}`,
      expiresAt: new Date(session.expiresAt).toISOString(),
      documents: session.documents.map((d, index) => ({ index, documentSha256: d.sha256 })),
    });
  }

  function sessionJson(session: Session, content: boolean) {
    const status = publicStatus(session);
    return {
      sessionId: session.id,
      reference: session.reference,
      status,
      expiresAt: new Date(session.expiresAt).toISOString(),
      ...(session.signedAt ? { signedAt: session.signedAt.toISOString() } : {}),
      ...(session.reason ? { reason: session.reason } : {}),
      documents: session.documents.map((d, index) => ({
        index,
        ...(d.reference ? { reference: d.reference } : {}),
        title: d.title,
        documentSha256: d.sha256,
        ...(content && status === 'signed' && d.signedPdf ? { signedPdfBase64: d.signedPdf.toString('base64') } : {}),
      })),
    };
  }

  async function createSession(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const client = clientOf(req);
    const parsed = CreateSessionSchema.safeParse(await readJson(req));
    if (!parsed.success) throw new HttpError(422, `Netinkami sesijos duomenys: ${z.prettifyError(parsed.error)}`);
    const input = parsed.data;
    const documents: SessionDocument[] = input.documents.map((d, index) => {
      const pdf = Buffer.from(d.contentBase64, 'base64');
      const which = input.documents.length > 1 ? ` (${index + 1}-as dokumentas)` : '';
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-' || !/%%EOF\n?$/.test(pdf.subarray(-16).toString('latin1'))) {
        throw new HttpError(422, `Pateiktas failas nėra tinkamas PDF dokumentas${which}: turi prasidėti %PDF- ir baigtis %%EOF eilute.`);
      }
      if (!canAddSignature(pdf)) {
        throw new HttpError(
          422,
          `Pateikto PDF dokumento struktūros nepavyko perskaityti${which}: reikalinga klasikinė nuorodų lentelė, be objektų srautų.`,
        );
      }
      return {
        title: d.title,
        fileName: d.fileName ?? `dokumentas-${index + 1}.pdf`,
        ...(d.reference ? { reference: d.reference } : {}),
        ...(d.reason ? { reason: d.reason } : {}),
        pdf,
        sha256: createHash('sha256').update(pdf).digest('hex'),
      };
    });
    const key = req.headers['idempotency-key'];
    const bodyHash = createHash('sha256')
      .update(JSON.stringify({ ...input, documents: input.documents.map((d, i) => ({ ...d, contentBase64: documents[i]?.sha256 })) }))
      .digest('hex');
    const idempotencyKey = typeof key === 'string' && key ? `${client.clientId}\u0000${key}` : null;
    if (idempotencyKey) {
      const earlier = idempotency.get(idempotencyKey);
      const session = earlier && sessions.get(earlier.sessionId);
      if (earlier && session) {
        if (earlier.bodyHash !== bodyHash) throw new HttpError(409, 'Tas pats Idempotency-Key panaudotas kitai užklausai.');
        created201(res, session);
        return;
      }
    }
    sweep();
    const now = Date.now();
    const session: Session = {
      id: randomBytes(18).toString('base64url'),
      clientId: client.clientId,
      reference: input.reference,
      documents,
      signer: input.signer,
      returnUrl: input.returnUrl,
      createdAt: now,
      expiresAt: now + ttlMs,
      status: 'pending',
    };
    sessions.set(session.id, session);
    created += 1;
    if (idempotencyKey) idempotency.set(idempotencyKey, { sessionId: session.id, bodyHash });
    created201(res, session);
  }

  function pendingSession(id: string): Session | undefined {
    sweep();
    return sessions.get(id);
  }

  /** The one place a document is signed: only a pending session, only the person named (when one is). */
  async function confirm(
    session: Session,
    personalCode: string,
    names?: { givenName: string; familyName: string },
  ): Promise<{ status: SigningSessionStatus; reason?: string }> {
    if (session.status !== 'pending') {
      return { status: session.status === 'signing' ? 'pending' : session.status, ...(session.reason ? { reason: session.reason } : {}) };
    }
    if (session.signer.personalCode !== undefined && personalCode !== session.signer.personalCode) {
      session.status = 'refused';
      session.reason = GATEWAY_MESSAGES.wrongPerson;
      return { status: 'refused', reason: session.reason };
    }
    session.status = 'signing';
    try {
      const person = certifiedPerson(personalCode, session.signer, names);
      const identity = ca.identityFor(person);
      const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000);
      // /Name is the certificate's name: the person who signed, whoever the app expected.
      const name = `${person.givenName} ${person.familyName}`;
      for (const document of session.documents) {
        const reason = document.reason ?? DEFAULT_REASON;
        document.signedPdf = await signPdfIncrementally(document.pdf, identity, { name, reason, signingTime });
      }
      session.signedAt = signingTime;
      session.status = 'signed';
      return { status: 'signed' };
    } catch (err) {
      session.status = 'pending';
      for (const document of session.documents) delete document.signedPdf;
      throw err;
    }
  }

  function signingPage(session: Session): string {
    const name = escapeHtml(session.signer.name);
    const several = session.documents.length > 1;
    const documents = session.documents
      .map(
        (d, index) => `<li data-document="${index}"><dl>
<dt>Pasirašomas dokumentas</dt><dd data-title>${escapeHtml(d.title)}</dd>
<dt>Failas</dt><dd><a href="/pasirasyti/${session.id}/dokumentai/${index}" target="_blank" rel="noopener">${escapeHtml(d.fileName)}</a> (peržiūrėti dokumentą)</dd>
<dt>Dokumento SHA-256 maišos reikšmė</dt><dd><code data-sha256>${d.sha256}</code></dd>
<dt>Pasirašymo priežastis</dt><dd data-reason>${escapeHtml(d.reason ?? DEFAULT_REASON)}</dd>
</dl></li>`,
      )
      .join('\n');
    return page(
      'Dokumento pasirašymas',
      `<h1>${several ? `Dokumentų pasirašymas (${session.documents.length})` : 'Dokumento pasirašymas'}</h1>
<section>
<ol class="documents">
${documents}
</ol>
<dl><dt>Pasirašantis asmuo</dt><dd data-signer>${name}</dd></dl>
<p>Paspaudus „Pasirašyti“ reikės prisijungti per elektroninius valdžios vartus (VIISP): ${
        session.signer.personalCode !== undefined
          ? `${several ? 'dokumentus' : 'dokumentą'} gali pasirašyti tik ${name}.`
          : `${several ? 'dokumentus' : 'dokumentą'} pasirašys prisijungęs asmuo; paslauga pasirašyti nurodė ${name}.`
      }</p>
<div class="actions">
<form method="post" action="/pasirasyti/${session.id}"><button type="submit" class="sign" data-sign>Pasirašyti</button></form>
<form method="post" action="/pasirasyti/${session.id}/atsisakyti"><button type="submit" class="refuse" data-refuse>Atsisakyti</button></form>
</div>
</section>`,
    );
  }

  function finishedPage(session: Session, message: string, status = 200): [number, string] {
    const back = withQuery(session.returnUrl, { session: session.id, status: session.status === 'signing' ? 'pending' : session.status });
    return [
      status,
      page(
        'Dokumento pasirašymas',
        `<h1>Dokumento pasirašymas</h1><section class="error"><p data-message>${escapeHtml(message)}</p><p><a href="${escapeHtml(back)}" data-return>Grįžti į paslaugą</a></p></section>`,
      ),
    ];
  }

  function statusMessage(session: Session): string {
    switch (session.status) {
      case 'signed':
        return 'Dokumentas jau pasirašytas.';
      case 'cancelled':
        return 'Dokumento pasirašymo atsisakyta.';
      case 'expired':
        return GATEWAY_MESSAGES.expired;
      case 'refused':
        return session.reason ?? GATEWAY_MESSAGES.wrongPerson;
      default:
        return 'Dokumentas pasirašomas.';
    }
  }

  async function browser(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const match = /^\/pasirasyti\/([\w-]+)(?:\/(atsisakyti|dokumentai\/(\d+)))?$/.exec(url.pathname);
    const session = match ? pendingSession(match[1] ?? '') : undefined;
    if (!match || !session) {
      sendHtml(res, 404, page('Pasirašymo sesija nerasta', `<h1>${GATEWAY_MESSAGES.notFound}</h1>`));
      return;
    }
    const action = match[2];
    if (req.method === 'GET' && match[3] !== undefined) {
      const document = session.documents[Number(match[3])];
      if (!document) {
        sendHtml(res, 404, page('Dokumentas nerastas', '<h1>Dokumentas nerastas.</h1>'));
        return;
      }
      sendPdf(res, document.pdf, document.fileName);
      return;
    }
    if (session.status !== 'pending') {
      sendHtml(res, ...finishedPage(session, statusMessage(session), session.status === 'refused' ? 403 : 200));
      return;
    }
    if (req.method === 'GET' && action === undefined) {
      sendHtml(res, 200, signingPage(session));
      return;
    }
    if (req.method === 'POST' && action === 'atsisakyti') {
      session.status = 'cancelled';
      redirect(res, withQuery(session.returnUrl, { session: session.id, status: 'cancelled' }));
      return;
    }
    if (req.method === 'POST' && action === undefined) {
      const { config } = await viisp();
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      transactions.set(state, { sessionId: session.id, verifier, nonce, startedAt: Date.now() });
      const authorization = oidc.buildAuthorizationUrl(config, {
        redirect_uri: viispRedirectUri,
        scope: 'openid profile',
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        // A signature needs a fresh authentication, never an earlier session.
        prompt: 'login',
        max_age: '0',
      });
      redirect(res, authorization.href, { 'set-cookie': `${TX_COOKIE}=${state}; Path=/viisp/; HttpOnly; SameSite=Lax; Max-Age=900` });
      return;
    }
    sendHtml(res, 405, page('Netinkama užklausa', `<h1>Netinkama užklausa</h1>`));
  }

  async function viispCallback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const state = url.searchParams.get('state') ?? '';
    const tx = transactions.get(state);
    const clearCookie = { 'set-cookie': `${TX_COOKIE}=; Path=/viisp/; HttpOnly; SameSite=Lax; Max-Age=0` };
    // The transaction belongs to this browser: the state came back with the cookie set when it started.
    if (!tx || cookieValue(req, TX_COOKIE) !== state) {
      sendHtml(
        res,
        400,
        page('Pasirašymo sesija nerasta', `<h1>${GATEWAY_MESSAGES.notFound}</h1><p>Pradėkite pasirašymą iš naujo.</p>`),
        clearCookie,
      );
      return;
    }
    transactions.delete(state);
    const session = pendingSession(tx.sessionId);
    if (!session) {
      sendHtml(res, 404, page('Pasirašymo sesija nerasta', `<h1>${GATEWAY_MESSAGES.notFound}</h1>`), clearCookie);
      return;
    }
    if (url.searchParams.has('error')) {
      // The signer cancelled at VIISP: the session stays open, the page offers to try again.
      sendHtml(
        res,
        200,
        page(
          'Dokumento pasirašymas',
          `<h1>Dokumento pasirašymas</h1><section class="error"><p data-message>${GATEWAY_MESSAGES.cancelledByVIISP}</p><p><a href="/pasirasyti/${session.id}">Grįžti į pasirašymą</a></p></section>`,
        ),
        clearCookie,
      );
      return;
    }
    const { config, jwks } = await viisp();
    const tokens = await oidc.authorizationCodeGrant(config, url, {
      pkceCodeVerifier: tx.verifier,
      expectedState: state,
      expectedNonce: tx.nonce,
      maxAge: 0,
      idTokenExpected: true,
    });
    if (!tokens.id_token) throw new Error('VIISP returned no ID token');
    const { payload } = await jwtVerify(tokens.id_token, jwks, { issuer: config.serverMetadata().issuer, audience: opts.viisp.clientId });
    const claims = z
      .object({ personal_code: z.string(), given_name: z.string(), family_name: z.string(), auth_time: z.number(), nonce: z.string() })
      .parse(payload);
    if (claims.nonce !== tx.nonce) throw new Error('VIISP nonce mismatch');
    // Fresh: authenticated after the signer pressed „Pasirašyti“ (a few seconds of clock skew allowed).
    if (claims.auth_time * 1000 < tx.startedAt - 5000) {
      sendHtml(res, ...finishedPage(session, GATEWAY_MESSAGES.staleAuthentication, 403), clearCookie);
      return;
    }
    const result = await confirm(session, claims.personal_code, { givenName: claims.given_name, familyName: claims.family_name });
    if (result.status === 'signed') {
      redirect(res, withQuery(session.returnUrl, { session: session.id, status: 'signed' }), clearCookie);
      return;
    }
    sendHtml(res, ...finishedPage(session, result.reason ?? statusMessage(session), 403), clearCookie);
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const match = /^\/_control\/sessions\/([\w-]+)\/(sign|cancel)$/.exec(url.pathname);
    if (req.method !== 'POST' || !match) throw new HttpError(404, 'Nežinomas valdymo veiksmas.');
    const session = pendingSession(match[1] ?? '');
    if (!session) throw new HttpError(404, GATEWAY_MESSAGES.notFound);
    if (match[2] === 'cancel') {
      if (session.status === 'pending') session.status = 'cancelled';
      sendJson(res, 200, { status: session.status === 'signing' ? 'pending' : session.status });
      return;
    }
    const parsed = ControlSignSchema.safeParse(await readJson(req));
    if (!parsed.success) throw new HttpError(422, 'Nurodykite asmens kodą (personalCode).');
    sendJson(res, 200, await confirm(session, parsed.data.personalCode));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    if (path === '/sessions' && req.method === 'POST') return createSession(req, res);
    const api = /^\/sessions\/([\w-]+)(?:\/documents\/(\d+))?$/.exec(path);
    if (api && req.method === 'GET') {
      const client = clientOf(req);
      const session = pendingSession(api[1] ?? '');
      // Another client's session does not exist for this one.
      if (!session || session.clientId !== client.clientId) throw new HttpError(404, GATEWAY_MESSAGES.notFound);
      if (api[2] === undefined) {
        sendJson(res, 200, sessionJson(session, url.searchParams.get('content') !== '0'));
        return;
      }
      const document = session.documents[Number(api[2])];
      if (!document) throw new HttpError(404, 'Dokumentas nerastas.');
      if (publicStatus(session) !== 'signed' || !document.signedPdf) throw new HttpError(409, 'Dokumentas nepasirašytas.');
      sendPdf(res, document.signedPdf, document.fileName);
      return;
    }
    if (path.startsWith('/pasirasyti/')) return browser(req, res, url);
    if (path === '/viisp/atgal' && req.method === 'GET') return viispCallback(req, res, url);
    if (path.startsWith('/_control/') && opts.testControl) return control(req, res, url);
    if (path === '/ca.pem' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/x-pem-file', 'cache-control': 'no-store' });
      res.end(ca.certificatePem);
      return;
    }
    if (path === '/' && req.method === 'GET') {
      sendJson(res, 200, {
        simulator: 'KURSUOK elektroninio parašo tarpinės sistemos simuliatorius',
        sessions: '/sessions',
        ca: '/ca.pem',
      });
      return;
    }
    throw new HttpError(404, 'Nerasta.');
  }

  routes.handle = (req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) console.error('signing gateway simulator failed', err);
      if (res.headersSent) {
        res.end();
        return;
      }
      const message = err instanceof HttpError ? err.message : 'Vidinė pasirašymo simuliatoriaus klaida.';
      if ((req.headers.accept ?? '').includes('text/html')) sendHtml(res, status, page('Klaida', `<h1>${escapeHtml(message)}</h1>`));
      else sendJson(res, status, { error: message });
    });
  };

  const firstClient = opts.clients[0];
  return {
    url: baseUrl,
    viispRedirectUri,
    caCertificatePem: ca.certificatePem,
    env: {
      SIGNING_GATEWAY_URL: baseUrl,
      ...(firstClient ? { SIGNING_CLIENT_ID: firstClient.clientId, SIGNING_CLIENT_SECRET: firstClient.clientSecret } : {}),
      SIGNING_TRUSTED_CA_PEM: ca.certificatePem,
      // Issue 13: the system's e-seal for certificates, issued under the same CA (test/sim/signing/seal.ts).
      CERTIFICATE_SEAL_P12: pkcs12Of(simulatorSeal(ca), SIMULATOR_SEAL_PASSPHRASE).toString('base64'),
      CERTIFICATE_SEAL_PASSPHRASE: SIMULATOR_SEAL_PASSPHRASE,
    },
    async signAs(sessionId, personalCode) {
      const session = pendingSession(sessionId);
      if (!session) throw new Error(`signing gateway simulator: no session ${sessionId}`);
      return confirm(session, personalCode);
    },
    sessionCount: () => created,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
