// Tab "Mokymo dalyviai" (manual §3.7.3.1 and §3.7.3.2): a compact table, a row per registration
// (name, registration date, funding, eligibility per criterion, documents awaiting review, status),
// whose row opens the participant's full card below it: the data of its funding source, the
// provider's decisions under „Reikalavimų atitiktis“ ("tvirtina / atmeta", "Mokymo dalyvį pašalinti
// iš mokymo grupės") and, for UŽT participants, "Užimtumo tarnybai reikalingi duomenys",
// "Pameistrystės duomenys" and the coupon's sections. Rows ticked together are approved at once
// ("Tvirtinti pažymėtus", issue 11 item 12): only the eligible ones, each by its own command.
// Terminal registrations stay as read-only history (PART-13).
import { EDUCATION_LEVEL_LABELS, type EducationLevel } from '../../workflows/domain/education.ts';
import type { GroupParticipant } from '../../db/queries/group-participants.ts';
import type { Employer } from '../../db/schema.ts';
import {
  CRITERION_LABELS,
  DOCUMENT_KIND_LABELS,
  eligibility,
  REVIEW_STATUS_LABELS,
  AWAITING_REVIEW,
  type Eligibility,
} from '../../workflows/domain/eligibility.ts';
import { formatDate, formatDateTime, formatDeadlineWithTimeLeft } from '../../workflows/domain/date-format.ts';
import { FUNDING_SOURCE_LABELS } from '../../workflows/domain/group-info.ts';
import { formatIban } from '../../workflows/domain/iban.ts';
import { formatPhone } from '../../workflows/domain/phone.ts';
import { safeDownloadName } from '../../workflows/domain/file-type.ts';
import { isActiveRegistration, REGISTRATION_STATUS_LABELS, RegistrationStatus } from '../../workflows/domain/registration.ts';
import { SETTLEMENT_LABELS, UZT_COUPON_STATUS_LABELS, UZT_DATA_LABELS, type UztDataErrors } from '../../workflows/domain/uzt-coupon.ts';
import { formFields } from './form-fields.tsx';
import { BulkForm, BulkResults as BulkResultsTable, BulkTick } from './bulk-form.tsx';
import { CommandNotice, CsrfField, Notice } from './layout.tsx';
import { formatFileSize } from './lecturers.tsx';

export const PARTICIPANTS_PANEL_ID = 'mokymo-dalyviu-kortele';

const SENDING_SECTION_II = 'Registracija patvirtinta: kupono II skyriaus duomenys siunčiami Užimtumo tarnybai.';

export function participantsPath(groupId: string, rest = ''): string {
  return `/grupes/${groupId}/dalyviai${rest}`;
}

const { Field, inputAttrs } = formFields(UZT_DATA_LABELS);

/** What a refused form had typed, shown again (422/409). */
export interface TypedDecision {
  registrationId: string;
  decision: 'APPROVE' | 'REJECT' | 'REMOVE';
  values: Record<string, string>;
  errors: UztDataErrors & { reason?: string };
  message: string;
  idempotencyKey: string;
}

export interface ParticipantsPanelProps {
  groupId: string;
  groupStatus: string;
  price: string;
  apprenticeship: boolean;
  participants: GroupParticipant[];
  employers: Employer[];
  /** A fresh key per form. */
  newKey: () => string;
  typed?: TypedDecision | undefined;
  success?: string | undefined;
  warning?: string | undefined;
  error?: string | undefined;
  /** The registration whose full card is open below its row (also the one a refused form belongs to). */
  open?: string | undefined;
  /** The notices are about this registration: shown in its card while that is open, else at the top. */
  noticeFor?: string | undefined;
  /** Registrations whose "Tvirtinti pažymėtus" box stays ticked (a card opened, a bulk approval not taken). */
  ticked?: readonly string[] | undefined;
  /** What "Tvirtinti pažymėtus" did with each ticked registration. */
  bulkResults?: BulkApprovalResult[] | undefined;
  /** The bulk form's key, kept when its commands may still be done (an outage): a retry does nothing twice. */
  bulkKey?: string | undefined;
  /** The request's time: how long the pending document reviews still take. */
  now: Date;
}

