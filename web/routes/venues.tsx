// Application "Mokymo vietos" (§3.4; VENUE-1..VENUE-7): the institution's venue list, the venue
// window (add, edit), and "Nuotolinis mokymas" with the provider's registered office address
// (VENUE-4). Plain master data: written through db/queries/venues.ts with its audit row. Mounted
// behind requireApplication(Application.Venues): administrators and employees (§6).
import { Hono, type Context } from 'hono';
import { createVenue, findVenue, listVenues, updateVenue, venueNamesExcept } from '../../db/queries/venues.ts';
import type { Venue } from '../../db/schema.ts';
import {
  REMOTE_VENUE_NAME,
  VENUE_ADDRESS_FIELDS,
  VENUE_FORM_MESSAGES,
  isRemoteVenueName,
  remoteVenueFromSeat,
  seatAddressFromSmir,
  validateVenue,
  type VenueFieldErrors,
  type VenueFormInput,
  type VenueFormValue,
} from '../../workflows/domain/venue.ts';
import type { AppEnv } from '../context.ts';
import { isUuid, newKey } from '../forms.ts';
import { respond } from '../render.tsx';
import { Notice } from '../views/layout.tsx';
import {
  REMOTE_VENUE_PATH,
  VENUES_APP,
  VenueForm,
  VenueFormPage,
  VenuesPage,
  venueFormTitle,
  venueFormValues,
  type ListNotice,
  type VenueFormProps,
  type VenueListProps,
} from '../views/venues.tsx';
import { changeActor, redirectAfterChange } from '../change-helpers.ts';
import { pageOf } from '../paging.ts';

export const venueRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;
type Status = 200 | 400 | 422;

const MESSAGES = {
  invalidRequest: 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.',
  fixFields: 'Patikrinkite pažymėtus laukus.',
};

async function readForm(c: C): Promise<VenueFormInput> {
  const body = await c.req.parseBody();
  const values: VenueFormInput = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== '_csrf' && typeof value === 'string') values[key] = value;
  }
  return values;
}

/** Back to the list with a notice about one venue (read back from Postgres: no text travels in the URL). */
function toList(c: C, notice: 'itraukta' | 'issaugota' | 'jau-yra', venueId: string) {
  return redirectAfterChange(c, `/mokymo-vietos?pranesimas=${notice}&vieta=${venueId}`);
}

function badRequest(c: C) {
  return respond(c, {
    title: 'Neteisinga užklausa',
    app: VENUES_APP,
    status: 400,
    page: () => <Notice kind="error">{MESSAGES.invalidRequest}</Notice>,
    fragment: () => <Notice kind="error">{MESSAGES.invalidRequest}</Notice>,
  });
}

function formResponse(c: C, props: VenueFormProps, status: Status) {
  return respond(c, {
    title: venueFormTitle(props),
    app: VENUES_APP,
    status,
    page: () => <VenueFormPage {...props} />,
    fragment: () => <VenueForm {...props} />,
  });
}

/** The venue in the URL, only if it belongs to the acting institution (GEN-5). */
async function loadVenue(c: C): Promise<Venue | undefined> {
  const id = c.req.param('venueId');
  if (!isUuid(id)) return undefined;
  return findVenue(c.get('deps').db, c.get('acting').institution.id, id);
}

function seatAddress(c: C) {
  return seatAddressFromSmir(c.get('acting').institution.smir_data);
}

// ---- The list (VENUE-1) -------------------------------------------------------------------------

function noticeFor(code: string | undefined, venue: Venue | undefined): ListNotice | undefined {
  if (!venue) return undefined;
  switch (code) {
    case 'itraukta':
      return { kind: 'success', text: `Mokymo vieta „${venue.name}“ įtraukta į institucijos mokymo vietų sąrašą.` };
    case 'issaugota':
      return { kind: 'success', text: `Mokymo vietos „${venue.name}“ duomenys išsaugoti.` };
    case 'jau-yra':
      return { kind: 'info', text: `Mokymo vieta „${venue.name}“ jau yra institucijos mokymo vietų sąraše: antra tokia nesukurta.` };
    default:
      return undefined;
  }
}

venueRoutes.get('/mokymo-vietos', async (c) => {
  const venues = await listVenues(c.get('deps').db, c.get('acting').institution.id);
  const about = c.req.query('vieta');
  const notice = noticeFor(c.req.query('pranesimas'), isUuid(about) ? venues.find((v) => v.id === about) : undefined);
  let remoteOffer: VenueListProps['remoteOffer'];
  if (!venues.some((v) => isRemoteVenueName(v.name))) {
    const seat = seatAddress(c);
    remoteOffer = { seat, ready: remoteVenueFromSeat(seat), idempotencyKey: newKey() };
  }
  const { items, ...paging } = pageOf(venues, c.req.query('puslapis'));
  return respond(c, {
    title: VENUES_APP,
    app: VENUES_APP,
    page: () => <VenuesPage venues={items} paging={paging} notice={notice} remoteOffer={remoteOffer} />,
  });
});

// ---- "Įtraukti naują mokymo vietą" (VENUE-1, VENUE-2) ---------------------------------------------

venueRoutes.get('/mokymo-vietos/nauja', (c) => {
  return formResponse(c, { mode: 'create', action: '/mokymo-vietos', values: {}, errors: {}, idempotencyKey: newKey() }, 200);
});

