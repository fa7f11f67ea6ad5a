// The certificates' pages (issue 13, "Certificates that verify themselves"; DONE-16, DONE-19): the
// public verification page "Pažymėjimo tikrinimas" (/kursuok/pazymejimai/<code>, what the QR code
// opens; a typed code; a pasted VC-JWT) that confirms name, programme, hours, dates and institution
// and nothing more (certificateVerificationFields), and the participant's downloads of her
// certificate (PDF) and its Verifiable Credential beside a contract in "Mano sutartys".
import type { PersonSession } from '../../db/tables/participants.ts';
import { VERIFICATION_PATH_PREFIX, type CertificateField } from '../../workflows/domain/certificate.ts';
import { formatDate } from '../../workflows/domain/date-format.ts';
import { CsrfField, Notice } from './layout.tsx';
import { PortalLayout } from './portal-layout.tsx';

export const VERIFICATION_HOME = '/kursuok/pazymejimai';

/** The participant's downloads of a contract's certificate. */
export const ownCertificatePath = (contractId: string) => `/kursuok/sutartys/${contractId}/pazymejimas`;
export const ownCredentialPath = (contractId: string) => `/kursuok/sutartys/${contractId}/kredencialas`;

/** The provider's view (inline) and download of a participant's certificate, from the group's "Mokymų baigimas". */
export const groupCertificatePath = (groupId: string, contractId: string) => `/grupes/${groupId}/baigimas/${contractId}/pazymejimas`;
export const groupCertificateDownloadPath = (groupId: string, contractId: string) =>
  `${groupCertificatePath(groupId, contractId)}/atsisiusti`;

/** What the verification page says. */
export type VerificationOutcome =
  /** Only the forms (no code asked yet). */
  | { kind: 'form' }
  /** A known certificate: its confirmed fields. */
  | { kind: 'confirmed'; fields: CertificateField[]; via: 'code' | 'credential' }
  /** A code of the right form that no certificate has (404). */
  | { kind: 'unknown' }
  /** Text that is not a verification code at all (400). */
  | { kind: 'malformed' }
  /** A pasted VC-JWT that is refused (422), with why. */
  | { kind: 'refused'; message: string };

export const VERIFICATION_TEXTS = {
  confirmed: 'Pažymėjimas galioja: jį išdavė KURSUOK sistema. Pažymėjime nurodyta:',
  confirmedCredential:
    'Skaitmeninis kredencialas galioja: jo parašas patikrintas KURSUOK paskelbtu raktu, ir jis atitinka išduotą pažymėjimą:',
  unknown: 'Pažymėjimo su tokiu kodu nėra. Patikrinkite, ar kodą įvedėte tiksliai taip, kaip jis nurodytas pažymėjime.',
  malformed:
    'Tai ne pažymėjimo tikrinimo kodas: kodą sudaro 22–86 lotyniškos raidės, skaitmenys, brūkšneliai ir pabraukimo ženklai. Patikrinkite, ar nukopijavote visą nuorodą.',
} as const;

function ConfirmedFields(props: { fields: CertificateField[] }) {
  return (
    <dl class="readonly" data-verification="confirmed">
      {props.fields.map((f) => (
        <>
          <dt>{f.label}</dt>
          <dd>{f.value}</dd>
        </>
      ))}
    </dl>
  );
}

