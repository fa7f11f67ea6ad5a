// "Mano sutartys" in the KURSUOK portal (PORTAL-6, PORTAL-7, CON-17): the participant's learning
// contracts — programme, group, number (or „rengiama“), her side's and the provider's statuses, the
// contract's phase and the deadline to sign — and a contract's page with „Atsisiųsti sutartį“,
// „Pasirašyti sutartį“ and „Prašymas nutraukti sutartį“. Status words: workflows/domain/learning-contract.ts.
import type { OwnContract } from '../../db/queries/portal-contracts.ts';
import type { PersonSession } from '../../db/tables/participants.ts';
import { formatDate, formatDateTime, formatDeadlineWithTimeLeft } from '../../workflows/domain/date-format.ts';
import {
  CONTRACT_PHASE_LABELS,
  CONTRACT_SIDE_STATUS_LABELS,
  ContractPhase,
  signingRefusal,
  TERMINATION_REASON_MAX,
  terminationRequestRefusal,
} from '../../workflows/domain/learning-contract.ts';
import { CommandNotice, CsrfField, Notice } from './layout.tsx';
import { PortalLayout } from './portal-layout.tsx';
import { OwnCertificate } from './certificates.tsx';
import { QuestionnaireLinks, QuestionnaireStatusItem } from './portal-questionnaire.tsx';

export const contractPath = (id: string, rest = '') => `/kursuok/sutartys/${id}${rest}`;

/** Until the contract is in force or ended, the deadline to sign (CON-6, CON-25). */
function SigningDeadline(props: { contract: OwnContract; now: Date }) {
  const c = props.contract;
  const open = c.phase === ContractPhase.Preparing || c.phase === ContractPhase.Blocked || c.phase === ContractPhase.Signing;
  return open ? <>{formatDeadlineWithTimeLeft(c.signing_deadline, props.now)}</> : <span class="muted">–</span>;
}

const sides = (c: OwnContract) => ({
  participant: c.participant_status,
  provider: c.provider_status,
  employer: c.employer_status ?? null,
});

