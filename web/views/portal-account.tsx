// The participant's own pages in KURSUOK: "Mano duomenys" (contacts and what the registries said,
// PART-3, PART-6), "Mano registracijos" (PORTAL-5) and "Mano dokumentai" (PORTAL-4, DOC-4, DOC-6,
// DOC-12, DOC-17, DOC-18). Status words: REGISTRATION_STATUS_LABELS and REVIEW_STATUS_LABELS.
import { EDUCATION_DOCUMENT_LABELS, EDUCATION_LEVEL_LABELS } from '../../workflows/domain/education.ts';
import { registryEducationOf, type OwnDocument, type OwnRegistration } from '../../db/queries/participants.ts';
import type { Participant, PersonSession } from '../../db/tables/participants.ts';
import { formatDateTime, formatDeadlineWithTimeLeft } from '../../workflows/domain/date-format.ts';
import {
  AWAITING_REVIEW,
  CRITERION_LABELS,
  DOCUMENT_KIND_LABELS,
  REVIEW_STATUS_LABELS,
  type DocumentKind,
  type Eligibility,
} from '../../workflows/domain/eligibility.ts';
import { FILE_INPUT_ACCEPT, FILE_UPLOAD_HINT } from '../../workflows/domain/file-type.ts';
import { FUNDING_SOURCE_LABELS } from '../../workflows/domain/group-info.ts';
import { REGISTRATION_STATUS_LABELS } from '../../workflows/domain/registration.ts';
import { formFields } from './form-fields.tsx';
import { CommandNotice, CsrfField, Notice } from './layout.tsx';
import { PortalLayout } from './portal-layout.tsx';

const REGISTRY_UNAVAILABLE = 'duomenų gauti nepavyko';

// ---- "Mano duomenys" -------------------------------------------------------------------------------

const PROFILE_LABELS = { email: 'El. pašto adresas', phone: 'Telefono numeris' } as const;
export type ProfileValues = Record<keyof typeof PROFILE_LABELS, string>;
export type ProfileErrors = Partial<ProfileValues>;
const profileFields = formFields(PROFILE_LABELS);

function RegistryFacts(props: { participant: Participant }) {
  const p = props.participant;
  const education = registryEducationOf(p);
  return (
    <dl class="readonly">
      <dt>Pilietybė</dt>
      <dd>{p.citizen ? 'Lietuvos Respublikos pilietis' : 'Užsienietis, turintis leidimą gyventi Lietuvos Respublikoje'}</dd>
      <dt>Duomenys iš Diplomų, atestatų ir kvalifikacijos pažymėjimų registro</dt>
      <dd>
        {education === null ? (
          <span class="muted">{REGISTRY_UNAVAILABLE}</span>
        ) : education.documents.length === 0 ? (
          'Registre duomenų apie jūsų išsilavinimą nėra.'
        ) : (
          <ul>
            {education.documents.map((d) => (
              <li>
                {EDUCATION_DOCUMENT_LABELS[d.type]} ({d.issuedOn}), {d.issuer}: {EDUCATION_LEVEL_LABELS[d.level]}
                {d.qualification ? `, ${d.qualification}` : ''}
              </li>
            ))}
          </ul>
        )}
      </dd>
      <dt>Užimtumo statusas pagal SoDros duomenis</dt>
      <dd>{p.sodra_employed === null ? <span class="muted">{REGISTRY_UNAVAILABLE}</span> : p.sodra_employed ? 'Taip' : 'Ne'}</dd>
      {p.registry_checked_at ? (
        <>
          <dt>Registrų duomenys gauti</dt>
          <dd>{formatDateTime(p.registry_checked_at)}</dd>
        </>
      ) : null}
    </dl>
  );
}