/** What "Tvirtinti pažymėtus" did with one ticked registration (issue 11, item 12). */
export interface BulkApprovalResult {
  registrationId: string;
  /** The participant's name; '—' for an id that is not a registration of the group. */
  name: string;
  outcome: 'approved' | 'unchanged' | 'refused' | 'not-done';
  message: string;
}

export const SECTION_I_LABELS: [string, string][] = [
  ['couponNumber', 'Kupono numeris'],
  ['measure', 'Priemonė'],
  ['maxAmount', 'Valstybės kompensuojama suma, Eur'],
  ['trainingArea', 'Mokymo sritis / kvalifikacija'],
  ['requirements', 'Kupono reikalavimai'],
  ['office', 'Užimtumo tarnybos padalinys'],
];

export const SECTION_II_LABELS: [string, string][] = [
  ['institutionCode', 'Mokymo teikėjo kodas'],
  ['programmeCode', 'Mokymosi programos kodas'],
  ['programmeName', 'Mokymosi programos pavadinimas'],
  ['startDate', 'Mokymosi programos vykdymo pradžia'],
  ['endDate', 'Mokymosi programos vykdymo pabaiga'],
  ['price', 'Kaina, Eur'],
  ['contactHours', 'Kontaktinio darbo valandos'],
  ['bankAccount', 'Sąskaitos rekvizitai'],
  ['settlement', 'Atsiskaitymo su UŽT dažnumas'],
];

export const SETTLEMENT_FROM_UZT: Record<string, string> = {
  MONTHLY: SETTLEMENT_LABELS.KAS_MENESI,
  ON_COMPLETION: SETTLEMENT_LABELS.UZBAIGUS,
};

function eligibilityOf(p: GroupParticipant): Eligibility | null {
  if (!p.participant) return null;
  return eligibility({
    registryEducationLevels: (p.registryDocuments ?? []).map((d) => d.level),
    sodraEmployed: p.participant.sodra_employed,
    citizen: p.participant.citizen,
    documents: p.documents.map((d) => ({ kind: d.kind, status: d.status })),
  });
}

/** DOC-20: an IMP-basket registration that fails the indicator gets a warning at approval. */
export function approvalWarning(p: GroupParticipant): string | null {
  if (p.registration.funding !== 'IMP_KREPSELIS') return null;
  const e = eligibilityOf(p);
  return e && e.eligible
    ? null
    : 'Dėmesio: dalyvis (dar) neatitinka IMP krepšelio finansavimo kriterijų. Registraciją patvirtinti galima, tačiau finansavimas skiriamas atskirai.';
}

/** DOC-19 per criterion, as the card and a refused bulk approval write it. */
function criteriaText(e: Eligibility): string {
  return (
    `išsilavinimas – ${CRITERION_LABELS[e.education]}; užimtumas – ${CRITERION_LABELS[e.employment]}` +
    (e.residence ? `; teisė gyventi Lietuvoje – ${CRITERION_LABELS[e.residence]}` : '')
  );
}

/** PART-10: the provider approves or rejects while the group is "Skelbiama" or "Vykdoma" (the workflow decides finally). */
function decidable(props: Pick<ParticipantsPanelProps, 'groupStatus'>, p: GroupParticipant): boolean {
  return p.registration.status === RegistrationStatus.Registered && (props.groupStatus === 'Skelbiama' || props.groupStatus === 'Vykdoma');
}

/** A row "Tvirtinti pažymėtus" may take: decidable now, and not UŽT (its approval carries the UŽT data, UZT-16). */
function tickable(props: Pick<ParticipantsPanelProps, 'groupStatus'>, p: GroupParticipant): boolean {
  return decidable(props, p) && p.registration.funding !== 'UZT';
}

