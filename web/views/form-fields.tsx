// One labelled form field with its error or hint, for every form: the message follows the input
// (not inside its label), so assistive technology reads it once, as the input's description.
import type { Child } from 'hono/jsx';

export function formFields<F extends string>(labels: Record<F, string>) {
  function Field(props: { name: F; errors: Partial<Record<F, string>>; children: Child; hint?: string | undefined; optional?: boolean }) {
    const error = props.errors[props.name];
    return (
      <div class="field">
        <label for={`f-${props.name}`}>
          {labels[props.name]}
          {props.optional ? <span class="muted"> (neprivaloma)</span> : null}
        </label>
        {props.children}
        {error ? (
          <small id={`e-${props.name}`} class="field-error">
            {error}
          </small>
        ) : props.hint ? (
          <small id={`h-${props.name}`}>{props.hint}</small>
        ) : null}
      </div>
    );
  }

  /** id, name and the ARIA links of an input (aria-describedby points at its error, else its hint). */
  function inputAttrs(name: F, errors: Partial<Record<F, string>>, hint = false) {
    return {
      id: `f-${name}`,
      name,
      'aria-invalid': errors[name] ? ('true' as const) : undefined,
      'aria-describedby': errors[name] ? `e-${name}` : hint ? `h-${name}` : undefined,
    };
  }

  return { Field, inputAttrs };
}
