// The participant's KURSUOK account (PORTAL-2): login through VIISP as a natural person (the same
// identity gateway as the institutions' login; the sealed login transaction carries the purpose
// 'portal', so /prisijungti/atgal hands the identity over here), the account created at the first
// login with the registry data of that moment — Diplomų registras (PART-3) and SoDra (PART-6) — a
// registry outage never blocking the login, the contacts form ("Mano duomenys") and logout.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  createParticipant,
  findParticipant,
  findParticipantByKey,
  recordParticipantBirthDate,
  recordSealedPersonalCode,
  saveParticipantContacts,
  updateRegistryFacts,
  type RegistryFacts,
} from '../../db/queries/participants.ts';
import type { Participant } from '../../db/tables/participants.ts';
import { COMMON_FIELD_MESSAGES, emailAddress, optionalPhone } from '../../workflows/domain/field-rules.ts';
import { personalCodeBirthDate } from '../../workflows/domain/personal-code.ts';
import { formatPhone } from '../../workflows/domain/phone.ts';
import { hashPersonalCode, sealPersonalCode, unsealPersonalCode } from '../../worker/crypto.ts';
import { redirectToGateway } from '../auth/login-flow.tsx';
import type { ViispIdentity } from '../auth/oidc.ts';
import { endPersonSession, requirePerson, startPersonSession } from '../auth/person-session.tsx';
import type { AppEnv } from '../context.ts';
import { formValues } from '../forms.ts';
import { PortalLayout, PortalMessage, portalHtml } from '../views/portal-layout.tsx';
import { ProfilePage, type ProfileErrors, type ProfileValues } from '../views/portal-account.tsx';

type C = Context<AppEnv>;

export const portalAuthRoutes = new Hono<AppEnv>();

/** The participant of the request's DALYVIS session (the pages behind requirePerson('DALYVIS')). */
export async function currentParticipant(c: C): Promise<Participant | undefined> {
  const id = c.get('personSession')?.participant_id;
  return id ? findParticipant(c.get('deps').db, id) : undefined;
}

const REASONS: Record<string, string> = {
  atsijungta: 'Atsijungėte nuo KURSUOK paskyros.',
};

portalAuthRoutes.get('/kursuok/prisijungti', (c) => {
  const session = c.get('personSession');
  if (session?.audience === 'DALYVIS') return c.redirect('/kursuok/registracijos', 303);
  const reason = REASONS[c.req.query('priezastis') ?? ''];
  return portalHtml(
    c,
    <PortalLayout title="Prisijungti" person={undefined}>
      <h1>Prisijungti prie KURSUOK paskyros</h1>
      {reason ? <p class="notice notice-info">{reason}</p> : null}
      <p>
        Asmens tapatybė nustatoma per Valstybės informacinių išteklių sąveikumo platformą (VIISP). Prisijungę galėsite registruotis į
        mokymus, įkelti išsilavinimą, užimtumą ar teisę gyventi Lietuvoje patvirtinančius dokumentus ir matyti jų vertinimą.
      </p>
      <a role="button" href="/kursuok/prisijungti/viisp">
        Prisijungti per VIISP
      </a>
    </PortalLayout>,
  );
});

portalAuthRoutes.get('/kursuok/prisijungti/viisp', (c) => redirectToGateway(c, 'fizinis', 'portal'));

/** Diplomų registras and SoDra, asked together; an outage leaves its answer null (asked again at the next login). */
async function lookUpRegistries(c: C, personalCode: string): Promise<RegistryFacts> {
  const { registries } = c.get('deps');
  const [education, employment] = await Promise.allSettled([
    registries.diplomas.findPerson(personalCode),
    registries.sodra.employmentStatus(personalCode),
  ]);
  for (const r of [education, employment]) {
    if (r.status === 'rejected') console.warn(`[${c.get('requestId')}] KURSUOK prisijungimas: ${(r.reason as Error).message}`);
  }
  const found = education.status === 'fulfilled' ? { documents: education.value?.documents ?? [] } : null;
  const employed = employment.status === 'fulfilled' ? employment.value.employed : null;
  return { education: found, sodraEmployed: employed, checkedAt: found && employed !== null ? new Date() : null };
}

