// VIISP simulator: a real OpenID Connect provider (oidc-provider) with the test people of
// people.ts, served over plain node:http. Authorization code flow with PKCE (S256, required),
// client_secret_basic, scopes "openid profile"; the ID token itself carries every claim:
//   sub (= personal code), personal_code, given_name, family_name, residence,
//   login_mode ('juridinis' | 'pilietis' | 'fizinis'), and in 'juridinis' legal_entity_code, legal_entity_name.
// The client asks for a login mode with the authorization parameter viisp_mode; the login page
// (GET /interaction/:uid) opens on that mode and offers the three modes of the manual as tabs.
// Every authorization request shows the login page (like VIISP, there is no single sign-on), and
// consent is granted automatically.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, {
  errors,
  interactionPolicy,
  type Account,
  type Adapter,
  type AdapterPayload,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { findLegalEntity, findPerson, VIISP_LEGAL_ENTITIES, VIISP_PEOPLE, type ViispLegalEntity, type ViispPerson } from './people.ts';
import { escapeHtml, simulatorPage } from '../page.ts';

export const VIISP_MODES = ['juridinis', 'pilietis', 'fizinis'] as const;
export type ViispMode = (typeof VIISP_MODES)[number];

/** The manual's names of the three VIISP login options. */
export const VIISP_MODE_LABELS: Record<ViispMode, string> = {
  juridinis: 'Juridiniam asmeniui',
  pilietis: 'Lietuvos Respublikos piliečiui ir užsieniečiui, turinčiam leidimą gyventi Lietuvos Respublikoje',
  fizinis: 'Fiziniam asmeniui',
};

const RESIDENCE_LABELS: Record<ViispPerson['residence'], string> = {
  citizen: 'Lietuvos Respublikos pilietis',
  resident_foreigner: 'Užsienietis, turintis leidimą gyventi Lietuvos Respublikoje',
};

const VIISP_CLAIMS = [
  'personal_code',
  'given_name',
  'family_name',
  'login_mode',
  'residence',
  'legal_entity_code',
  'legal_entity_name',
] as const;

interface ViispClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

interface ViispSimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Bind address and issuer host; default 127.0.0.1. Use 'localhost' for the dev issuer http://localhost:3001. */
  host?: string;
  clients: ViispClient[];
}

export interface ViispSimulator {
  issuer: string;
  close(): Promise<void>;
}

/** How one login was made: kept per grant, read when the ID token is issued. */
interface LoginContext {
  mode: ViispMode;
  entityCode?: string;
}

function isMode(value: unknown): value is ViispMode {
  return typeof value === 'string' && (VIISP_MODES as readonly string[]).includes(value);
}

/** The hidden `account` value of a choice: mode:personalCode[:entityCode]. */
function encodeAccountChoice(mode: ViispMode, personalCode: string, entityCode?: string): string {
  return entityCode ? `${mode}:${personalCode}:${entityCode}` : `${mode}:${personalCode}`;
}

function decodeAccountChoice(value: string): { mode: ViispMode; person: ViispPerson; entity?: ViispLegalEntity } | null {
  const [mode, personalCode = '', entityCode, ...rest] = value.split(':');
  if (!isMode(mode) || rest.length > 0) return null;
  const person = findPerson(personalCode);
  if (!person) return null;
  if (mode !== 'juridinis') return entityCode === undefined ? { mode, person } : null;
  const entity = entityCode === undefined ? undefined : findLegalEntity(entityCode);
  if (!entity || entity.headPersonalCode !== person.personalCode) return null;
  return { mode, person, entity };
}

/**
 * The simulator's storage: an in-memory adapter (the library's own prints a "development-only"
 * warning on every start; this one is the same idea, per simulator instance, with expiry).
 */