export function VerificationPage(props: {
  person: PersonSession | undefined;
  outcome: VerificationOutcome;
  /** What was typed or pasted, to show again. */
  code?: string | undefined;
  credential?: string | undefined;
}) {
  const o = props.outcome;
  return (
    <PortalLayout title="Pažymėjimo tikrinimas" person={props.person}>
      <h1>Pažymėjimo tikrinimas</h1>
      {o.kind === 'confirmed' ? (
        <section aria-labelledby="patvirtinta">
          <Notice kind="success">
            <p id="patvirtinta">{o.via === 'code' ? VERIFICATION_TEXTS.confirmed : VERIFICATION_TEXTS.confirmedCredential}</p>
          </Notice>
          <ConfirmedFields fields={o.fields} />
          <p>
            <small>
              Šiame puslapyje rodomi tik duomenys, kuriais galima įsitikinti pažymėjimo tikrumu. Kitus pažymėjimo duomenis mato tik jo
              turėtojas.
            </small>
          </p>
        </section>
      ) : o.kind === 'unknown' ? (
        <Notice kind="error">
          <p data-verification="unknown">{VERIFICATION_TEXTS.unknown}</p>
        </Notice>
      ) : o.kind === 'malformed' ? (
        <Notice kind="error">
          <p data-verification="malformed">{VERIFICATION_TEXTS.malformed}</p>
        </Notice>
      ) : o.kind === 'refused' ? (
        <Notice kind="error">
          <p data-verification="refused">{o.message}</p>
        </Notice>
      ) : (
        <p>
          Skaitmeninio pažymėjimo tikrumą galima patikrinti nuskaičius jame esantį QR kodą, įvedus pažymėjime nurodytą tikrinimo kodą arba
          įklijavus skaitmeninį kredencialą (VC-JWT), kurį pažymėjimo turėtojas atsisiuntė iš savo KURSUOK paskyros.
        </p>
      )}
      <h2 id="pagal-koda">Tikrinti pagal kodą</h2>
      <form method="get" action={VERIFICATION_HOME} aria-labelledby="pagal-koda">
        <label for="kodas">
          Pažymėjimo tikrinimo kodas arba nuoroda
          <input
            id="kodas"
            name="kodas"
            type="text"
            autocomplete="off"
            spellcheck={false}
            maxlength={300}
            value={props.code ?? ''}
            aria-describedby="kodas-pagalba"
          />
          <small id="kodas-pagalba">
            Pvz., {VERIFICATION_PATH_PREFIX}q3Zy0-Lk_8mWcR2tVx9aBw arba tik kodas po paskutinio pasvirojo brūkšnio.
          </small>
        </label>
        <button type="submit">Tikrinti</button>
      </form>
      <h2 id="pagal-kredenciala">Tikrinti skaitmeninį kredencialą</h2>
      <form method="post" action={VERIFICATION_HOME} aria-labelledby="pagal-kredenciala">
        <CsrfField />
        <label for="kredencialas">
          Skaitmeninis kredencialas (VC-JWT)
          <textarea id="kredencialas" name="kredencialas" rows={6} spellcheck={false} aria-describedby="kredencialas-pagalba">
            {props.credential ?? ''}
          </textarea>
          <small id="kredencialas-pagalba">Įklijuokite visą atsisiųsto .jwt failo turinį.</small>
        </label>
        <button type="submit">Tikrinti kredencialą</button>
      </form>
    </PortalLayout>
  );
}

/** The participant's certificate beside her contract: the PDF, the Verifiable Credential and its public page. */
export function OwnCertificate(props: {
  contractId: string;
  certificate: { number: string; issued_on: string; verification_code: string } | undefined;
}) {
  const c = props.certificate;
  if (!c) return null;
  return (
    <section aria-labelledby={`pazymejimas-${props.contractId}`} data-certificate={c.number}>
      <h2 id={`pazymejimas-${props.contractId}`}>Skaitmeninis pažymėjimas</h2>
      <p>
        Pažymėjimas Nr. {c.number}, išduotas {formatDate(c.issued_on)}.
      </p>
      <ul>
        <li>
          <a href={ownCertificatePath(props.contractId)}>Atsisiųsti pažymėjimą (PDF)</a>
        </li>
        <li>
          <a href={ownCredentialPath(props.contractId)}>Atsisiųsti skaitmeninį kredencialą (VC-JWT)</a> – tą patį pažymėjimą galite įkelti į
          skaitmeninę piniginę arba pateikti darbdaviui.
        </li>
        <li>
          <a href={`${VERIFICATION_PATH_PREFIX}${c.verification_code}`}>Viešas pažymėjimo tikrinimo puslapis</a>
        </li>
      </ul>
    </section>
  );
}
