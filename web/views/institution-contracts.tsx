// Pages of the application "Institucijos sutartys" (manual §3.12; CON-2..CON-5, CON-8..CON-15,
// CON-19, CON-22, CON-27): the groups with contracts, a group's contracts with each side's status,
// the signing button, the "Meniu" of a row, the termination form and the termination information.
import type { ContractGroupItem, GroupContractItem } from '../../db/queries/institution-contracts.ts';
import type { LearningContractRow } from '../../db/tables/learning-contracts.ts';
import { formatDate, formatDateTime } from '../../workflows/domain/date-format.ts';
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

export interface GroupContractsProps {
  groupName: string;
  programme: string;
  items: { item: GroupContractItem; actions: RowActions }[];
  newKey: () => string;
  success?: string | undefined;
  error?: string | undefined;
}

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
      {props.items.length === 0 ? (
        <p>Sutarčių nėra.</p>
      ) : (
        <table>
          <thead>
            <tr>
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
              <ContractRow item={item} actions={actions} trilateral={trilateral} newKey={props.newKey} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function ContractRow(props: { item: GroupContractItem; actions: RowActions; trilateral: boolean; newKey: () => string }) {
  const c = props.item.contract;
  const a = props.actions;
  const menu = a.terminate || a.download || a.terminationInfo;
  return (
    <tr id={`sutartis-${c.id}`}>
      <td>{participantName(props.item)}</td>
      <td>{c.number ?? '–'}</td>
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