function createMemoryAdapterFactory(): (model: string) => Adapter {
  const store = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const uidIndex = new Map<string, string>();
  const userCodeIndex = new Map<string, string>();
  const live = (key: string) => {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  return (model) => {
    const key = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        store.set(key(id), { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
        if (model === 'Session' && payload.uid) uidIndex.set(payload.uid, id);
        if (payload.userCode) userCodeIndex.set(payload.userCode, id);
      },
      async find(id) {
        return live(key(id));
      },
      async findByUid(uid) {
        const id = uidIndex.get(uid);
        return id === undefined ? undefined : live(key(id));
      },
      async findByUserCode(userCode) {
        const id = userCodeIndex.get(userCode);
        return id === undefined ? undefined : live(key(id));
      },
      async consume(id) {
        const payload = live(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        store.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const [k, entry] of store) if (entry.payload.grantId === grantId) store.delete(k);
      },
    };
  };
}

function page(title: string, body: string): string {
  return simulatorPage({
    title,
    system: 'Elektroniniai valdžios vartai',
    note: 'VIISP simuliatorius (tik kūrimui ir testams)',
    headerColour: '#00385f',
    css: `main{max-width:56rem;margin:1.5rem auto;padding:0 1rem}
nav{display:flex;gap:.25rem;flex-wrap:wrap;align-items:flex-end}nav a{padding:.6rem 1rem;background:#dde4ea;color:#00385f;text-decoration:none;border-radius:.4rem .4rem 0 0}
nav a[aria-current=page]{background:#fff;font-weight:600}
section{background:#fff;padding:1rem 1.5rem;border-radius:0 .4rem .4rem .4rem}
ul{list-style:none;padding:0}li{margin:.4rem 0}
button{font:inherit;padding:.5rem 1rem;border:1px solid #00385f;background:#fff;color:#00385f;border-radius:.3rem;cursor:pointer;text-align:left;width:100%}
button:hover{background:#e8f0f7}.cancel{width:auto;border-color:#8a1c1c;color:#8a1c1c;margin-top:1rem}
small{color:#555}`,
    body,
  });
}

function choiceForm(uid: string, account: string, attributes: string, label: string, note: string): string {
  return `<li><form method="post" action="/interaction/${escapeHtml(uid)}/login"><input type="hidden" name="account" value="${escapeHtml(account)}"><button type="submit" ${attributes}>${escapeHtml(label)}<br><small>${escapeHtml(note)}</small></button></form></li>`;
}

function loginPage(uid: string, mode: ViispMode, clientName: string): string {
  const tabs = VIISP_MODES.map(
    (m) =>
      `<a href="/interaction/${escapeHtml(uid)}?mode=${m}" data-mode="${m}"${m === mode ? ' aria-current="page"' : ''}>${escapeHtml(VIISP_MODE_LABELS[m])}</a>`,
  ).join('\n');
  let choices: string;
  let hint: string;
  if (mode === 'juridinis') {
    hint = 'Pasirinkite juridinį asmenį, kuriam atstovaujate kaip vadovas.';
    choices = VIISP_LEGAL_ENTITIES.map((e) => {
      const head = findPerson(e.headPersonalCode);
      const headName = head ? `${head.givenName} ${head.familyName}` : e.headPersonalCode;
      return choiceForm(
        uid,
        encodeAccountChoice('juridinis', e.headPersonalCode, e.code),
        `data-person="${escapeHtml(e.headPersonalCode)}" data-entity="${escapeHtml(e.code)}"`,
        `${e.name} (${e.code})`,
        `Vadovas: ${headName}, asmens kodas ${e.headPersonalCode}`,
      );
    }).join('\n');
  } else {
    hint =
      mode === 'pilietis'
        ? 'Pasirinkite asmenį (pilietį arba užsienietį, turintį leidimą gyventi Lietuvoje).'
        : 'Pasirinkite fizinį asmenį.';
    choices = VIISP_PEOPLE.map((p) =>
      choiceForm(
        uid,
        encodeAccountChoice(mode, p.personalCode),
        `data-person="${escapeHtml(p.personalCode)}"`,
        `${p.givenName} ${p.familyName}`,
        mode === 'pilietis' ? `${RESIDENCE_LABELS[p.residence]}, asmens kodas ${p.personalCode}` : `Asmens kodas ${p.personalCode}`,
      ),
    ).join('\n');
  }
  return page(
    'Prisijungimas per VIISP',
    `<h1>Prisijungimas prie „${escapeHtml(clientName)}“</h1>
<nav aria-label="Prisijungimo būdas">
${tabs}
</nav>
<section data-mode="${mode}">
<h2>${escapeHtml(VIISP_MODE_LABELS[mode])}</h2>
<p>${escapeHtml(hint)}</p>
<ul>
${choices}
</ul>
<form method="post" action="/interaction/${escapeHtml(uid)}/cancel"><button type="submit" class="cancel" data-cancel>Atšaukti</button></form>
</section>`,
  );
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(html),
  });
  res.end(html);
}