/** Adds the checked venue; `refuse` re-renders the window with the name's error. */
async function create(c: C, key: string, value: VenueFormValue, refuse: (errors: VenueFieldErrors) => Response | Promise<Response>) {
  const institutionId = c.get('acting').institution.id;
  const result = await createVenue(c.get('deps').db, { institutionId, venueId: key, value, actor: changeActor(c) });
  if (result.ok) return toList(c, 'itraukta', result.venueId);
  if (result.reason === 'key_conflict') return badRequest(c);
  // Someone added a venue of this name meanwhile ("Nuotolinis mokymas": once only).
  if (isRemoteVenueName(value.name)) return toList(c, 'jau-yra', result.venueId);
  return refuse({ name: VENUE_FORM_MESSAGES.nameTaken });
}

venueRoutes.post('/mokymo-vietos', async (c) => {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const values = await readForm(c);
  const key = values.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  // The same form sent again after it was done (a double submit): done once; say so again.
  if (await findVenue(db, institutionId, key)) return toList(c, 'itraukta', key);
  const refuse = (errors: VenueFieldErrors) =>
    formResponse(c, { mode: 'create', action: '/mokymo-vietos', values, errors, message: MESSAGES.fixFields, idempotencyKey: key }, 422);
  const checked = validateVenue(values, { takenNames: await venueNamesExcept(db, institutionId) });
  if (!checked.ok) return refuse(checked.errors);
  return create(c, key, checked.value, refuse);
});

// ---- "Nuotolinis mokymas" with the registered office address (VENUE-4) --------------------------

async function existingRemoteVenue(c: C): Promise<Venue | undefined> {
  const venues = await listVenues(c.get('deps').db, c.get('acting').institution.id);
  return venues.find((v) => isRemoteVenueName(v.name));
}

/** The window with the name fixed and the address from ŠMIR as far as it is known, to check and complete. */
venueRoutes.get(REMOTE_VENUE_PATH, async (c) => {
  const existing = await existingRemoteVenue(c);
  if (existing) return toList(c, 'jau-yra', existing.id);
  const seat = seatAddress(c);
  const values: VenueFormInput = { name: REMOTE_VENUE_NAME, ...seat?.parts };
  return formResponse(c, { mode: 'remote', action: REMOTE_VENUE_PATH, values, errors: {}, idempotencyKey: newKey(), seat }, 200);
});

/**
 * Creates "Nuotolinis mokymas" once: from the address typed in its window, or (the list's button,
 * which sends no address) from ŠMIR's registered office address when every part of it is known.
 */
venueRoutes.post(REMOTE_VENUE_PATH, async (c) => {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const values = await readForm(c);
  const key = values.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  const existing = await existingRemoteVenue(c);
  if (existing) return toList(c, existing.id === key ? 'itraukta' : 'jau-yra', existing.id);
  const seat = seatAddress(c);
  const typed = VENUE_ADDRESS_FIELDS.some((f) => values[f] !== undefined);
  if (!typed) {
    const ready = remoteVenueFromSeat(seat);
    // The registry's address is missing or incomplete: the window asks for it.
    if (!ready) return redirectAfterChange(c, REMOTE_VENUE_PATH);
    return create(c, key, ready, () => toList(c, 'jau-yra', key));
  }
  const input = { ...values, name: REMOTE_VENUE_NAME };
  const refuse = (errors: VenueFieldErrors) =>
    formResponse(
      c,
      { mode: 'remote', action: REMOTE_VENUE_PATH, values: input, errors, message: MESSAGES.fixFields, idempotencyKey: key, seat },
      422,
    );
  const checked = validateVenue(input, { takenNames: await venueNamesExcept(db, institutionId) });
  if (!checked.ok) return refuse(checked.errors);
  return create(c, key, checked.value, refuse);
});

// ---- Editing (VENUE-5) --------------------------------------------------------------------------

venueRoutes.get('/mokymo-vietos/:venueId/redaguoti', async (c) => {
  const venue = await loadVenue(c);
  if (!venue) return c.notFound();
  return formResponse(
    c,
    { mode: 'edit', action: `/mokymo-vietos/${venue.id}/redaguoti`, values: venueFormValues(venue), errors: {}, venue },
    200,
  );
});

venueRoutes.post('/mokymo-vietos/:venueId/redaguoti', async (c) => {
  const venue = await loadVenue(c);
  if (!venue) return c.notFound();
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const values = await readForm(c);
  const refuse = (errors: VenueFieldErrors) =>
    formResponse(
      c,
      { mode: 'edit', action: `/mokymo-vietos/${venue.id}/redaguoti`, values, errors, message: MESSAGES.fixFields, venue },
      422,
    );
  const checked = validateVenue(values, { takenNames: await venueNamesExcept(db, institutionId, venue.id) });
  if (!checked.ok) return refuse(checked.errors);
  const result = await updateVenue(db, { institutionId, venueId: venue.id, value: checked.value, actor: changeActor(c) });
  if (!result.ok) return result.reason === 'not_found' ? c.notFound() : refuse({ name: VENUE_FORM_MESSAGES.nameTaken });
  return toList(c, 'issaugota', venue.id);
});