export function ContractsPage(props: { person: PersonSession | undefined; contracts: OwnContract[]; now: Date }) {
  return (
    <PortalLayout title="Mano sutartys" person={props.person} section="sutartys">
      <h1>Mano sutartys</h1>
      <QuestionnaireLinks contracts={props.contracts} />
      {props.contracts.length === 0 ? (
        <p>
          Mokymosi sutarčių dar neturite. Sutartis parengiama, kai mokymo teikėjas patvirtina registraciją ir grupės būsena tampa „Vykdoma“.
        </p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Programa</th>
                <th scope="col">Grupė</th>
                <th scope="col">Sutarties Nr.</th>
                <th scope="col">Mano parašas</th>
                <th scope="col">Mokymo teikėjo parašas</th>
                <th scope="col">Sutarties būsena</th>
                <th scope="col">Pasirašyti iki</th>
              </tr>
            </thead>
            <tbody>
              {props.contracts.map((c) => (
                <tr data-contract={c.id}>
                  <td>{c.programme_name}</td>
                  <td>{c.group_name}</td>
                  <td>
                    <a href={contractPath(c.id)}>{c.number ?? 'rengiama'}</a>
                  </td>
                  <td data-participant-status={c.participant_status}>{CONTRACT_SIDE_STATUS_LABELS[c.participant_status]}</td>
                  <td data-provider-status={c.provider_status}>{CONTRACT_SIDE_STATUS_LABELS[c.provider_status]}</td>
                  <td data-phase={c.phase}>{CONTRACT_PHASE_LABELS[c.phase]}</td>
                  <td>
                    <SigningDeadline contract={c} now={props.now} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PortalLayout>
  );
}

export interface TerminationForm {
  reason: string;
  error?: string | undefined;
}

export function ContractPage(props: {
  person: PersonSession | undefined;
  contract: OwnContract;
  now: Date;
  formKey: string;
  notice?: string | undefined;
  /** A refusal or outage (CommandNotice); `info` a plain message (a signing not completed). */
  error?: string | undefined;
  info?: string | undefined;
  termination?: TerminationForm | undefined;
  /** Her certificate of this contract, once generated (DONE-16): the PDF and its Verifiable Credential. */
  certificate?: { number: string; issued_on: string; verification_code: string } | undefined;
}) {
  const c = props.contract;
  const title = c.number ? `Mokymosi sutartis Nr. ${c.number}` : 'Mokymosi sutartis (rengiama)';
  const cannotSign = signingRefusal(c.phase, sides(c), 'participant');
  const cannotAsk = terminationRequestRefusal(c.phase, sides(c));
  const t = props.termination ?? { reason: '' };
  return (
    <PortalLayout title={title} person={props.person} section="sutartys">
      <p>
        <a href="/kursuok/sutartys">← Mano sutartys</a>
      </p>
      <h1>{title}</h1>
      {props.notice ? <Notice kind="success">{props.notice}</Notice> : null}
      {props.info ? <Notice kind="info">{props.info}</Notice> : null}
      {props.error ? <CommandNotice text={props.error} /> : null}
      <dl class="readonly">
        <dt>Mokymo teikėjas</dt>
        <dd>{c.institution_name}</dd>
        <dt>Programa</dt>
        <dd>{c.programme_name}</dd>
        <dt>Grupė</dt>
        <dd>
          <a href={`/kursuok/grupes/${c.group_id}`}>{c.group_name}</a>
        </dd>
        <dt>Mokymų laikotarpis</dt>
        <dd>
          {c.programme_start} – {c.programme_end}
        </dd>
        <dt>Sutarties Nr.</dt>
        <dd>{c.number ?? 'rengiama'}</dd>
        {c.dated_on ? (
          <>
            <dt>Sutarties data</dt>
            <dd>{formatDate(c.dated_on)}</dd>
          </>
        ) : null}
        <dt>Sutarties būsena</dt>
        <dd data-phase={c.phase}>
          {CONTRACT_PHASE_LABELS[c.phase]}
          {c.waiting_reason ? <small class="block">{c.waiting_reason}</small> : null}
        </dd>
        <dt>Mano parašas</dt>
        <dd data-participant-status={c.participant_status}>
          {CONTRACT_SIDE_STATUS_LABELS[c.participant_status]}
          {c.participant_signed_at ? ` (${formatDateTime(c.participant_signed_at)})` : null}
        </dd>
        <dt>Mokymo teikėjo parašas</dt>
        <dd data-provider-status={c.provider_status}>
          {CONTRACT_SIDE_STATUS_LABELS[c.provider_status]}
          {c.provider_signed_at ? ` (${formatDateTime(c.provider_signed_at)})` : null}
        </dd>
        {c.employer_status ? (
          <>
            <dt>Darbdavio parašas</dt>
            <dd>{CONTRACT_SIDE_STATUS_LABELS[c.employer_status]}</dd>
          </>
        ) : null}
        <dt>Pasirašyti iki</dt>
        <dd>
          <SigningDeadline contract={c} now={props.now} />
        </dd>
        {c.termination_requested_at ? (
          <>
            <dt>Prašymas nutraukti sutartį</dt>
            <dd>
              {formatDateTime(c.termination_requested_at)}
              {c.termination_request_reason ? <small class="block">Priežastis: {c.termination_request_reason}</small> : null}
            </dd>
          </>
        ) : null}
        <QuestionnaireStatusItem contract={c} />
        {c.terminated_at ? (
          <>
            <dt>Nutraukta</dt>
            <dd>
              {formatDateTime(c.terminated_at)}
              {c.termination_reason ? <small class="block">Priežastis: {c.termination_reason}</small> : null}
            </dd>
          </>
        ) : null}
      </dl>
      <div class="actions">
        {c.document_file_id ? (
          <a role="button" class="secondary" href={contractPath(c.id, '/dokumentas')}>
            Atsisiųsti sutartį
          </a>
        ) : null}
        {cannotSign === null && c.document_file_id ? (
          <form method="post" action={contractPath(c.id, '/pasirasyti')} class="inline">
            <CsrfField />
            <input type="hidden" name="idempotencyKey" value={props.formKey} />
            <button type="submit">Pasirašyti sutartį</button>
          </form>
        ) : null}
      </div>
      {cannotSign === null && c.document_file_id ? (
        <p>
          <small>
            Paspaudę „Pasirašyti sutartį“ būsite nukreipti į elektroninio parašo sistemą, kurioje patvirtinsite savo tapatybę ir
            pasirašysite sutartį kvalifikuotu elektroniniu parašu.
          </small>
        </p>
      ) : null}
      <OwnCertificate contractId={c.id} certificate={props.certificate} />
      {cannotAsk === null ? (
        <form method="post" action={contractPath(c.id, '/nutraukti')} id="nutraukimas">
          <h2>Prašymas nutraukti sutartį</h2>
          <CsrfField />
          <input type="hidden" name="idempotencyKey" value={props.formKey} />
          <label>
            Priežastis
            <textarea
              name="reason"
              rows={4}
              maxlength={TERMINATION_REASON_MAX}
              required
              aria-invalid={t.error ? 'true' : undefined}
              aria-describedby={t.error ? 'reason-error' : undefined}
            >
              {t.reason}
            </textarea>
            {t.error ? <small id="reason-error">{t.error}</small> : null}
          </label>
          <button type="submit" class="secondary">
            Pateikti prašymą nutraukti sutartį
          </button>
        </form>
      ) : null}
    </PortalLayout>
  );
}
