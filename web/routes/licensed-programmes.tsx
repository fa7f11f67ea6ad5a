// Application "Licencijuotų mokymo programų sąrašas" (§3.6; LIC-1..LIC-19, OQ-18, OQ-19): the list
// of the institution's licensed programmes and modules, the window "Įtraukti naują programą" in
// steps (venue → programme licensed there → registry data and the provider's fields → module), and
// "Meniu" → "Stabdyti mokymo programą". The registries (Licencijų registras, SMPKR) are read, never
// written; what is added is plain master data, written through db/queries/licensed-programmes.ts
// with its audit row. Mounted behind requireApplication(Application.LicensedProgrammes):
// administrators and employees (§6).
import { Hono, type Context } from 'hono';
import { isRegistryError, REGISTRY_LABELS } from '../../workflows/domain/registries.ts';
import type { SmpkrProgramme } from '../../activities/registries/smpkr.ts';
import {
  activeCodesAt,
  addLicensedProgramme,
  findLicensedProgramme,
  listLicensedProgrammes,
  suspendLicensedProgramme,
  type LicensedProgrammeItem,
  type NewLicensedProgramme,
} from '../../db/queries/licensed-programmes.ts';
import { listVenues } from '../../db/queries/venues.ts';
import type { LicensedRegistryData } from '../../db/schema.ts';
import { vilniusDate } from '../../workflows/domain/calendar.ts';
import {
  LICENSED_APP,
  LICENSED_FORM_MESSAGES,
  NEW_PROGRAMME_BUTTON,
  SUSPEND_ACTION,
  addTargetOf,
  programmesLicensedAt,
  validateLicensedProgramme,
  type LicensedFieldErrors,
  type LicensedFormInput,
} from '../../workflows/domain/licensed-programme.ts';
import type { AppEnv } from '../context.ts';
import { isHtmx, isUuid, newKey } from '../forms.ts';
import { respond } from '../render.tsx';
import { Notice } from '../views/layout.tsx';
import {
  CHANGED_EVENT,
  ContactHoursField,
  LIST_PATH,
  LicensedProgrammeWindow,
  LicensedProgrammesPage,
  LicensedWindowPage,
  SuspendConfirmPage,
  SuspendedRowFragment,
  itemLabel,
  type LicensedWindowProps,
  type ListNotice,
  type ProgrammeOffer,
} from '../views/licensed-programmes.tsx';
import { changeActor, redirectAfterChange } from '../change-helpers.ts';

export const licensedProgrammeRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;
type WindowStatus = 200 | 400 | 409 | 422 | 502 | 503;

const MESSAGES = {
  invalidRequest: 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.',
  fixFields: 'Patikrinkite pažymėtus laukus.',
  duplicate:
    'Toks įrašas šioje mokymo vietoje jau yra: ta pati programa ar modulis toje pačioje mokymo vietoje įtraukiami tik kartą, kol jie nesustabdyti.',
};

/** The window's values from a query string (a step) or a form body (a submit): strings, and the languages' list. */
function fromEntries(entries: Record<string, string | string[] | File | (string | File)[]>): LicensedFormInput {
  const values: LicensedFormInput = {};
  for (const [key, raw] of Object.entries(entries)) {
    if (key === '_csrf') continue;
    const strings = (Array.isArray(raw) ? raw : [raw]).filter((s): s is string => typeof s === 'string');
    if (strings.length === 0) continue;
    values[key] = key === 'languages' ? strings : strings[0];
  }
  return values;
}

