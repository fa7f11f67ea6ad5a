// One labelled form field with its error or hint, for every form: the message follows the input
// (not inside its label), so assistive technology reads it once, as the input's description.
import type { Child } from 'hono/jsx';

export function formFields<F extends string>(labels: Record<F, string>) {
  /** Element ids of a field; `scope` keeps them unique when one page repeats the form (one per row). */
  const ids = (name: F, scope?: string) => {
    const base = scope ? `${scope}-${name}` : name;
    return { input: `f-${base}`, error: `e-${base}`, hint: `h-${base}` };
  };

  function Field(props: {
    name: F;
    errors: Partial<Record<F, string>>;
    children: Child;
    hint?: string | undefined;
    optional?: boolean;
    scope?: string;
  }) {
    const error = props.errors[props.name];
    const id = ids(props.name, props.scope);
    return (
      <div class="field">
        <label for={id.input}>
          {labels[props.name]}
          {props.optional ? <span class="muted"> (neprivaloma)</span> : null}
        </label>
        {props.children}
        {error ? (
          <small id={id.error} class="field-error">
            {error}
          </small>
        ) : props.hint ? (
          <small id={id.hint}>{props.hint}</small>
        ) : null}
      </div>
    );
  }

  /** id, name and the ARIA links of an input (aria-describedby points at its error, else its hint). */
  function inputAttrs(name: F, errors: Partial<Record<F, string>>, hint = false, scope?: string) {
    const id = ids(name, scope);
    return {
      id: id.input,
      name,
      'aria-invalid': errors[name] ? ('true' as const) : undefined,
      'aria-describedby': errors[name] ? id.error : hint ? id.hint : undefined,
    };
  }

  return { Field, inputAttrs };
}
