// "Mokymo vietos" (§3.4): the institution's venue list and the venue window (VENUE-1..VENUE-6).
import type { Venue } from '../../db/schema.ts';
import {
  MUNICIPALITIES,
  REMOTE_VENUE_NAME,
  VENUE_FORM_LABELS as L,
  formatAddress,
  isAddressComplete,
  parseAddress,
  type SeatAddress,
  type VenueAddress,
  type VenueFieldErrors,
  type VenueFormField,
  type VenueFormInput,
  type VenueFormValue,
} from '../../workflows/domain/venue.ts';
import { formFields } from './form-fields.tsx';
import { CsrfField, Notice } from './layout.tsx';
import { Pager } from './users.tsx';

const { Field, inputAttrs } = formFields<VenueFormField>(L);

export const VENUES_APP = 'Mokymo vietos';
const NEW_VENUE_BUTTON = 'Įtraukti naują mokymo vietą';
export const REMOTE_VENUE_PATH = '/mokymo-vietos/nuotolinis-mokymas';

/** The venue's address parts as stored (null where a venue from before the parts lacks them). */
function venueParts(v: Venue): Partial<Record<keyof VenueAddress, string | null>> {
  return { municipality: v.municipality, city: v.city, street: v.street, building: v.building, postalCode: v.postal_code };
}

function venueAddressComplete(v: Venue): boolean {
  return isAddressComplete(venueParts(v));
}

/**
 * The window's values for a stored venue. A venue from before the address had parts: the parts it
 * has, and for the others what can be read from its one-line address (to check and complete).
 */
export function venueFormValues(v: Venue): VenueFormInput {
  const parsed = venueAddressComplete(v) ? {} : parseAddress(v.address);
  const stored = venueParts(v);
  return {
    name: v.name,
    municipality: stored.municipality ?? parsed.municipality ?? '',
    city: stored.city ?? parsed.city ?? '',
    street: stored.street ?? parsed.street ?? '',
    building: stored.building ?? parsed.building ?? '',
    postalCode: stored.postalCode ?? parsed.postalCode ?? '',
  };
}