function text(values: LicensedFormInput, key: string): string {
  const v = values[key];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function badRequest(c: C) {
  return respond(c, {
    title: 'Neteisinga užklausa',
    app: LICENSED_APP,
    status: 400,
    page: () => <Notice kind="error">{MESSAGES.invalidRequest}</Notice>,
    fragment: () => <Notice kind="error">{MESSAGES.invalidRequest}</Notice>,
  });
}

/** A registry that could not be asked, as a person reads it; other errors are not ours to explain. */
function registryProblem(err: unknown, requestId: string): { text: string; status: 502 | 503 } {
  if (!isRegistryError(err)) throw err;
  console.warn(`[${requestId}] ${err.message}`);
  const label = REGISTRY_LABELS[err.registry];
  return err.unavailable
    ? { text: `${label.unreachable}: programų duomenų gauti nepavyko.`, status: 503 }
    : { text: `${label.name} atsakė netinkamai: programų duomenų gauti nepavyko.`, status: 502 };
}

/** Everything the window shows for the values chosen so far, read from Postgres and the registries. */
interface WindowState extends Omit<LicensedWindowProps, 'values' | 'errors' | 'message' | 'idempotencyKey'> {
  status: 200 | 502 | 503;
}

/**
 * The venue (only the institution's: another's → null, the caller answers 404), the programmes
 * licensed there (LIC-16), the chosen one's SMPKR record and licence. A registry that fails leaves
 * what it would have given empty and says so; nothing typed is dropped.
 */
async function windowState(c: C, values: LicensedFormInput): Promise<WindowState | null> {
  const { db, registries } = c.get('deps');
  const institution = c.get('acting').institution;
  const venues = await listVenues(db, institution.id);
  const venueId = text(values, 'venueId');
  const venue = venues.find((v) => v.id === venueId) ?? null;
  if (!venue && isUuid(venueId)) return null;
  const state: WindowState = { status: 200, venues, venue, offers: null, offer: null, programme: null, activeCodes: new Set() };
  if (!venue) return state;
  try {
    const [licences, activeCodes] = await Promise.all([
      registries.licenses.licencesOf(institution.code),
      activeCodesAt(db, institution.id, venue.id),
    ]);
    state.activeCodes = activeCodes;
    state.offers = programmesLicensedAt(licences, venue).map((o): ProgrammeOffer => ({ ...o, added: activeCodes.has(o.code) }));
  } catch (err) {
    const problem = registryProblem(err, c.get('requestId'));
    return { ...state, status: problem.status, registryProblem: problem.text };
  }
  const code = text(values, 'programmeCode');
  state.offer = state.offers.find((o) => o.code === code) ?? null;
  if (!state.offer) return state;
  try {
    state.programme = await registries.smpkr.findProgramme(code);
  } catch (err) {
    const problem = registryProblem(err, c.get('requestId'));
    return { ...state, status: problem.status, registryProblem: problem.text };
  }
  return state;
}

function windowResponse(
  c: C,
  state: WindowState,
  form: { values: LicensedFormInput; idempotencyKey: string; errors?: LicensedFieldErrors; message?: ListNotice | undefined },
  status: WindowStatus = state.status,
) {
  const errors: LicensedFieldErrors = { ...form.errors };
  // A programme licensed at the venue that SMPKR does not know (cannot be shown or added).
  if (state.offer && !state.programme && !state.registryProblem) errors.programmeCode ??= LICENSED_FORM_MESSAGES.unknownProgramme;
  const props: LicensedWindowProps = { ...state, values: form.values, errors, message: form.message, idempotencyKey: form.idempotencyKey };
  return respond(c, {
    title: NEW_PROGRAMME_BUTTON,
    app: LICENSED_APP,
    status,
    page: () => <LicensedWindowPage {...props} />,
    fragment: () => <LicensedProgrammeWindow {...props} />,
  });
}

async function loadItem(c: C): Promise<LicensedProgrammeItem | undefined> {
  const id = c.req.param('licensedProgrammeId');
  if (!isUuid(id)) return undefined;
  return findLicensedProgramme(c.get('deps').db, c.get('acting').institution.id, id);
}

function noticeFor(code: string | undefined, item: LicensedProgrammeItem | undefined): ListNotice | undefined {
  if (!item) return undefined;
  const what = item.module_code ? 'Modulis' : 'Mokymo programa';
  switch (code) {
    case 'itraukta':
      return {
        kind: 'success',
        text: `${what} „${itemLabel(item)}“ ${item.module_code ? 'įtrauktas' : 'įtraukta'}. Naujas įrašas rodomas aplikacijoje „Institucijos mokymosi programos“.`,
      };
    case 'sustabdyta':
      return suspendedNotice(item);
    default:
      return undefined;
  }
}

function suspendedNotice(item: LicensedProgrammeItem): ListNotice {
  return {
    kind: 'success',
    text: `Mokymo programa „${itemLabel(item)}“ sustabdyta: naujų mokymo grupių jai kurti negalima, jau sukurtos grupės tęsiamos.`,
  };
}

function registryData(programme: SmpkrProgramme, moduleCode: string | null, offer: ProgrammeOffer): LicensedRegistryData {
  const { modules, status: _status, lastEditedOn: _edited, ...rest } = programme;
  const chosen = moduleCode ? (modules.find((m) => m.code === moduleCode) ?? null) : null;
  return {
    programme: {
      code: rest.code,
      name: rest.name,
      kind: rest.kind,
      formalStage: rest.formalStage,
      ltksLevel: rest.ltksLevel,
      qualification: rest.qualification,
      educationField: rest.educationField,
      credits: rest.credits,
      hours: rest.hours,
      entryRequirements: rest.entryRequirements,
      registeredOn: rest.registeredOn,
    },
    module: chosen ? { code: chosen.code, name: chosen.name, credits: chosen.credits, type: chosen.type, hours: chosen.hours } : null,
    licence: { number: offer.licenceNumber, venueAddress: offer.licenceAddress, validFrom: offer.validFrom },
  };
}

const hundredths = (hours: number) => Math.round(hours * 100);

// ---- The list (LIC-1, LIC-15) ---------------------------------------------------------------------

licensedProgrammeRoutes.get(LIST_PATH, async (c) => {
  const items = await listLicensedProgrammes(c.get('deps').db, c.get('acting').institution.id);
  const about = c.req.query('programa');
  const notice = noticeFor(c.req.query('pranesimas'), isUuid(about) ? items.find((p) => p.id === about) : undefined);
  return respond(c, { title: LICENSED_APP, app: LICENSED_APP, page: () => <LicensedProgrammesPage items={items} notice={notice} /> });
});

// ---- "Įtraukti naują programą" (LIC-2..LIC-13, LIC-16) ---------------------------------------------

/** The window at the step its values reach: a full page, or for htmx the window alone. */
licensedProgrammeRoutes.get(`${LIST_PATH}/nauja`, async (c) => {
  const values = fromEntries(c.req.queries());
  const state = await windowState(c, values);
  if (!state) return c.notFound();
  const key = text(values, 'idempotencyKey');
  return windowResponse(c, state, { values, idempotencyKey: isUuid(key) ? key : newKey() });
});

/** LIC-10: "Kontaktinio darbo trukmė valandomis" of what is typed, for the live preview. */
licensedProgrammeRoutes.get(`${LIST_PATH}/nauja/trukme`, (c) => {
  const values = fromEntries(c.req.queries());
  return respond(c, {
    title: NEW_PROGRAMME_BUTTON,
    app: LICENSED_APP,
    page: () => <ContactHoursField values={values} />,
    fragment: () => <ContactHoursField values={values} />,
  });
});

/** "Įtraukti visą programą" (itraukti=programa) or "Įtraukti atskirą modulį" (itraukti=modulis). */
licensedProgrammeRoutes.post(LIST_PATH, async (c) => {
  const values = fromEntries(await c.req.parseBody({ all: true }));
  const key = text(values, 'idempotencyKey');
  if (!isUuid(key)) return badRequest(c);
  const state = await windowState(c, values);
  if (!state) return c.notFound();
  const form = { values, idempotencyKey: key };
  // A registry is down: nothing can be checked or added; the window keeps everything typed.
  if (state.registryProblem) return windowResponse(c, state, form);

  const target = addTargetOf(values);
  const programme = state.programme;
  const checked = validateLicensedProgramme(values, target, {
    venueIds: state.venues.map((v) => v.id),
    licensedCodes: (state.offers ?? []).map((o) => o.code),
    programmeStatus: programme?.status ?? null,
    moduleCodes: programme?.modules.map((m) => m.code) ?? [],
  });
  if (!checked.ok || !programme || !state.offer || !state.venue) {
    const errors = checked.ok ? {} : checked.errors;
    return windowResponse(c, state, { ...form, errors, message: { kind: 'error', text: MESSAGES.fixFields } }, 422);
  }
  const value = checked.value;
  const chosenModule = value.moduleCode ? programme.modules.find((m) => m.code === value.moduleCode) : undefined;
  const item: NewLicensedProgramme = chosenModule
    ? {
        value,
        code: chosenModule.code,
        name: chosenModule.name,
        kind: 'VET_MODULE',
        selfStudyHundredths: hundredths(chosenModule.hours.independent),
        licenceNumber: state.offer.licenceNumber,
        registryData: registryData(programme, chosenModule.code, state.offer),
      }
    : {
        value,
        code: programme.code,
        name: programme.name,
        kind: programme.kind,
        selfStudyHundredths: hundredths(programme.hours.independent),
        licenceNumber: state.offer.licenceNumber,
        registryData: registryData(programme, null, state.offer),
      };
  const institutionId = c.get('acting').institution.id;
  const result = await addLicensedProgramme(c.get('deps').db, { institutionId, programmeId: key, item, actor: changeActor(c) });
  if (!result.ok && result.reason === 'key_conflict') return badRequest(c);
  if (!result.ok) {
    const errors: LicensedFieldErrors = chosenModule
      ? { moduleCode: LICENSED_FORM_MESSAGES.duplicateModule }
      : { programmeCode: LICENSED_FORM_MESSAGES.duplicateProgramme };
    // The window offers the next item with a fresh key; the duplicate's codes are marked as added.
    const again = { ...state, activeCodes: await activeCodesAt(c.get('deps').db, institutionId, state.venue.id) };
    again.offers = (state.offers ?? []).map((o) => ({ ...o, added: again.activeCodes.has(o.code) }));
    return windowResponse(c, again, { values, idempotencyKey: key, errors, message: { kind: 'error', text: MESSAGES.duplicate } }, 409);
  }
  return redirectAfterChange(c, `${LIST_PATH}?pranesimas=itraukta&programa=${result.programmeId}`);
});

// ---- "Meniu" → "Stabdyti mokymo programą" (LIC-15, LIC-18, OQ-19) ----------------------------------

/** Without JavaScript the menu item opens this page, which asks before suspending. */
licensedProgrammeRoutes.get(`${LIST_PATH}/:licensedProgrammeId/stabdyti`, async (c) => {
  const item = await loadItem(c);
  if (!item) return c.notFound();
  return respond(c, { title: SUSPEND_ACTION, app: LICENSED_APP, page: () => <SuspendConfirmPage item={item} /> });
});

licensedProgrammeRoutes.post(`${LIST_PATH}/:licensedProgrammeId/stabdyti`, async (c) => {
  const item = await loadItem(c);
  if (!item) return c.notFound();
  const now = new Date();
  const result = await suspendLicensedProgramme(c.get('deps').db, {
    institutionId: item.institution_id,
    programmeId: item.id,
    now,
    vilniusDate: vilniusDate(now),
    actor: changeActor(c),
  });
  if (!result.ok) return c.notFound();
  if (isHtmx(c)) {
    const notice: ListNotice = result.changed
      ? suspendedNotice(result.programme)
      : { kind: 'info', text: `Mokymo programa „${itemLabel(result.programme)}“ jau sustabdyta.` };
    const items = await listLicensedProgrammes(c.get('deps').db, item.institution_id);
    return respond(c, {
      title: LICENSED_APP,
      app: LICENSED_APP,
      trigger: result.changed ? CHANGED_EVENT : undefined,
      page: () => null,
      fragment: () => <SuspendedRowFragment item={result.programme} items={items} notice={notice} />,
    });
  }
  return c.redirect(`${LIST_PATH}?pranesimas=sustabdyta&programa=${item.id}`, 303);
});
