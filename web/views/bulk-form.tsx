// A tab's "ticked rows at once" plumbing, shared by "Mokymo dalyviai" ("Tvirtinti pažymėtus") and
// "Mokymų baigimas" (marks for the ticked): the form the rows' boxes belong to by their `form`
// attribute (a row has forms of its own), a row's box, and the table of what was done with each row.
import type { Child } from 'hono/jsx';
import { CsrfField } from './layout.tsx';

/** The bulk form; it answers with the whole panel `panelId` (htmx) or the page. */
export function BulkForm(props: { id: string; action: string; panelId: string; idempotencyKey: string; children: Child }) {
  return (
    <form
      id={props.id}
      method="post"
      action={props.action}
      hx-post={props.action}
      hx-target={`#${props.panelId}`}
      hx-swap="outerHTML"
      class="bulk-approve"
    >
      <CsrfField />
      <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} />
      {props.children}
    </form>
  );
}

/** A row's box of the bulk form `form`, ticked when its value is among `ticked`. */
export function BulkTick(props: {
  id?: string;
  name: string;
  value: string;
  form: string;
  ticked: readonly string[] | undefined;
  label: string;
}) {
  return (
    <input
      type="checkbox"
      id={props.id}
      name={props.name}
      value={props.value}
      form={props.form}
      checked={props.ticked?.includes(props.value) ?? false}
      aria-label={`Pažymėti: ${props.label}`}
    />
  );
}

export interface BulkResultRow {
  name: string;
  message: string;
  /** The row's data attributes (its id and outcome, for tests and styles). */
  data: Record<string, string>;
}

/** What the bulk form did with each ticked row: a count, then a row each. */
export function BulkResults(props: { id: string; heading: string; status: string; rows: BulkResultRow[] }) {
  return (
    <section class="bulk-results" aria-labelledby={props.id}>
      <h3 id={props.id}>{props.heading}</h3>
      <p role="status">{props.status}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">Vardas, pavardė</th>
            <th scope="col">Rezultatas</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr {...r.data}>
              <th scope="row">{r.name}</th>
              <td>{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