function text(values: VenueFormInput, key: VenueFormField): string {
  const v = values[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

// ---- The list ----------------------------------------------------------------------------------

export type ListNotice = { kind: 'success' | 'error' | 'info'; text: string };

/** VENUE-4: what the list offers while the institution has no "Nuotolinis mokymas" venue. */
export interface RemoteVenueOffer {
  /** The registered office address from ŠMIR, as given; null when the record has none. */
  seat: SeatAddress | null;
  /** The venue ready to be created from it, when every part of the address is known. */
  ready: VenueFormValue | null;
  idempotencyKey: string;
}

export interface VenueListProps {
  /** This page's venues (GEN-16). */
  venues: Venue[];
  paging: { page: number; pageCount: number; total: number };
  notice?: ListNotice | undefined;
  /** Absent when the institution has its "Nuotolinis mokymas" venue. */
  remoteOffer?: RemoteVenueOffer | undefined;
}

function RemoteOffer(props: { offer: RemoteVenueOffer }) {
  const { seat, ready } = props.offer;
  return (
    <article class="notice notice-info remote-offer" aria-labelledby="nuotolinis-antraste">
      <h2 id="nuotolinis-antraste">Mokymo vieta nuotoliniam mokymui</h2>
      <p>
        Mokymams, kurie bus vykdomi nuotoliniu sinchroniniu būdu, taip pat reikalingas mokymo vietos įrašas: jo pavadinimas – „
        {REMOTE_VENUE_NAME}“, adresas – mokymo teikėjo buveinės adresas. Institucijos sąraše tokios mokymo vietos dar nėra.
      </p>
      {ready ? (
        <>
          <p>
            Buveinės adresas pagal ŠMIR: <strong>{formatAddress(ready)}</strong>
          </p>
          <div class="form-actions">
            <form method="post" action={REMOTE_VENUE_PATH}>
              <CsrfField />
              <input type="hidden" name="idempotencyKey" value={props.offer.idempotencyKey} />
              <button type="submit">Sukurti mokymo vietą „{REMOTE_VENUE_NAME}“</button>
            </form>
            <a href={REMOTE_VENUE_PATH}>Patikslinti adresą prieš kuriant</a>
          </div>
        </>
      ) : (
        <>
          <p>
            {seat
              ? `ŠMIR pateiktas buveinės adresas „${seat.text}“ neišsamus: patikslinkite jį.`
              : 'ŠMIR duomenyse buveinės adreso nėra: įveskite jį.'}
          </p>
          <p>
            <a href={REMOTE_VENUE_PATH} role="button">
              Sukurti mokymo vietą „{REMOTE_VENUE_NAME}“
            </a>
          </p>
        </>
      )}
    </article>
  );
}

export function VenuesPage(props: VenueListProps) {
  return (
    <>
      <h1>{VENUES_APP}</h1>
      <p>Į institucijos mokymo vietų sąrašą turi būti įtrauktos visos mokymo vietos, kuriose bus planuojami ar vykdomi mokymai.</p>
      <p>
        <a href="/mokymo-vietos/nauja" role="button">
          {NEW_VENUE_BUTTON}
        </a>
      </p>
      {props.notice ? <Notice kind={props.notice.kind}>{props.notice.text}</Notice> : null}
      {props.remoteOffer ? <RemoteOffer offer={props.remoteOffer} /> : null}
      <section id="mokymo-vietu-sarasas" aria-label="Institucijos mokymo vietų sąrašas">
        {props.venues.length === 0 ? (
          <Notice kind="info">Institucija dar neturi mokymo vietų. Paspaudę „{NEW_VENUE_BUTTON}“ įtraukite pirmąją.</Notice>
        ) : (
          <div class="table-scroll">
            <table class="venues">
              <thead>
                <tr>
                  <th scope="col">{L.name}</th>
                  <th scope="col">Adresas</th>
                  <th scope="col">Veiksmai</th>
                </tr>
              </thead>
              <tbody>
                {props.venues.map((v) => (
                  <tr id={`vieta-${v.id}`}>
                    <td>{v.name}</td>
                    <td>
                      {v.address.trim() === '' ? (
                        <small class="incomplete">Adresas nenurodytas: redaguodami nurodykite visas adreso dalis.</small>
                      ) : (
                        <>
                          {v.address}
                          {venueAddressComplete(v) ? null : (
                            <small class="incomplete">Adresas neišsamus: redaguodami nurodykite visas adreso dalis.</small>
                          )}
                        </>
                      )}
                    </td>
                    <td>
                      <a href={`/mokymo-vietos/${v.id}/redaguoti`} aria-label={`Redaguoti: ${v.name}`}>
                        Redaguoti
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          {...props.paging}
          href={(p) => (p > 1 ? `/mokymo-vietos?puslapis=${p}` : '/mokymo-vietos')}
          label="Mokymo vietų sąrašo puslapiai"
        />
      </section>
    </>
  );
}

// ---- The venue window --------------------------------------------------------------------------

export interface VenueFormProps {
  /** 'remote': "Nuotolinis mokymas" with the registered office address (VENUE-4). */
  mode: 'create' | 'edit' | 'remote';
  action: string;
  values: VenueFormInput;
  errors: VenueFieldErrors;
  message?: string | undefined;
  idempotencyKey?: string | undefined;
  /** When editing: whose window it is. */
  venue?: Venue | undefined;
  /** When creating "Nuotolinis mokymas": the registered office address from ŠMIR (null: none). */
  seat?: SeatAddress | null | undefined;
}

/** The venue window (VENUE-2: every field required; VENUE-6: the address in parts). */
export function VenueForm(props: VenueFormProps) {
  const { values: v, errors: e } = props;
  const legacy = props.venue && !venueAddressComplete(props.venue) ? props.venue.address.trim() : '';
  const municipality = text(v, 'municipality');
  return (
    <form
      method="post"
      action={props.action}
      hx-post={props.action}
      hx-target="this"
      hx-swap="outerHTML show:top"
      novalidate
      id="mokymo-vietos-langas"
      class="venue-form"
    >
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      {props.mode === 'remote' ? (
        <Notice kind="info">
          {props.seat
            ? `Mokymo teikėjo buveinės adresas pagal ŠMIR: „${props.seat.text}“. Patikrinkite adreso dalis ir užpildykite trūkstamas.`
            : 'ŠMIR duomenyse mokymo teikėjo buveinės adreso nėra: įveskite buveinės adresą.'}
        </Notice>
      ) : null}
      {legacy ? (
        <Notice kind="info">
          Šios mokymo vietos adresas buvo įvestas viena eilute: „{legacy}“. Patikrinkite iš jo atpažintas adreso dalis ir užpildykite
          trūkstamas.
        </Notice>
      ) : null}
      <CsrfField />
      {props.idempotencyKey ? <input type="hidden" name="idempotencyKey" value={props.idempotencyKey} /> : null}
      <Field
        name="name"
        errors={e}
        hint={
          props.mode === 'remote'
            ? 'Nuotoliniu sinchroniniu būdu vykdomų mokymų mokymo vietos pavadinimas.'
            : 'Pvz., „Mokymo centras, 101 auditorija“.'
        }
      >
        {props.mode === 'remote' ? (
          <input type="text" {...inputAttrs('name', e, true)} value={REMOTE_VENUE_NAME} readonly />
        ) : (
          <input type="text" {...inputAttrs('name', e, true)} value={text(v, 'name')} maxlength={200} autocomplete="off" required />
        )}
      </Field>
      <fieldset>
        <legend>{props.mode === 'remote' ? 'Mokymo teikėjo buveinės adresas' : 'Adresas'}</legend>
        <div class="grid-2">
          <Field name="municipality" errors={e}>
            <select {...inputAttrs('municipality', e)} required>
              <option value="">– Pasirinkite –</option>
              {MUNICIPALITIES.map((m) => (
                <option value={m} selected={municipality === m}>
                  {m}
                </option>
              ))}
            </select>
          </Field>
          <Field name="city" errors={e} hint="Pvz., Vilnius, Dusmenų k.">
            <input type="text" {...inputAttrs('city', e, true)} value={text(v, 'city')} maxlength={100} autocomplete="off" required />
          </Field>
        </div>
        <div class="grid-address">
          <Field name="street" errors={e} hint="Pvz., Gedimino pr. Jei gyvenvietėje gatvių nėra, nurodykite gyvenvietės pavadinimą.">
            <input type="text" {...inputAttrs('street', e, true)} value={text(v, 'street')} maxlength={150} autocomplete="off" required />
          </Field>
          <Field name="building" errors={e} hint="Pvz., 1, 12A, 5-3.">
            <input
              type="text"
              {...inputAttrs('building', e, true)}
              value={text(v, 'building')}
              maxlength={20}
              autocomplete="off"
              required
            />
          </Field>
          <Field name="postalCode" errors={e} hint="Pvz., LT-01103.">
            <input
              type="text"
              {...inputAttrs('postalCode', e, true)}
              value={text(v, 'postalCode')}
              maxlength={20}
              autocomplete="off"
              required
            />
          </Field>
        </div>
      </fieldset>
      <div class="form-actions">
        <button type="submit">
          {props.mode === 'edit' ? 'Išsaugoti' : props.mode === 'remote' ? `Sukurti mokymo vietą „${REMOTE_VENUE_NAME}“` : 'Išsaugoti'}
        </button>
        <a href="/mokymo-vietos" class="secondary">
          Atšaukti
        </a>
      </div>
    </form>
  );
}

export function venueFormTitle(props: Pick<VenueFormProps, 'mode' | 'venue'>): string {
  return props.mode === 'edit' ? (props.venue?.name ?? VENUES_APP) : props.mode === 'remote' ? REMOTE_VENUE_NAME : 'Nauja mokymo vieta';
}

export function VenueFormPage(props: VenueFormProps) {
  return (
    <>
      <p>
        <a href="/mokymo-vietos">{VENUES_APP}</a> /
      </p>
      <h1>{venueFormTitle(props)}</h1>
      {props.mode === 'create' ? <p>Užpildykite visus laukus: visi jie privalomi.</p> : null}
      {props.mode === 'edit' ? <p>Pakeitimai galioja ir mokymo grupėms, kurioms ši mokymo vieta jau pasirinkta.</p> : null}
      <VenueForm {...props} />
    </>
  );
}