/** The identity came back from VIISP for the portal: the account (made at the first login) and a DALYVIS session. */
export async function finishPortalLogin(c: C, person: ViispIdentity) {
  const { db, config } = c.get('deps');
  if (person.login_mode === 'juridinis') {
    return portalHtml(
      c,
      <PortalMessage title="Prisijungimas nepavyko" message="Prie KURSUOK paskyros jungiamasi kaip fizinis asmuo." person={undefined} />,
      400,
    );
  }
  const personKey = hashPersonalCode(config.secrets.personalCodePepper, person.personal_code);
  // The contract needs the birth date (issue 12); the personal code is stored only sealed (below).
  const birthDate = personalCodeBirthDate(person.personal_code);
  let participant = await findParticipantByKey(db, personKey);
  if (!participant) {
    participant = await createParticipant(db, {
      personKey,
      firstName: person.given_name,
      lastName: person.family_name,
      // A person VIISP does not say is a resident foreigner is taken as a citizen (the claim is always sent).
      citizen: person.residence !== 'resident_foreigner',
      birthDate,
      registry: await lookUpRegistries(c, person.personal_code),
      requestId: c.get('requestId'),
    });
  } else if (!participant.registry_checked_at) {
    participant = await updateRegistryFacts(db, participant.id, await lookUpRegistries(c, person.personal_code));
  }
  participant = await recordParticipantBirthDate(db, participant, birthDate, c.get('requestId'));
  // NUM-9: sealed, so Mokinių registras can be asked for an SMPKR contract without the person; sealed
  // again when missing or no longer opening (the secret was replaced). Never logged or shown.
  const pepper = config.secrets.personalCodePepper;
  if (unsealPersonalCode(pepper, participant.personal_code_sealed, participant.id) !== person.personal_code.trim())
    participant = await recordSealedPersonalCode(
      db,
      participant,
      sealPersonalCode(pepper, person.personal_code, participant.id),
      c.get('requestId'),
    );
  await startPersonSession(c, {
    audience: 'DALYVIS',
    personKey,
    givenName: person.given_name,
    familyName: person.family_name,
    participantId: participant.id,
    staffMemberId: null,
  });
  return c.redirect(participant.email ? '/kursuok/registracijos' : '/kursuok/profilis', 303);
}

// ---- "Mano duomenys" and logout ---------------------------------------------------------------------

const account = new Hono<AppEnv>();
for (const path of ['/kursuok/profilis', '/kursuok/atsijungti']) account.use(path, requirePerson('DALYVIS'));

const ContactsSchema = z.object({
  email: emailAddress(COMMON_FIELD_MESSAGES),
  phone: optionalPhone(COMMON_FIELD_MESSAGES),
});

function profile(
  c: C,
  participant: Participant,
  opts: { values?: ProfileValues; errors?: ProfileErrors; saved?: boolean; status?: 200 | 422 } = {},
) {
  const values = opts.values ?? { email: participant.email ?? '', phone: participant.phone ? formatPhone(participant.phone) : '' };
  return portalHtml(
    c,
    <ProfilePage
      person={c.get('personSession')}
      participant={participant}
      values={values}
      errors={opts.errors ?? {}}
      saved={opts.saved ?? false}
    />,
    opts.status ?? 200,
  );
}

account.get('/kursuok/profilis', async (c) => {
  const participant = await currentParticipant(c);
  if (!participant) return c.notFound();
  return profile(c, participant, { saved: c.req.query('pranesimas') === 'issaugota' });
});

account.post('/kursuok/profilis', async (c) => {
  const participant = await currentParticipant(c);
  if (!participant) return c.notFound();
  const form = await formValues(c);
  const values = { email: String(form.email ?? ''), phone: String(form.phone ?? '') };
  const parsed = ContactsSchema.safeParse(values);
  if (!parsed.success) {
    const errors: ProfileErrors = {};
    for (const issue of parsed.error.issues) errors[issue.path[0] as keyof ProfileErrors] ??= issue.message;
    return profile(c, participant, { values, errors, status: 422 });
  }
  const firstTime = participant.email === null;
  await saveParticipantContacts(c.get('deps').db, participant, {
    email: parsed.data.email,
    phone: parsed.data.phone,
    requestId: c.get('requestId'),
  });
  return c.redirect(firstTime ? '/kursuok' : '/kursuok/profilis?pranesimas=issaugota', 303);
});

account.post('/kursuok/atsijungti', async (c) => {
  await endPersonSession(c, 'atsijungė');
  return c.redirect('/kursuok/prisijungti?priezastis=atsijungta', 303);
});

portalAuthRoutes.route('/', account);
