// Login (§1 "MOKYMO TEIKĖJO AUTORIZAVIMAS", AUTH-1..AUTH-14), consent (AUTH-5, AUTH-6, GEN-13),
// choosing the represented institution (USERS-9, USERS-15) and logout.
import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import {
  activeMemberships,
  createInstitutionAccount,
  findActiveMembership,
  findInstitutionByCode,
  hasConsent,
  recordConsent,
  setInstitutionHead,
} from '../../db/queries/identity.ts';
import { writeAudit } from '../../db/queries/audit.ts';
import { updateSessionStage } from '../../db/queries/sessions.ts';
import type { Institution } from '../../db/schema.ts';
import { clearCookie, LOGIN_COOKIE, readCookie } from '../auth/cookies.ts';
import { hashPersonalCode } from '../../worker/crypto.ts';
import { LoginModeSchema, openTransaction } from '../auth/login-transaction.ts';
import { IdentityGatewayError, type ViispIdentity } from '../auth/oidc.ts';
import { endSession, requireCsrfToken, startSession } from '../auth/session.tsx';
import type { AppEnv } from '../context.ts';
import { finishInvitation } from './invitations.tsx';
import { finishPortalLogin } from './portal-auth.tsx';
import { finishStaffLogin } from './staff-login.tsx';
import { formValues, isUuid } from '../forms.ts';
import { CONSENT_LABEL, POLICY_PARAGRAPHS, POLICY_TITLE } from '../texts/privacy.ts';
import { ConsentBox, failure, PledgeText, redirectToGateway } from '../auth/login-flow.tsx';
import { html } from '../render.tsx';
import { CsrfField, Layout, LogoutForm, Notice } from '../views/layout.tsx';
import { MessagePage } from '../views/messages.tsx';

type C = Context<AppEnv>;

export const authRoutes = new Hono<AppEnv>();

/** The policy the consent box refers to; public, readable before agreeing. */
authRoutes.get('/privatumo-politika', (c) => {
  const { privacyPolicyVersion } = c.get('deps').config;
  return html(
    c,
    <Layout title={POLICY_TITLE}>
      <h1>{POLICY_TITLE}</h1>
      {POLICY_PARAGRAPHS.map((p) => (
        <p>{p}</p>
      ))}
      <p>
        <small>Versija: {privacyPolicyVersion}</small>
      </p>
    </Layout>,
  );
});

const REASONS: Record<string, string> = {
  baigesi: 'Jūsų sesija baigėsi. Prisijunkite iš naujo.',
  atsijungta: 'Atsijungėte nuo IMP IS.',
  teises: 'Jūsų teisės institucijoje pasikeitė arba panaikintos. Prisijunkite iš naujo.',
};

/** "Prisijungti" → "Mokymo paslaugų teikėjas" → the three entries (AUTH-2, AUTH-3; labels per OQ-2). */
authRoutes.get('/prisijungti', (c) => {
  const reason = REASONS[c.req.query('priezastis') ?? ''];
  return html(
    c,
    <Layout title="Prisijungti">
      <h1>Prisijungti</h1>
      {reason ? <Notice kind="info">{reason}</Notice> : null}
      <h2>Mokymo paslaugų teikėjas</h2>
      <p>Naudotojų asmens tapatybė nustatoma per Valstybės informacinių išteklių sąveikumo platformą (VIISP).</p>
      <div class="login-choices">
        <article>
          <h3>Mokymo institucijos vadovas</h3>
          <p>Institucijos vadovas jungiantis pasirenka prisijungimą „Juridiniam asmeniui“ ir sukuria institucijos naudotojus.</p>
          <a role="button" href="/prisijungti/viisp?budas=juridinis">
            Juridiniam asmeniui
          </a>
        </article>
        <article>
          <h3>Laisvasis mokytojas</h3>
          <p>Laisvasis mokytojas identifikuojamas per prisijungimą Lietuvos Respublikos piliečiui ir užsieniečiui.</p>
          <a role="button" href="/prisijungti/viisp?budas=pilietis">
            Lietuvos Respublikos piliečiui ir užsieniečiui, turinčiam leidimą gyventi Lietuvos Respublikoje
          </a>
        </article>
        <article>
          <h3>Institucijos naudotojas</h3>
          <p>Visi patvirtinti institucijos naudotojai jungiasi kaip fiziniai asmenys.</p>
          <a role="button" href="/prisijungti/viisp?budas=fizinis">
            Fiziniam asmeniui
          </a>
        </article>
      </div>
    </Layout>,
  );
});