export function ProfilePage(props: {
  person: PersonSession | undefined;
  participant: Participant;
  values: ProfileValues;
  errors: ProfileErrors;
  saved: boolean;
}) {
  const { Field, inputAttrs } = profileFields;
  const e = props.errors;
  const first = props.participant.email === null;
  return (
    <PortalLayout title="Mano duomenys" person={props.person} section="profilis">
      <h1>Mano duomenys</h1>
      {first ? (
        <Notice kind="info">
          Sveiki prisijungę prie KURSUOK. Nurodykite el. pašto adresą: juo gausite pranešimus apie registracijas ir dokumentų vertinimą.
        </Notice>
      ) : null}
      {props.saved ? <Notice kind="success">Duomenys išsaugoti.</Notice> : null}
      <p>
        <strong>
          {props.participant.first_name} {props.participant.last_name}
        </strong>
      </p>
      <RegistryFacts participant={props.participant} />
      <form method="post" action="/kursuok/profilis" novalidate>
        <CsrfField />
        <Field name="email" errors={e}>
          <input type="email" {...inputAttrs('email', e)} value={props.values.email} required autocomplete="email" />
        </Field>
        <Field name="phone" errors={e} optional>
          <input type="tel" {...inputAttrs('phone', e)} value={props.values.phone} autocomplete="tel" />
        </Field>
        <button type="submit">Išsaugoti</button>
      </form>
    </PortalLayout>
  );
}

// ---- "Mano registracijos" --------------------------------------------------------------------------

export interface RegistrationView {
  registration: OwnRegistration;
  /** For an IMP-basket registration only (DOC-21: not for personal funds). */
  eligibility: Eligibility | null;
  canWithdraw: boolean;
}

function EligibilityList(props: { eligibility: Eligibility }) {
  const e = props.eligibility;
  return (
    <ul>
      <li>Išsilavinimas: {CRITERION_LABELS[e.education]}</li>
      <li>Užimtumas: {CRITERION_LABELS[e.employment]}</li>
      {e.residence ? <li>Teisė gyventi Lietuvoje: {CRITERION_LABELS[e.residence]}</li> : null}
      <li>
        <strong>
          {e.eligible
            ? 'Atitinkate IMP krepšelio finansavimo reikalavimus.'
            : 'IMP krepšelio finansavimo reikalavimų atitiktis dar nenustatyta.'}
        </strong>
      </li>
    </ul>
  );
}

export function RegistrationsPage(props: {
  person: PersonSession | undefined;
  registrations: RegistrationView[];
  documents: OwnDocument[];
  /** The request's time: how long the pending reviews still take. */
  now: Date;
  notice?: string | undefined;
  error?: string | undefined;
  formKey: string;
}) {
  return (
    <PortalLayout title="Mano registracijos" person={props.person} section="registracijos">
      <h1>Mano registracijos</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.error ? <CommandNotice text={props.error} /> : null}
      {props.registrations.length === 0 ? (
        <p>
          Dar nesate užsiregistravę į mokymus. <a href="/kursuok">Rinkitės mokymus kataloge.</a>
        </p>
      ) : (
        props.registrations.map((v) => {
          const r = v.registration;
          return (
            <article class="registration" data-registration={r.id}>
              <header>
                <strong>{r.programmeName}</strong> – <a href={`/kursuok/grupes/${r.groupId}`}>{r.groupName}</a>
                <br />
                <small>
                  {r.institutionName} · {r.programmeStart} – {r.programmeEnd}
                </small>
              </header>
              <dl class="readonly">
                <dt>Registracijos būsena</dt>
                <dd>
                  <span class="status-badge" data-registration-status={r.status}>
                    {REGISTRATION_STATUS_LABELS[r.status]}
                  </span>
                  {r.statusReason ? <small class="block">Priežastis: {r.statusReason}</small> : null}
                </dd>
                <dt>Registracijos data</dt>
                <dd>{formatDateTime(r.registeredAt)}</dd>
                <dt>Finansavimo šaltinis</dt>
                <dd>{FUNDING_SOURCE_LABELS[r.funding]}</dd>
                {v.eligibility ? (
                  <>
                    <dt>Reikalavimų atitiktis</dt>
                    <dd>
                      <EligibilityList eligibility={v.eligibility} />
                      {v.eligibility.missing.length > 0 ? (
                        <small class="block">
                          Įkelkite: {v.eligibility.missing.join('; ')} – <a href="/kursuok/dokumentai">Mano dokumentai</a>.
                        </small>
                      ) : null}
                    </dd>
                    <dt>Dokumentai</dt>
                    <dd>
                      {props.documents.length === 0 ? (
                        'Dokumentų neįkėlėte.'
                      ) : (
                        <DocumentStatusList documents={props.documents} now={props.now} />
                      )}
                    </dd>
                  </>
                ) : null}
              </dl>
              {v.canWithdraw ? (
                <form method="post" action={`/kursuok/registracijos/${r.id}/atsisakyti`}>
                  <CsrfField />
                  <input type="hidden" name="idempotencyKey" value={`${props.formKey}:${r.id}`} />
                  <button type="submit" class="secondary outline">
                    Atsisakyti registracijos
                  </button>
                </form>
              ) : null}
            </article>
          );
        })
      )}
    </PortalLayout>
  );
}