/**
 * Issue 11, item 12: why "Tvirtinti pažymėtus" leaves a registered participant unapproved, in
 * Lithuanian; null when it approves her. Only the eligible ones (DOC-19) are approved at once; an
 * IMP-basket participant who fails the indicator is approved one by one in her card, with the DOC-20
 * warning (OQ-33), and a UŽT one in her card with the UŽT data (UZT-16). Personal funds need no
 * eligibility (DOC-21).
 */
export function bulkApprovalRefusal(p: GroupParticipant): string | null {
  const funding = p.registration.funding;
  if (funding === 'UZT')
    return 'Nepatvirtinta. UŽT lėšomis besimokančio dalyvio registracija tvirtinama jo kortelėje, nurodžius Užimtumo tarnybai reikalingus duomenis.';
  if (funding !== 'IMP_KREPSELIS') return null;
  const e = eligibilityOf(p);
  if (!e) return 'Nepatvirtinta. Dalyvio atitikties IMP krepšelio finansavimo kriterijams nustatyti negalima: nėra dalyvio duomenų.';
  if (e.eligible) return null;
  return `Nepatvirtinta. Dalyvis neatitinka IMP krepšelio finansavimo kriterijų (${criteriaText(e)}). Registraciją galima patvirtinti dalyvio kortelėje.`;
}

function money(n: number): string {
  return n.toFixed(2).replace('.', ',');
}

const name = (p: GroupParticipant) => `${p.registration.first_name} ${p.registration.last_name}`;
const TABLE_COLUMNS = 10;

function Notices(props: ParticipantsPanelProps) {
  return (
    <>
      {props.success ? <Notice kind="success">{props.success}</Notice> : null}
      {props.warning ? <Notice kind="info">{props.warning}</Notice> : null}
      {props.error ? <CommandNotice text={props.error} /> : null}
    </>
  );
}