authRoutes.get('/prisijungti/viisp', async (c) => {
  const mode = LoginModeSchema.safeParse(c.req.query('budas'));
  if (!mode.success) return failure(c, 'Neteisinga užklausa', 'Pasirinkite prisijungimo būdą.', 400);
  return redirectToGateway(c, mode.data, 'login');
});

/** The gateway's redirect back: code exchange, ID-token verification, then the account. */
authRoutes.get('/prisijungti/atgal', async (c) => {
  const { config, identity } = c.get('deps');
  const tx = await openTransaction(config.secrets.signing, readCookie(c, LOGIN_COOKIE));
  clearCookie(c, LOGIN_COOKIE);
  if (!tx) return failure(c, 'Prisijungimas nepavyko', 'Prisijungimo seansas nebegalioja. Pradėkite prisijungimą iš naujo.', 400);
  if (c.req.query('error')) {
    return failure(c, 'Prisijungimas atšauktas', 'Tapatybė nebuvo patvirtinta. Galite bandyti prisijungti dar kartą.', 403);
  }
  let person: ViispIdentity;
  try {
    person = await identity.finish(new URL(c.req.url, config.web.publicUrl), tx);
  } catch (err) {
    if (!(err instanceof IdentityGatewayError)) throw err;
    console.warn(`[${c.get('requestId')}] VIISP: ${err.message}`);
    return failure(c, 'Prisijungimas nepavyko', 'VIISP atsakymo patikrinti nepavyko. Pradėkite prisijungimą iš naujo.', 400);
  }
  if (person.login_mode !== tx.mode) {
    return failure(c, 'Prisijungimas nepavyko', 'VIISP patvirtino kitą prisijungimo būdą, nei buvo pasirinktas. Pradėkite iš naujo.', 400);
  }
  if (tx.purpose === 'invitation') return finishInvitation(c, person, tx.invitationToken);
  if (tx.purpose === 'portal') return finishPortalLogin(c, person);
  if (tx.purpose === 'VERTINTOJAS' || tx.purpose === 'UZT' || tx.purpose === 'STEBETOJAS' || tx.purpose === 'SF_VERTINTOJAS')
    return finishStaffLogin(c, person, tx.purpose);
  return finishLogin(c, person);
});