function DocumentStatusList(props: { documents: OwnDocument[]; now: Date }) {
  return (
    <ul>
      {props.documents.map((d) => (
        <li>
          {DOCUMENT_KIND_LABELS[d.kind]}: {REVIEW_STATUS_LABELS[d.status] ?? d.status}
          {d.status === AWAITING_REVIEW ? ` – įvertinama ${formatDeadlineWithTimeLeft(d.review_due_at, props.now)}` : ''}
        </li>
      ))}
    </ul>
  );
}

// ---- "Mano dokumentai" -----------------------------------------------------------------------------

export function DocumentsPage(props: {
  person: PersonSession | undefined;
  participant: Participant;
  documents: OwnDocument[];
  /** What an IMP-basket registration still needs (null: no IMP-basket registration). */
  eligibility: Eligibility | null;
  kinds: DocumentKind[];
  /** The request's time: how long the pending reviews still take. */
  now: Date;
  values?: { kind?: string };
  error?: string | undefined;
  notice?: string | undefined;
  formKey: string;
}) {
  return (
    <PortalLayout title="Mano dokumentai" person={props.person} section="dokumentai">
      <h1>Mano dokumentai</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.eligibility === null ? (
        <p>Dokumentų reikia tik registruojantis mokytis IMP krepšelio lėšomis; besimokantiems asmeninėmis lėšomis jų įkelti nereikia.</p>
      ) : props.eligibility.missing.length > 0 ? (
        <Notice kind="info">
          <p>Kad atitiktumėte IMP krepšelio finansavimo reikalavimus, įkelkite:</p>
          <ul>
            {props.eligibility.missing.map((m) => (
              <li>{m}</li>
            ))}
          </ul>
        </Notice>
      ) : (
        <p>{props.eligibility.eligible ? 'Atitinkate IMP krepšelio finansavimo reikalavimus.' : 'Jūsų dokumentai vertinami.'}</p>
      )}
      <RegistryFacts participant={props.participant} />
      <h2>Įkelti dokumentai</h2>
      {props.documents.length === 0 ? (
        <p>Dokumentų dar neįkėlėte.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th>Dokumentas</th>
                <th>Failas</th>
                <th>Įkelta</th>
                <th>Vertinimo būsena</th>
                <th>Vertinimo terminas</th>
              </tr>
            </thead>
            <tbody>
              {props.documents.map((d) => (
                <tr data-document={d.id}>
                  <td>{DOCUMENT_KIND_LABELS[d.kind]}</td>
                  <td>
                    <a href={`/kursuok/dokumentai/${d.id}`}>{d.original_name}</a>
                  </td>
                  <td class="nowrap">{formatDateTime(d.uploaded_at)}</td>
                  <td>
                    {REVIEW_STATUS_LABELS[d.status] ?? d.status}
                    {d.reviewer_note ? <small class="block">{d.reviewer_note}</small> : null}
                  </td>
                  <td class="nowrap">{d.status === AWAITING_REVIEW ? formatDeadlineWithTimeLeft(d.review_due_at, props.now) : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Įkelti dokumentą</h2>
      {props.error ? <CommandNotice text={props.error} /> : null}
      {props.kinds.length === 0 ? (
        <p>Šiuo metu naujų dokumentų įkelti nereikia: įkelti dokumentai vertinami per 3 darbo dienas.</p>
      ) : (
        <form method="post" action="/kursuok/dokumentai" enctype="multipart/form-data">
          <CsrfField />
          <input type="hidden" name="idempotencyKey" value={props.formKey} />
          <label for="f-kind">Dokumento rūšis</label>
          <select id="f-kind" name="kind" required>
            {props.kinds.map((k) => (
              <option value={k} selected={props.values?.kind === k}>
                {DOCUMENT_KIND_LABELS[k]}
              </option>
            ))}
          </select>
          <label for="f-file">Dokumento kopija</label>
          <input type="file" id="f-file" name="file" accept={FILE_INPUT_ACCEPT} required aria-describedby="h-file" />
          <small id="h-file">{FILE_UPLOAD_HINT}</small>
          <button type="submit">Įkelti</button>
        </form>
      )}
    </PortalLayout>
  );
}