function errorPage(title: string, detail: string): string {
  return page('VIISP klaida', `<h1>${escapeHtml(title)}</h1><section><p>${escapeHtml(detail)}</p></section>`);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16_384) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startViispSimulator(opts: ViispSimulatorOptions): Promise<ViispSimulator> {
  const host = opts.host ?? '127.0.0.1';
  // The port (and so the issuer) is known only once listening; until the provider exists, 503.
  const routes: { handle?: (req: IncomingMessage, res: ServerResponse) => void } = {};
  const server = createServer((req, res) => {
    if (routes.handle) routes.handle(req, res);
    else sendHtml(res, 503, errorPage('VIISP dar neveikia', 'Simuliatorius dar paleidžiamas.'));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: `viisp-sim-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' };

  // grantId → how that login was made; forgotten with the grant (ttl.Grant).
  const GRANT_TTL_SECONDS = 900;
  const logins = new Map<string, LoginContext & { at: number }>();
  const remember = (grantId: string, login: LoginContext) => {
    const now = Date.now();
    for (const [id, entry] of logins) if (now - entry.at > GRANT_TTL_SECONDS * 1000) logins.delete(id);
    logins.set(grantId, { ...login, at: now });
  };

  // Every authorization request asks for a login: an existing simulator session is never reused.
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check('viisp_login_each_time', 'VIISP asks for a login on every authorization request', (ctx) =>
        ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  const configuration: Configuration = {
    adapter: createMemoryAdapterFactory(),
    clients: opts.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      client_name: c.clientId,
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    responseTypes: ['code'],
    scopes: ['openid', 'profile'],
    claims: {
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
      openid: ['sub'],
      profile: [...VIISP_CLAIMS],
    },
    // Scope claims go into the ID token too (OIDC Core puts them only into userinfo for code flow).
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    extraParams: {
      viisp_mode(_ctx, value) {
        if (value !== undefined && !isMode(value)) {
          throw new errors.InvalidRequest(`viisp_mode must be one of ${VIISP_MODES.join(', ')}`);
        }
      },
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      userinfo: { enabled: true },
    },
    interactions: {
      policy,
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    jwks: { keys: [signingKey] },
    cookies: {
      keys: [randomBytes(32).toString('base64url')],
      // Plain http on localhost: oidc-provider marks cookies Secure only when the request is https.
      long: { httpOnly: true, sameSite: 'lax', secure: false },
      short: { httpOnly: true, sameSite: 'lax', secure: false },
    },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 900,
      Session: 900,
      Grant: GRANT_TTL_SECONDS,
    },
    async findAccount(_ctx, sub, token): Promise<Account | undefined> {
      const person = findPerson(sub);
      if (!person) return undefined;
      const grantId = token && 'grantId' in token ? token.grantId : undefined;
      const login: LoginContext = (grantId ? logins.get(grantId) : undefined) ?? { mode: 'fizinis' };
      const entity = login.entityCode ? findLegalEntity(login.entityCode) : undefined;
      return {
        accountId: person.personalCode,
        async claims() {
          return {
            sub: person.personalCode,
            personal_code: person.personalCode,
            given_name: person.givenName,
            family_name: person.familyName,
            login_mode: login.mode,
            residence: person.residence,
            ...(login.mode === 'juridinis' && entity ? { legal_entity_code: entity.code, legal_entity_name: entity.name } : {}),
          };
        },
      };
    },
    async renderError(ctx: KoaContextWithOIDC, out) {
      ctx.type = 'html';
      ctx.body = errorPage('Prisijungti nepavyko', `${out.error}${out.error_description ? `: ${out.error_description}` : ''}`);
    },
  };

  const provider = new Provider(issuer, configuration);
  const oidcCallback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, url: URL, uid: string, action: string | undefined): Promise<void> {
    let details;
    try {
      details = await provider.interactionDetails(req, res);
    } catch (err) {
      if (err instanceof errors.SessionNotFound) {
        sendHtml(
          res,
          400,
          errorPage('Prisijungimo sesija nerasta', 'Prisijungimo sesija pasibaigė arba nerasta. Pradėkite prisijungimą iš naujo.'),
        );
        return;
      }
      throw err;
    }
    if (details.uid !== uid) {
      sendHtml(res, 400, errorPage('Prisijungimo sesija nerasta', 'Prisijungimo sesija neatitinka. Pradėkite prisijungimą iš naujo.'));
      return;
    }
    const clientId = String(details.params.client_id ?? '');

    if (req.method === 'GET' && action === undefined) {
      const requested = url.searchParams.get('mode') ?? details.params.viisp_mode;
      const mode: ViispMode = isMode(requested) ? requested : 'fizinis';
      const client = await provider.Client.find(clientId);
      sendHtml(res, 200, loginPage(uid, mode, client?.clientName ?? clientId));
      return;
    }
    if (req.method === 'POST' && action === 'cancel') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'End-User cancelled the VIISP login' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (req.method === 'POST' && action === 'login') {
      const choice = decodeAccountChoice((await readForm(req)).get('account') ?? '');
      if (!choice) {
        sendHtml(res, 400, errorPage('Neteisingas pasirinkimas', 'Toks asmuo arba juridinis asmuo nežinomas.'));
        return;
      }
      const grant = new provider.Grant({ accountId: choice.person.personalCode, clientId });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      const grantId = await grant.save();
      remember(grantId, { mode: choice.mode, ...(choice.entity ? { entityCode: choice.entity.code } : {}) });
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: choice.person.personalCode, remember: false }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    sendHtml(res, 405, errorPage('Netinkama užklausa', `${req.method ?? ''} ${url.pathname}`));
  }

  routes.handle = (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const match = /^\/interaction\/([\w-]+)(?:\/(login|cancel))?$/.exec(url.pathname);
    if (!match) {
      void oidcCallback(req, res);
      return;
    }
    res.setHeader('cache-control', 'no-store');
    interaction(req, res, url, match[1] ?? '', match[2]).catch((err: unknown) => {
      console.error('VIISP simulator interaction failed', err);
      if (!res.headersSent) sendHtml(res, 500, errorPage('Vidinė klaida', 'VIISP simuliatoriaus klaida.'));
      else res.end();
    });
  };

  return {
    issuer,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