async function finishLogin(c: C, person: ViispIdentity) {
  const { db, config, smir } = c.get('deps');
  const pch = hashPersonalCode(config.secrets.personalCodePepper, person.personal_code);
  const names = { personalCodeHash: pch, givenName: person.given_name, familyName: person.family_name, loginMode: person.login_mode };
  const consented = await hasConsent(db, pch, config.privacyPolicyVersion);

  if (person.login_mode === 'fizinis') {
    const memberships = await activeMemberships(db, pch);
    if (memberships.length === 0) {
      return failure(
        c,
        'Prieiga nesuteikta',
        'Jūs nesate patvirtintas nė vienos mokymo institucijos naudotojas. Kreipkitės į savo institucijos IMP IS administratorių.',
        403,
      );
    }
    const only = memberships.length === 1 ? memberships[0] : undefined;
    await startSession(c, {
      ...names,
      stage: !consented ? 'CONSENT' : only ? 'ACTIVE' : 'CHOOSE_INSTITUTION',
      institutionId: only?.institution.id ?? null,
      institutionUserId: only?.user.id ?? null,
      isHead: false,
    });
    return c.redirect(!consented ? '/sutikimas' : only ? '/' : '/pasirinkti-institucija', 303);
  }

  // A head for a legal entity (AUTH-8, AUTH-10) or a free teacher (AUTH-9, AUTH-11).
  let institution: Institution | undefined;
  if (person.login_mode === 'juridinis') {
    const code = person.legal_entity_code;
    if (!code) return failure(c, 'Prisijungimas nepavyko', 'VIISP nenurodė juridinio asmens kodo.', 400);
    institution = await findInstitutionByCode(db, code);
    if (!institution) {
      const record = await registryLookup(c, () => smir.findInstitution(code));
      if (record === 'unavailable') return unavailableRegistry(c);
      if (!record) {
        return failure(
          c,
          'Paskyra nesukurta',
          `Juridinis asmuo ${code} nerastas Švietimo, mokslo ir sporto institucijų registre (ŠMIR), todėl mokymo teikėjo paskyros sukurti negalima.`,
          403,
        );
      }
      institution = await createAccount(c, { code, name: record.name, kind: 'JURIDINIS', pch, smirData: { ...record } });
    }
  } else {
    const code = `LM-${pch.slice(0, 12)}`;
    institution = await findInstitutionByCode(db, code);
    if (!institution) {
      const record = await registryLookup(c, () => smir.findFreeTeacher(person.personal_code));
      if (record === 'unavailable') return unavailableRegistry(c);
      if (!record) {
        return failure(
          c,
          'Paskyra nesukurta',
          'Jūs nesate įregistruotas ŠMIR kaip laisvasis mokytojas, todėl mokymo teikėjo paskyros sukurti negalima.',
          403,
        );
      }
      institution = await createAccount(c, {
        code,
        name: record.name,
        kind: 'LAISVASIS_MOKYTOJAS',
        pch,
        smirData: { name: record.name, address: record.address },
      });
    }
  }
  if (institution.head_personal_code_hash !== pch) await setInstitutionHead(db, institution.id, pch);
  await startSession(c, {
    ...names,
    stage: consented ? 'ACTIVE' : 'CONSENT',
    institutionId: institution.id,
    institutionUserId: null,
    isHead: true,
  });
  return c.redirect(consented ? '/' : '/sutikimas', 303);
}

async function registryLookup<T>(c: C, lookup: () => Promise<T>): Promise<T | 'unavailable'> {
  try {
    return await lookup();
  } catch (err) {
    console.warn(`[${c.get('requestId')}] ŠMIR: ${(err as Error).message}`);
    return 'unavailable';
  }
}

function unavailableRegistry(c: C) {
  return failure(
    c,
    'ŠMIR nepasiekiamas',
    'Švietimo, mokslo ir sporto institucijų registras (ŠMIR) šiuo metu nepasiekiamas. Bandykite prisijungti vėliau.',
    503,
  );
}

async function createAccount(
  c: C,
  a: { code: string; name: string; kind: 'JURIDINIS' | 'LAISVASIS_MOKYTOJAS'; pch: string; smirData: Record<string, unknown> },
) {
  return c
    .get('deps')
    .db.transaction()
    .execute(async (trx) => {
      const institution = await createInstitutionAccount(trx, {
        code: a.code,
        name: a.name,
        kind: a.kind,
        headPersonalCodeHash: a.pch,
        smirData: a.smirData,
      });
      await writeAudit(trx, {
        actor: { kind: 'person', personalCodeHash: a.pch },
        institutionId: institution.id,
        entityType: 'institution',
        entityId: institution.id,
        action: 'create',
        changes: { code: { before: null, after: a.code }, name: { before: null, after: a.name }, kind: { before: null, after: a.kind } },
        requestId: c.get('requestId'),
      });
      return institution;
    });
}

// ---- Consent ----------------------------------------------------------------------------------

function ConsentPage(props: { error?: string }) {
  return (
    <Layout title="Sutikimas">
      <h1>Prieš jungiantis prie IMP IS</h1>
      <p>Susipažinkite su pasižadėjimu saugoti asmens duomenų paslaptį ir patvirtinkite, kad sutinkate su privatumo politika.</p>
      <PledgeText />
      <form method="post" action="/sutikimas">
        <CsrfField />
        {props.error ? <Notice kind="error">{props.error}</Notice> : null}
        <ConsentBox error={props.error} />
        <button type="submit">Tęsti</button>
      </form>
      <LogoutForm />
    </Layout>
  );
}

