// Pages of the application "Institucijos sutartys" (manual §3.12; CON-2..CON-5, CON-8..CON-15,
// CON-19, CON-22, CON-27): the groups with contracts, a group's contracts with each side's status,
// the signing button, the "Meniu" of a row, the termination form and the termination information.
import type { BatchResultRow } from '../../db/queries/contract-signing-batches.ts';
import type { ContractGroupItem, GroupContractItem } from '../../db/queries/institution-contracts.ts';
import type { ContractSigningBatchRow } from '../../db/tables/contract-signing-batches.ts';
import {
  BATCH_ROW_OUTCOME_LABELS,
  BatchRowOutcome,
  BatchStatus,
  MAX_BATCH_CONTRACTS,
  type BatchParty,
} from '../../workflows/domain/contract-batch-signing.ts';
import type { LearningContractRow } from '../../db/tables/learning-contracts.ts';
import { MOKINIU_REGISTRAS_REMINDER, PENDING_NUMBER_TEXT } from '../../workflows/domain/contract-document.ts';
import { formatDate, formatDateTime } from '../../workflows/domain/date-format.ts';
import { NON_FORMAL_PROGRAMME_KIND } from '../../workflows/domain/institution-readiness.ts';
import {
  CONTRACT_PHASE_LABELS,
  CONTRACT_SIDE_STATUS_LABELS,
  TERMINATION_GROUND_LABELS,
  TERMINATION_REASON_MAX,
  type ContractSideStatus,
  type TerminationGround,
} from '../../workflows/domain/learning-contract.ts';
import { CommandNotice, CsrfField, Notice } from './layout.tsx';

export const CONTRACTS_PATH = '/sutartys';
export const groupContractsPath = (groupId: string) => `${CONTRACTS_PATH}/grupes/${groupId}`;
export const contractPath = (contractId: string, rest: string) => `${CONTRACTS_PATH}/${contractId}/${rest}`;
/** A bulk signing's result page (CON-5, CON-20) and the gateway's return to it. */
export const batchPath = (batchId: string) => `${CONTRACTS_PATH}/pasirasymai/${batchId}`;
/** CON-5: the manual names no button for signing the ticked contracts at once. */
export const BULK_SIGN_LABEL = 'Pasirašyti pažymėtas';
export const BULK_SIGN_EMPLOYER_LABEL = 'Pasirašyti pažymėtas darbdavio vardu';
/** The "select all" link's query (no script: the page is rendered again with those boxes ticked). */
export const SELECT_AWAITING_QUERY = 'pazymeti=laukiancias';
const BULK_FORM_ID = 'pazymetos-sutartys';

