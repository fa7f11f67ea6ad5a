// Tab "ŠMIR informacija" (§3.2.2; INST-10, INST-11, INST-12, EXT-4): what ŠMIR holds about the
// institution, read-only, every field of §3.2.2 ("—" where the record has none), with both dates.
import { formatDate, formatDateTime } from '../../workflows/domain/date-format.ts';
import { SMIR_FIELDS, SMIR_REFRESHED_LABEL, smirValues } from '../../workflows/domain/institution-info.ts';
import { Notice } from './layout.tsx';

interface SmirTabProps {
  record: Record<string, unknown> | null;
  /** "Paskutinio atnaujinimo iš registro data": the last successful refresh. */
  refreshedAt: Date | null;
  /** Set when the last refresh failed (the record shown is the last good one). */
  refreshError: string | null;
}

export function SmirTab(props: SmirTabProps) {
  const values = smirValues(props.record, formatDate);
  const refreshed = props.refreshedAt ? formatDateTime(props.refreshedAt) : null;
  return (
    <section id="smir-informacijos-kortele" aria-label="ŠMIR informacija">
      {props.refreshError ? (
        <Notice kind="error">
          Paskutinį kartą atnaujinti duomenų iš ŠMIR nepavyko. Rodomi paskutiniai sėkmingai gauti duomenys
          {refreshed ? ` (atnaujinti ${refreshed})` : ''}; jie bus atnaujinti, kai registras vėl bus pasiekiamas.
        </Notice>
      ) : null}
      {props.record === null ? <Notice kind="info">Duomenų iš ŠMIR dar negauta.</Notice> : null}
      <dl class="readonly smir">
        {SMIR_FIELDS.map(({ field, label }) => (
          <div>
            <dt>{label}</dt>
            <dd data-field={field}>{values[field] ?? <span class="muted">—</span>}</dd>
          </div>
        ))}
        <div>
          <dt>{SMIR_REFRESHED_LABEL}</dt>
          <dd data-field="refreshedAt">{refreshed ?? <span class="muted">—</span>}</dd>
        </div>
      </dl>
      <p>
        <small class="muted">
          Jei duomenys neteisingi, juos reikia pataisyti Švietimo, mokslo ir sporto institucijų registre – IMP IS juos gaus kito atnaujinimo
          iš registro metu.
        </small>
      </p>
    </section>
  );
}