/** A session in any stage (consent and institution choice come before the applications). */
const anySession = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.get('session')) return c.redirect(c.get('sessionEnded') ? '/prisijungti?priezastis=baigesi' : '/prisijungti', 303);
  await next();
});
const sessionRoutes = new Hono<AppEnv>();
for (const path of ['/sutikimas', '/pasirinkti-institucija', '/atsijungti']) sessionRoutes.use(path, anySession, requireCsrfToken);

sessionRoutes.get('/sutikimas', (c) => {
  if (c.get('session')!.stage !== 'CONSENT') return c.redirect('/', 303);
  return html(c, <ConsentPage />);
});

sessionRoutes.post('/sutikimas', async (c) => {
  const session = c.get('session')!;
  if (session.stage !== 'CONSENT') return c.redirect('/', 303);
  const values = await formValues(c);
  if (values.sutinku !== 'taip') {
    return html(c, <ConsentPage error={`Norėdami tęsti, pažymėkite „${CONSENT_LABEL}“.`} />, 422);
  }
  const { db, config } = c.get('deps');
  const next = session.is_head || session.institution_id ? 'ACTIVE' : 'CHOOSE_INSTITUTION';
  await db.transaction().execute(async (trx) => {
    await recordConsent(trx, {
      personalCodeHash: session.personal_code_hash,
      policyVersion: config.privacyPolicyVersion,
      context: session.is_head ? 'VADOVO_PRISIJUNGIMAS' : 'NAUDOTOJO_PRISIJUNGIMAS',
      institutionId: session.institution_id,
    });
    await updateSessionStage(trx, session.id, { stage: next });
  });
  return c.redirect(next === 'ACTIVE' ? '/' : '/pasirinkti-institucija', 303);
});

// ---- Choosing the represented institution ------------------------------------------------------

sessionRoutes.get('/pasirinkti-institucija', async (c) => {
  const session = c.get('session')!;
  if (session.is_head || session.stage === 'CONSENT') return c.redirect('/', 303);
  const memberships = await activeMemberships(c.get('deps').db, session.personal_code_hash);
  return html(
    c,
    <Layout title="Atstovaujama institucija">
      <h1>Pasirinkite atstovaujamą instituciją</h1>
      <p>Esate kelių mokymo institucijų naudotojas. Pasirinkite, kurią instituciją atstovausite.</p>
      <form method="post" action="/pasirinkti-institucija">
        <CsrfField />
        <fieldset>
          {memberships.map((m) => (
            <label>
              <input type="radio" name="naudotojas" value={m.user.id} checked={m.user.id === session.institution_user_id} required />
              {m.institution.name}
            </label>
          ))}
        </fieldset>
        <button type="submit">Tęsti</button>
      </form>
    </Layout>,
  );
});

sessionRoutes.post('/pasirinkti-institucija', async (c) => {
  const session = c.get('session')!;
  if (session.is_head || session.stage === 'CONSENT') return c.redirect('/', 303);
  const { naudotojas } = await formValues(c);
  const { db } = c.get('deps');
  const membership = isUuid(naudotojas) ? await findActiveMembership(db, session.personal_code_hash, naudotojas) : undefined;
  if (!membership) {
    return html(c, <MessagePage title="Neteisinga užklausa" message="Pasirinkite instituciją iš sąrašo." />, 422);
  }
  await updateSessionStage(db, session.id, {
    stage: 'ACTIVE',
    institutionId: membership.institution.id,
    institutionUserId: membership.user.id,
  });
  return c.redirect('/', 303);
});

sessionRoutes.post('/atsijungti', async (c) => {
  await endSession(c, 'atsijungė');
  return c.redirect('/prisijungti?priezastis=atsijungta', 303);
});

authRoutes.route('/', sessionRoutes);