export function ContractGroupsPage(props: { groups: ContractGroupItem[] }) {
  return (
    <>
      <h1>Institucijos sutartys</h1>
      <p>Mokymo grupės, kurių būsena „Vykdoma“ arba „Užbaigta“ ir kuriose yra mokymosi sutarčių.</p>
      {props.groups.length === 0 ? (
        <p>Sutarčių nėra.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Mokymosi programa</th>
              <th scope="col">Mokymo grupė</th>
              <th scope="col">Grupės būsena</th>
              <th scope="col">Vykdymo pradžia</th>
              <th scope="col">Vykdymo pabaiga</th>
              <th scope="col">Pasirašyta</th>
              <th scope="col">Laukia pasirašymo</th>
            </tr>
          </thead>
          <tbody>
            {props.groups.map((g) => (
              <tr>
                <td>
                  {g.programmeCode} {g.programmeName}
                </td>
                <td>
                  <a href={groupContractsPath(g.groupId)}>{g.groupName}</a>
                </td>
                <td>{g.groupStatus}</td>
                <td>{formatDate(g.programmeStart)}</td>
                <td>{formatDate(g.programmeEnd)}</td>
                <td>{g.signed}</td>
                <td>{g.awaiting}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** What the acting user may do with one row (decided by the route from rights, employer link and state). */
export interface RowActions {
  signAs: ('provider' | 'employer')[];
  terminate: boolean;
  download: boolean;
  terminationInfo: boolean;
}

/** CON-5: the ticking and the one button, for a user who may sign for `parties`. */
export interface BulkSigning {
  groupId: string;
  parties: BatchParty[];
  formKey: string;
  /** "Pažymėti visas laukiančias": the rows awaiting the user's signature are ticked. */
  selectAwaiting: boolean;
}

export interface GroupContractsProps {
  groupName: string;
  programme: string;
  /** An SMPKR programme's contracts get their number and date from "Mokinių registras" (NUM-9..NUM-11). */
  programmeKind?: string | undefined;
  items: { item: GroupContractItem; actions: RowActions }[];
  newKey: () => string;
  success?: string | undefined;
  error?: string | undefined;
  bulk?: BulkSigning | undefined;
}

/** NUM-9: not an NŠPR programme, so "Mokinių registras" numbers its contracts. */
const numberedByRegister = (kind: string | undefined) => kind !== undefined && kind !== NON_FORMAL_PROGRAMME_KIND;
const sideLabel = (s: ContractSideStatus | null) => (s ? CONTRACT_SIDE_STATUS_LABELS[s] : '–');
export const participantName = (i: GroupContractItem) => [i.firstName, i.lastName].filter(Boolean).join(' ') || '–';

export function GroupContractsPage(props: GroupContractsProps) {
  const trilateral = props.items.some((r) => r.item.contract.employer_status !== null);
  return (
    <>
      <p>
        <a href={CONTRACTS_PATH}>Institucijos sutartys</a> / {props.programme} /
      </p>
      <h1>{props.groupName}</h1>
      {props.success ? <Notice kind="success">{props.success}</Notice> : null}
      {props.error ? <CommandNotice text={props.error} /> : null}
      {numberedByRegister(props.programmeKind) ? (
        <Notice kind="info">
          Šios programos sutarčių numeris ir registracijos data automatiškai gaunami iš Mokinių registro. {MOKINIU_REGISTRAS_REMINDER}
        </Notice>
      ) : null}
      {props.bulk && props.items.length > 0 ? <BulkSigningForm bulk={props.bulk} /> : null}
      {props.items.length === 0 ? (
        <p>Sutarčių nėra.</p>
      ) : (
        <table>
          <thead>
            <tr>
              {props.bulk ? <th scope="col">Pažymėti</th> : null}
              <th scope="col">Mokymo dalyvis</th>
              <th scope="col">Sutarties numeris</th>
              <th scope="col">Sutarties būsena</th>
              <th scope="col">Dalyvio sutartis</th>
              <th scope="col">Mokymo teikėjo sutartis</th>
              {trilateral ? <th scope="col">Darbdavio sutartis</th> : null}
              <th scope="col">Veiksmai</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map(({ item, actions }) => (
              <ContractRow
                item={item}
                actions={actions}
                trilateral={trilateral}
                newKey={props.newKey}
                bulk={props.bulk}
                numberFromRegister={numberedByRegister(props.programmeKind)}
              />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/**
 * CON-5: "Pažymėti visas laukiančias" and the button (one per side the user signs for). The boxes sit
 * in the table's rows and belong to this form by their `form` attribute (a row has forms of its own).
 */
function BulkSigningForm(props: { bulk: BulkSigning }) {
  const b = props.bulk;
  const whose = b.parties.includes('provider') ? 'mokymo teikėjo' : 'darbdavio';
  return (
    <form id={BULK_FORM_ID} method="post" action={`${groupContractsPath(b.groupId)}/pasirasyti`} class="bulk-signing">
      <CsrfField />
      <input type="hidden" name="idempotencyKey" value={b.formKey} />
      <p>
        Pažymėkite sutartis ir pasirašykite jas vienu kartu (ne daugiau kaip {MAX_BATCH_CONTRACTS}). Pasirašomos tik tos, kurios laukia{' '}
        {whose} parašo; dėl kitų bus nurodyta, kodėl jos nepasirašytos.{' '}
        {b.selectAwaiting ? (
          <a href={groupContractsPath(b.groupId)}>Atžymėti visas</a>
        ) : (
          <a href={`${groupContractsPath(b.groupId)}?${SELECT_AWAITING_QUERY}`}>Pažymėti visas, laukiančias {whose} parašo</a>
        )}
      </p>
      {b.parties.map((party) => (
        <button type="submit" name="party" value={party}>
          {party === 'provider' ? BULK_SIGN_LABEL : BULK_SIGN_EMPLOYER_LABEL}
        </button>
      ))}
    </form>
  );
}

function ContractRow(props: {
  item: GroupContractItem;
  actions: RowActions;
  trilateral: boolean;
  newKey: () => string;
  bulk?: BulkSigning | undefined;
  numberFromRegister?: boolean;
}) {
  const c = props.item.contract;
  const a = props.actions;
  const menu = a.terminate || a.download || a.terminationInfo;
  const ticked = props.bulk?.selectAwaiting === true && props.bulk.parties.some((p) => a.signAs.includes(p));
  return (
    <tr id={`sutartis-${c.id}`}>
      {props.bulk ? (
        <td>
          <input
            type="checkbox"
            name="contractIds"
            value={c.id}
            form={BULK_FORM_ID}
            checked={ticked}
            aria-label={`Pažymėti: ${participantName(props.item)}`}
          />
        </td>
      ) : null}
      <td>{participantName(props.item)}</td>
      <td>{c.number ?? (props.numberFromRegister && c.phase === 'RENGIAMA' ? <em>{PENDING_NUMBER_TEXT}</em> : '–')}</td>
      <td title={c.waiting_reason ?? undefined}>{CONTRACT_PHASE_LABELS[c.phase]}</td>
      <td>{sideLabel(c.participant_status)}</td>
      <td>{sideLabel(c.provider_status)}</td>
      {props.trilateral ? (
        <td>
          {sideLabel(c.employer_status)}
          {props.item.employerName ? (
            <>
              <br />
              <small>{props.item.employerName}</small>
            </>
          ) : null}
        </td>
      ) : null}
      <td>
        {a.signAs.map((party) => (
          <form method="post" action={contractPath(c.id, 'pasirasyti')}>
            <CsrfField />
            <input type="hidden" name="idempotencyKey" value={props.newKey()} />
            <input type="hidden" name="party" value={party} />
            <button type="submit">{party === 'provider' ? 'Pasirašyti' : 'Pasirašyti darbdavio vardu'}</button>
          </form>
        ))}
        {menu ? (
          <details class="dropdown">
            <summary>Meniu</summary>
            <ul>
              {a.terminate ? (
                <li>
                  <a href={contractPath(c.id, 'nutraukti')}>Nutraukti sutartį</a>
                </li>
              ) : null}
              {a.download ? (
                <li>
                  <a href={contractPath(c.id, 'dokumentas')}>Atsisiųsti sutartį</a>
                </li>
              ) : null}
              {a.terminationInfo ? (
                <li>
                  <a href={contractPath(c.id, 'nutraukimas')}>Sutarties nutraukimo informacija</a>
                </li>
              ) : null}
            </ul>
          </details>
        ) : null}
      </td>
    </tr>
  );
}

export interface TerminationFormProps {
  item: GroupContractItem;
  grounds: TerminationGround[];
  values: { ground?: string | undefined; reason?: string | undefined };
  errors: Partial<Record<'ground' | 'reason', string>>;
  formKey: string;
  error?: string | undefined;
}

/** "Nutraukti sutartį" (CON-8..CON-11). */
export function TerminationForm(props: TerminationFormProps) {
  const c = props.item.contract;
  return (
    <>
      <p>
        <a href={CONTRACTS_PATH}>Institucijos sutartys</a> / <a href={groupContractsPath(c.group_id)}>Mokymo grupės sutartys</a> /
      </p>
      <h1>Nutraukti sutartį</h1>
      <p>
        Sutartis {c.number ?? ''}, mokymo dalyvis {participantName(props.item)}.
      </p>
      {c.termination_request_reason ? (
        <p>
          Mokymo dalyvio prašymo nutraukti sutartį priežastis: <em>{c.termination_request_reason}</em>
        </p>
      ) : null}
      {props.error ? <CommandNotice text={props.error} /> : null}
      <form method="post" action={contractPath(c.id, 'nutraukti')}>
        <CsrfField />
        <input type="hidden" name="idempotencyKey" value={props.formKey} />
        <label for="ground">
          Sutarties nutraukimo pagrindas
          <select id="ground" name="ground" required aria-invalid={props.errors.ground ? 'true' : undefined}>
            <option value="">Pasirinkite</option>
            {props.grounds.map((g) => (
              <option value={g} selected={props.values.ground === g}>
                {TERMINATION_GROUND_LABELS[g]}
              </option>
            ))}
          </select>
          {props.errors.ground ? <small class="field-error">{props.errors.ground}</small> : null}
        </label>
        <label for="reason">
          Nutraukimo priežastis
          <textarea id="reason" name="reason" maxlength={TERMINATION_REASON_MAX} aria-invalid={props.errors.reason ? 'true' : undefined}>
            {props.values.reason ?? ''}
          </textarea>
          <small>Privaloma, kai pagrindas – „{TERMINATION_GROUND_LABELS.DALYVIO_ISIPAREIGOJIMAI}“.</small>
          {props.errors.reason ? <small class="field-error">{props.errors.reason}</small> : null}
        </label>
        <button type="submit">Nutraukti sutartį</button>
      </form>
    </>
  );
}

const INITIATOR_LABELS: Record<NonNullable<LearningContractRow['termination_initiator']>, string> = {
  DALYVIS: 'Mokymo dalyvis',
  TEIKEJAS: 'Mokymo teikėjas',
};

/** "Sutarties nutraukimo informacija" (CON-14). */
export function TerminationInfo(props: { item: GroupContractItem; terminatedBy: string | null }) {
  const c = props.item.contract;
  const ground = c.termination_ground as TerminationGround | null;
  return (
    <>
      <p>
        <a href={CONTRACTS_PATH}>Institucijos sutartys</a> / <a href={groupContractsPath(c.group_id)}>Mokymo grupės sutartys</a> /
      </p>
      <h1>Sutarties nutraukimo informacija</h1>
      <dl>
        <dt>Sutarties numeris</dt>
        <dd>{c.number ?? '–'}</dd>
        <dt>Mokymo dalyvis</dt>
        <dd>{participantName(props.item)}</dd>
        <dt>Nutraukimo data</dt>
        <dd>{formatDateTime(c.terminated_at)}</dd>
        <dt>Nutraukimo iniciatorius</dt>
        <dd>{c.termination_initiator ? INITIATOR_LABELS[c.termination_initiator] : '–'}</dd>
        <dt>Nutraukimo pagrindas</dt>
        <dd>{ground && ground in TERMINATION_GROUND_LABELS ? TERMINATION_GROUND_LABELS[ground] : '–'}</dd>
        <dt>Nutraukimo priežastis</dt>
        <dd>{c.termination_reason ?? '–'}</dd>
        {c.termination_request_reason ? (
          <>
            <dt>Mokymo dalyvio prašymo priežastis</dt>
            <dd>{c.termination_request_reason}</dd>
          </>
        ) : null}
        <dt>Sutartį nutraukė</dt>
        <dd>{props.terminatedBy ?? '–'}</dd>
      </dl>
    </>
  );
}

export interface BatchResultProps {
  batch: ContractSigningBatchRow;
  rows: BatchResultRow[];
  groupName: string;
}

/** CON-5, CON-20: a bulk signing's outcome per ticked contract; polls (htmx) until every row has one. */
export function BatchResultPage(props: BatchResultProps) {
  return (
    <>
      <p>
        <a href={CONTRACTS_PATH}>Institucijos sutartys</a> / <a href={groupContractsPath(props.batch.group_id)}>{props.groupName}</a> /
      </p>
      <h1>Pažymėtų sutarčių pasirašymas</h1>
      <BatchResults {...props} />
      <p>
        <a href={groupContractsPath(props.batch.group_id)}>Grįžti į grupės sutarčių sąrašą</a>
      </p>
    </>
  );
}

export function BatchResults(props: BatchResultProps) {
  const b = props.batch;
  // Each contract writes its own row: once none is pending after the confirmation, the outcome is known.
  const pending = props.rows.some((r) => r.outcome === BatchRowOutcome.Pending);
  const done = b.status === BatchStatus.Done || (b.status === BatchStatus.Recording && !pending);
  const signed = props.rows.filter((r) => r.outcome === BatchRowOutcome.Signed).length;
  const poll = done ? {} : { 'hx-get': batchPath(b.id), 'hx-trigger': 'every 1s', 'hx-swap': 'outerHTML' };
  return (
    <section id="paketo-rezultatai" {...poll}>
      {b.status === BatchStatus.AwaitingSigner ? (
        <Notice kind="info">
          Laukiama, kol pasirašymą patvirtinsite elektroninio parašo sistemoje.
          {b.sign_url ? (
            <>
              {' '}
              <a href={b.sign_url}>Tęsti pasirašymą</a>
            </>
          ) : null}
        </Notice>
      ) : !done ? (
        <Notice kind="info">
          Parašai įrašomi: pasirašyta {signed} iš {props.rows.length}.
        </Notice>
      ) : (
        <Notice kind={signed === props.rows.length ? 'success' : 'info'}>
          Pasirašyta sutarčių: {signed} iš {props.rows.length}.
        </Notice>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">Mokymo dalyvis</th>
            <th scope="col">Sutarties numeris</th>
            <th scope="col">Rezultatas</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr id={`paketo-sutartis-${r.contractId}`} data-outcome={r.outcome}>
              <td>{[r.firstName, r.lastName].filter(Boolean).join(' ') || '–'}</td>
              <td>{r.number ?? '–'}</td>
              <td>
                {BATCH_ROW_OUTCOME_LABELS[r.outcome]}
                {r.outcome === BatchRowOutcome.NotSigned && r.message ? `: ${r.message}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