export function ParticipantsPanel(props: ParticipantsPanelProps) {
  const active = props.participants.filter((p) => isActiveRegistration(p.registration.status));
  const history = props.participants.filter((p) => !isActiveRegistration(p.registration.status));
  const open = active.some((p) => p.registration.id === props.open) ? props.open : undefined;
  // A decision's notices go into the card it was made in while that card stays open.
  const noticesInCard = props.noticeFor !== undefined && props.noticeFor === open;
  const anyTickable = active.some((p) => tickable(props, p));
  return (
    <section id={PARTICIPANTS_PANEL_ID}>
      <div id="dalyviu-pranesimai">{noticesInCard ? null : <Notices {...props} />}</div>
      <h2>Mokymo dalyviai</h2>
      {props.bulkResults ? <BulkResults results={props.bulkResults} /> : null}
      {active.length === 0 ? <p>Į mokymo grupę užsiregistravusių asmenų nėra.</p> : null}
      {anyTickable ? (
        <BulkForm
          id={BULK_FORM_ID}
          action={participantsPath(props.groupId, '/tvirtinimas')}
          panelId={PARTICIPANTS_PANEL_ID}
          idempotencyKey={props.bulkKey ?? props.newKey()}
        >
          <button type="submit">Tvirtinti pažymėtus</button>
          <small>
            Patvirtinamos tik pažymėtos registracijos tų dalyvių, kurie atitinka IMP krepšelio finansavimo kriterijus arba mokosi
            asmeninėmis lėšomis; kitos lieka nepatvirtintos, nurodoma priežastis. UŽT lėšomis besimokančių dalyvių registracijos tvirtinamos
            jų kortelėje.
          </small>
        </BulkForm>
      ) : null}
      {active.length > 0 ? (
        <table class="participants">
          <thead>
            <tr>
              <th scope="col" rowspan={2}>
                <span class="visually-hidden">Pažymėti</span>
              </th>
              <th scope="col" rowspan={2}>
                Vardas, pavardė
              </th>
              <th scope="col" rowspan={2}>
                Registracijos į grupę data
              </th>
              <th scope="col" rowspan={2}>
                Finansavimo šaltinis
              </th>
              <th scope="colgroup" colspan={3}>
                Atitiktis IMP krepšelio finansavimo kriterijams
              </th>
              <th scope="col" rowspan={2}>
                Dokumentai, laukiantys vertinimo
              </th>
              <th scope="col" rowspan={2}>
                Registracijos būsena
              </th>
              <th scope="col" rowspan={2}>
                Veiksmai
              </th>
            </tr>
            <tr>
              <th scope="col">Išsilavinimas</th>
              <th scope="col">Užimtumas</th>
              <th scope="col">Teisė gyventi Lietuvoje</th>
            </tr>
          </thead>
          {active.map((p) => (
            <ParticipantRows {...props} p={p} expanded={p.registration.id === open} noticesInCard={noticesInCard} />
          ))}
        </table>
      ) : null}
      {history.length > 0 ? (
        <>
          <h2>Atmestos, pašalintos ir išregistruotos registracijos</h2>
          <table>
            <thead>
              <tr>
                <th>Vardas, pavardė</th>
                <th>Registracijos į grupę data</th>
                <th>Finansavimo šaltinis</th>
                <th>Registracijos būsena</th>
                <th>Priežastis</th>
                <th>Data</th>
              </tr>
            </thead>
            <tbody>
              {history.map((p) => (
                <tr id={`registracija-${p.registration.id}`}>
                  <td>
                    {p.registration.first_name} {p.registration.last_name}
                  </td>
                  <td>{formatDateTime(p.registration.registered_at)}</td>
                  <td>{FUNDING_SOURCE_LABELS[p.registration.funding]}</td>
                  <td>{REGISTRATION_STATUS_LABELS[p.registration.status]}</td>
                  <td>{p.registration.status_reason ?? '—'}</td>
                  <td>{formatDateTime(p.registration.decided_at ?? p.registration.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

const BULK_FORM_ID = 'dalyviu-tvirtinimas';

/** The path that opens (or closes) a participant's card in place (htmx); the tab with `?dalyvis=` does it without JS. */
export function participantCardPath(groupId: string, registrationId: string, open: boolean): string {
  return participantsPath(groupId, `/${registrationId}/kortele${open ? '' : '?uzdaryti=1'}`);
}

/**
 * One participant: her row and, when open, her full card in the row below. Both sit in a <tbody> of
 * their own, which the row's link swaps (htmx) carrying the row's tick along; without JS the link
 * opens the tab with that card.
 */
export function ParticipantRows(props: ParticipantsPanelProps & { p: GroupParticipant; expanded: boolean; noticesInCard?: boolean }) {
  const { p } = props;
  const r = p.registration;
  const e = r.funding === 'IMP_KREPSELIS' ? eligibilityOf(p) : null;
  const waiting = p.documents.filter((d) => d.status === AWAITING_REVIEW).length;
  const checkboxId = `pazymeti-${r.id}`;
  const toggleHref = props.expanded
    ? `${participantsPath(props.groupId)}#registracija-${r.id}`
    : `${participantsPath(props.groupId)}?dalyvis=${r.id}#registracija-${r.id}`;
  const c = p.coupon;
  return (
    <tbody id={`dalyvis-${r.id}`}>
      <tr id={`registracija-${r.id}`} class={props.expanded ? 'open' : undefined}>
        <td>
          {tickable(props, p) ? (
            <BulkTick id={checkboxId} name="registrationId" value={r.id} form={BULK_FORM_ID} ticked={props.ticked} label={name(p)} />
          ) : null}
        </td>
        <th scope="row">{name(p)}</th>
        <td class="nowrap" title={formatDateTime(r.registered_at)}>
          {formatDate(r.registered_at)}
        </td>
        <td>{FUNDING_SOURCE_LABELS[r.funding]}</td>
        {r.funding !== 'IMP_KREPSELIS' ? (
          <td colspan={3} class="muted">
            Netaikoma
          </td>
        ) : !e ? (
          <td colspan={3} class="muted">
            Dalyvio duomenų nėra
          </td>
        ) : (
          <>
            <td data-criterion={e.education}>{CRITERION_LABELS[e.education]}</td>
            <td data-criterion={e.employment}>{CRITERION_LABELS[e.employment]}</td>
            <td data-criterion={e.residence ?? 'atitinka'}>{e.residence ? CRITERION_LABELS[e.residence] : 'Atitinka (LR pilietis)'}</td>
          </>
        )}
        <td>{waiting > 0 ? waiting : '—'}</td>
        <td>
          {REGISTRATION_STATUS_LABELS[r.status]}
          {r.funding === 'UZT' ? (
            <small class="block-line">
              {!c
                ? 'Kupono duomenys dar negauti'
                : c.status === 'I_SKYRIUS' && r.status === RegistrationStatus.Approved
                  ? SENDING_SECTION_II
                  : UZT_COUPON_STATUS_LABELS[c.status]}
            </small>
          ) : null}
        </td>
        <td>
          <a
            href={toggleHref}
            hx-get={participantCardPath(props.groupId, r.id, !props.expanded)}
            hx-target={`#dalyvis-${r.id}`}
            hx-swap="outerHTML"
            hx-include={tickable(props, p) ? `#${checkboxId}` : undefined}
            aria-expanded={props.expanded ? 'true' : 'false'}
            aria-controls={props.expanded ? `kortele-${r.id}` : undefined}
            aria-label={`${props.expanded ? 'Uždaryti kortelę' : 'Atidaryti kortelę'}: ${name(p)}`}
          >
            {props.expanded ? 'Uždaryti kortelę' : 'Atidaryti kortelę'}
          </a>
        </td>
      </tr>
      {props.expanded ? (
        <tr id={`kortele-${r.id}`} class="participant-card">
          <td colspan={TABLE_COLUMNS}>
            {props.noticesInCard ? <Notices {...props} /> : null}
            <ParticipantCard {...props} p={p} />
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}

function BulkResults(props: { results: BulkApprovalResult[] }) {
  const approved = props.results.filter((r) => r.outcome === 'approved').length;
  return (
    <BulkResultsTable
      id="tvirtinimo-rezultatai"
      heading="Pažymėtų registracijų tvirtinimas"
      status={`Patvirtinta registracijų: ${approved} iš ${props.results.length}.`}
      rows={props.results.map((r) => ({
        name: r.name,
        message: r.message,
        data: { 'data-registration': r.registrationId, 'data-outcome': r.outcome },
      }))}
    />
  );
}

function ParticipantCard(props: ParticipantsPanelProps & { p: GroupParticipant }) {
  const { p } = props;
  const r = p.registration;
  const uzt = r.funding === 'UZT';
  const e = uzt || r.funding === 'ASMENINES_LESOS' ? null : eligibilityOf(p);
  const section1 = p.coupon?.section1 ?? null;
  const maxAmount = Number(section1?.maxAmount ?? 0);
  const price = Number(props.price);
  const compensated = Math.min(maxAmount, price);
  return (
    <article class="participant">
      <header>
        <h3>
          {r.first_name} {r.last_name}
        </h3>
        <dl>
          <dt>Registracijos į grupę data</dt>
          <dd>{formatDateTime(r.registered_at)}</dd>
          <dt>Kontaktiniai duomenys</dt>
          <dd>
            {r.email}
            {r.phone ? `, ${formatPhone(r.phone)}` : ''}
          </dd>
          <dt>Registracijos būsena</dt>
          <dd>
            {REGISTRATION_STATUS_LABELS[r.status]}
            {r.decided_at ? ` (${formatDateTime(r.decided_at)}${p.decidedByName ? `, ${p.decidedByName}` : ''})` : ''}
          </dd>
        </dl>
      </header>
      <h4>Duomenys iš Diplomų, atestatų ir kvalifikacijos pažymėjimų registro</h4>
      {p.registryDocuments === null ? (
        <p>Registro duomenų gauti nepavyko.</p>
      ) : p.registryDocuments.length === 0 ? (
        <p>Registre duomenų apie įgytą kvalifikaciją ar išsilavinimą nėra.</p>
      ) : (
        <ul>
          {p.registryDocuments.map((d) => (
            <li>
              {EDUCATION_LEVEL_LABELS[d.level as EducationLevel] ?? d.level}
              {d.qualification ? ` – ${d.qualification}` : ''} ({d.issuer}, {d.issuedOn})
            </li>
          ))}
        </ul>
      )}
      <h4>Dalyvio pateikti dokumentai</h4>
      {p.documents.length === 0 ? (
        <p>Dokumentų nepateikta.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Dokumentas</th>
              <th>Failas</th>
              <th>Įkelta</th>
              <th>Vertinimo terminas</th>
              <th>Vertinimo būsena</th>
            </tr>
          </thead>
          <tbody>
            {p.documents.map((d) => (
              <tr>
                <td>{DOCUMENT_KIND_LABELS[d.kind]}</td>
                <td>
                  <a href={participantsPath(props.groupId, `/dokumentai/${d.id}`)}>{safeDownloadName(d.original_name, d.content_type)}</a> (
                  {formatFileSize(d.size)})
                </td>
                <td>{formatDateTime(d.uploaded_at)}</td>
                <td>{d.status === AWAITING_REVIEW ? formatDeadlineWithTimeLeft(d.review_due_at, props.now) : '—'}</td>
                <td>{REVIEW_STATUS_LABELS[d.status] ?? d.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <dl>
        <dt>Mokymosi finansavimo pobūdis</dt>
        <dd>
          {uzt
            ? section1
              ? `Valstybės kompensuojama suma (UŽT lėšomis): ${money(compensated)} Eur; asmeninės lėšos: ${money(Math.max(price - compensated, 0))} Eur`
              : 'Valstybės kompensuojama suma (UŽT lėšomis) ir asmeninės lėšos'
            : FUNDING_SOURCE_LABELS[r.funding]}
        </dd>
        <dt>Asmens užimtumo statusas (SoDros duomenys)</dt>
        <dd>{p.participant?.sodra_employed === true ? 'Taip' : p.participant?.sodra_employed === false ? 'Ne' : 'Duomenų nėra'}</dd>
        {e ? (
          <>
            <dt>Atitiktis IMP krepšelio finansavimo kriterijams</dt>
            <dd>
              <strong>{e.eligible ? 'Atitinka' : 'Neatitinka'}</strong>: {criteriaText(e)}
            </dd>
          </>
        ) : null}
      </dl>
      {uzt ? <UztSections {...props} /> : null}
      <Decisions {...props} />
    </article>
  );
}

function UztSections(props: ParticipantsPanelProps & { p: GroupParticipant }) {
  const c = props.p.coupon;
  if (!c) return <p>Užimtumo tarnybos kupono duomenys dar negauti.</p>;
  const s2 = c.section2;
  // C2 in flight: the approval is recorded and the coupon's workflow is sending Section II to UŽT.
  const sendingSectionII = c.status === 'I_SKYRIUS' && props.p.registration.status === RegistrationStatus.Approved;
  return (
    <>
      <h4>Užimtumo tarnybai reikalingi duomenys</h4>
      <dl>
        <dt>{UZT_DATA_LABELS.bankAccount}</dt>
        <dd>{c.bank_account ? formatIban(c.bank_account) : '—'}</dd>
        <dt>{UZT_DATA_LABELS.settlement}</dt>
        <dd>{c.settlement_frequency ? SETTLEMENT_LABELS[c.settlement_frequency] : '—'}</dd>
      </dl>
      <p>
        <small>
          Užimtumo tarnybos klientų, dalyvaujančių mokymuose, sąrašas ir atsiskaitomųjų dokumentų siuntimas – aplikacijoje „Dokumentų
          pateikimas užimtumo tarnybai“.
        </small>
      </p>
      {props.apprenticeship ? (
        <>
          <h4>Pameistrystės duomenys</h4>
          <dl>
            <dt>{UZT_DATA_LABELS.employerId}</dt>
            <dd>{props.employers.find((x) => x.id === c.employer_id)?.name ?? '—'}</dd>
            <dt>{UZT_DATA_LABELS.employerPhone}</dt>
            <dd>{c.employer_phone ? formatPhone(c.employer_phone) : '—'}</dd>
            <dt>{UZT_DATA_LABELS.employerEmail}</dt>
            <dd>{c.employer_email ?? '—'}</dd>
            <dt>{UZT_DATA_LABELS.practiceAddress}</dt>
            <dd>{c.practice_address ?? '—'}</dd>
          </dl>
        </>
      ) : null}
      <h4>Užimtumo tarnybos kupono I skyriaus duomenys</h4>
      <SectionList data={c.section1} labels={SECTION_I_LABELS} />
      <h4>Užimtumo tarnybos kupono II skyriaus duomenys</h4>
      {s2 ? (
        <SectionList data={{ ...s2, settlement: SETTLEMENT_FROM_UZT[String(s2.settlement)] ?? s2.settlement }} labels={SECTION_II_LABELS} />
      ) : sendingSectionII ? (
        <p>{SENDING_SECTION_II}</p>
      ) : (
        <p>Pateikiami mokymo teikėjui patvirtinus dalyvio registraciją.</p>
      )}
      <dl>
        <dt>Kupono būsena</dt>
        <dd>
          {sendingSectionII ? SENDING_SECTION_II : UZT_COUPON_STATUS_LABELS[c.status]}
          {c.decided_at ? ` (${formatDateTime(c.decided_at)})` : ''}
          {c.reason ? `. Priežastis: ${c.reason}` : ''}
        </dd>
      </dl>
    </>
  );
}

export function SectionList(props: { data: Record<string, unknown>; labels: [string, string][] }) {
  return (
    <dl>
      {props.labels
        .filter(([k]) => props.data[k] !== undefined && props.data[k] !== null && props.data[k] !== '')
        .map(([k, label]) => (
          <>
            <dt>{label}</dt>
            <dd>{String(props.data[k])}</dd>
          </>
        ))}
    </dl>
  );
}

function Decisions(props: ParticipantsPanelProps & { p: GroupParticipant }) {
  const r = props.p.registration;
  const action = participantsPath(props.groupId, `/${r.id}/sprendimas`);
  const typed = props.typed?.registrationId === r.id ? props.typed : undefined;
  const canDecide = decidable(props, props.p);
  const canRemove = r.status === RegistrationStatus.Registered || r.status === RegistrationStatus.Approved;
  if (!canDecide && !canRemove) return null;
  const warning = approvalWarning(props.p);
  const hx = { 'hx-post': action, 'hx-target': `#${PARTICIPANTS_PANEL_ID}`, 'hx-swap': 'outerHTML' };
  const approveTyped = typed && typed.decision !== 'REMOVE' ? typed : undefined;
  const removeTyped = typed?.decision === 'REMOVE' ? typed : undefined;
  return (
    <>
      {canDecide ? (
        <form method="post" action={action} {...hx} class="decision" novalidate>
          <h4>Reikalavimų atitiktis</h4>
          {approveTyped && Object.keys(approveTyped.errors).length > 0 ? <Notice kind="error">{approveTyped.message}</Notice> : null}
          <CsrfField />
          <input type="hidden" name="idempotencyKey" value={approveTyped?.idempotencyKey ?? props.newKey()} />
          {r.funding === 'UZT' && props.p.coupon ? <UztDataFields {...props} typed={approveTyped} /> : null}
          {warning ? <p class="warning">{warning}</p> : null}
          <button type="submit" name="decision" value="APPROVE">
            Tvirtinti
          </button>{' '}
          <button type="submit" name="decision" value="REJECT" class="secondary">
            Atmesti
          </button>
        </form>
      ) : null}
      {canRemove ? (
        <form method="post" action={action} {...hx} class="decision" novalidate>
          <CsrfField />
          <input type="hidden" name="idempotencyKey" value={removeTyped?.idempotencyKey ?? props.newKey()} />
          <input type="hidden" name="decision" value="REMOVE" />
          {removeTyped && Object.keys(removeTyped.errors).length > 0 ? <Notice kind="error">{removeTyped.message}</Notice> : null}
          <div class="field">
            <label for={`f-reason-${r.id}`}>Pašalinimo priežastis</label>
            <textarea
              id={`f-reason-${r.id}`}
              name="reason"
              required
              aria-invalid={removeTyped?.errors.reason ? 'true' : undefined}
              aria-describedby={removeTyped?.errors.reason ? `e-reason-${r.id}` : undefined}
            >
              {removeTyped?.values.reason ?? ''}
            </textarea>
            {removeTyped?.errors.reason ? (
              <small id={`e-reason-${r.id}`} class="field-error">
                {removeTyped.errors.reason}
              </small>
            ) : null}
          </div>
          <button type="submit" class="outline danger">
            Mokymo dalyvį pašalinti iš mokymo grupės
          </button>
        </form>
      ) : null}
    </>
  );
}

/** The provider's UŽT data in the approval form: the bank account defaults to the institution's (UZT-20). */
function UztDataFields(props: ParticipantsPanelProps & { p: GroupParticipant; typed: TypedDecision | undefined }) {
  const c = props.p.coupon!;
  const v = props.typed?.values ?? {};
  const errors = props.typed?.errors ?? {};
  const value = (k: string, fallback: string | null) => v[k] ?? fallback ?? '';
  const settlement = value('settlement', c.settlement_frequency);
  const employerId = value('employerId', c.employer_id);
  // One form per registration on the page: its field ids carry the registration.
  const scope = props.p.registration.id;
  return (
    <fieldset>
      <legend>Užimtumo tarnybai reikalingi duomenys</legend>
      <Field name="bankAccount" errors={errors} scope={scope}>
        <input
          {...inputAttrs('bankAccount', errors, false, scope)}
          value={value('bankAccount', c.bank_account ? formatIban(c.bank_account) : null)}
        />
      </Field>
      <Field name="settlement" errors={errors} scope={scope}>
        <select {...inputAttrs('settlement', errors, false, scope)}>
          <option value="">— pasirinkite —</option>
          {Object.entries(SETTLEMENT_LABELS).map(([k, label]) => (
            <option value={k} selected={settlement === k}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      {props.apprenticeship ? (
        <>
          <legend>Pameistrystės duomenys</legend>
          <Field
            name="employerId"
            errors={errors}
            scope={scope}
            hint="Sąraše – aplikacijoje „Darbdavio atstovai“ įtraukti aktyvūs darbdaviai."
          >
            <select {...inputAttrs('employerId', errors, true, scope)}>
              <option value="">— pasirinkite —</option>
              {props.employers.map((x) => (
                <option value={x.id} selected={employerId === x.id}>
                  {x.name} ({x.representative_first_name} {x.representative_last_name})
                </option>
              ))}
            </select>
          </Field>
          <Field name="employerPhone" errors={errors} scope={scope}>
            <input
              {...inputAttrs('employerPhone', errors, false, scope)}
              value={value('employerPhone', c.employer_phone ? formatPhone(c.employer_phone) : null)}
            />
          </Field>
          <Field name="employerEmail" errors={errors} scope={scope}>
            <input type="email" {...inputAttrs('employerEmail', errors, false, scope)} value={value('employerEmail', c.employer_email)} />
          </Field>
          <Field name="practiceAddress" errors={errors} scope={scope}>
            <input {...inputAttrs('practiceAddress', errors, false, scope)} value={value('practiceAddress', c.practice_address)} />
          </Field>
        </>
      ) : null}
    </fieldset>
  );
}
