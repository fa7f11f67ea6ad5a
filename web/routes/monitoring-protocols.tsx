// The provider's application "Institucijos KPMPC protokolai" (manual §3.8; MON-1, MON-3..MON-5,
// MON-9..MON-11). Pages read Postgres; the signature is one Update (signProtocol) to the protocol's
// workflow with the form's key as updateId. Every route: a released protocol of the acting
// institution, or 404 (GEN-5). Reading needs the application's 'view', signing its 'full' (app.tsx;
// the access matrix gives 'full' to "Mokymo institucijos administratorius").
//
// Signing (OQ-55 → OQ-47, "in-system signing by authenticated users (VIISP-authenticated sessions)"):
// the logged-in institution user's confirmation; the workflow records who, when, the choice and the
// observations (MON-9).
import { Hono, type Context } from 'hono';
import {
  findInstitutionProtocol,
  listInstitutionProtocols,
  protocolFilterChoices,
  type ProtocolFilters,
} from '../../db/queries/monitoring-protocols.ts';
import { Application, allows } from '../../workflows/domain/access.ts';
import { isIsoDate } from '../../workflows/domain/calendar.ts';
import {
  checkSignatureForm,
  isMonitoringResult,
  signRefusal,
  SIGNATURE_STATE_LABELS,
  type SignatureState,
} from '../../workflows/domain/monitoring-protocol.ts';
import type { AppEnv } from '../context.ts';
import { keepsFormKey } from '../errors.ts';
import { isUuid, newKey } from '../forms.ts';
import { signProtocol } from '../monitoring-protocol-commands.ts';
import { badRequest, respond } from '../render.tsx';
import { PROTOCOLS_PATH, ProtocolListPage, ProtocolPage, type SignFormState } from '../views/monitoring-protocols.tsx';

const APP = Application.MonitoringProtocols;
type C = Context<AppEnv>;

export const monitoringProtocolRoutes = new Hono<AppEnv>();

function target(c: C) {
  const { temporal, config } = c.get('deps');
  return { temporal, taskQueue: config.temporal.taskQueue, timeoutMs: config.temporal.commandTimeoutMs };
}

/** MON-11: the query's filters; a malformed one is named (400), the rest still apply. */
function filtersOf(c: C): { filters: ProtocolFilters; error?: string } {
  const q = (name: string) => (c.req.query(name) ?? '').trim();
  const filters: ProtocolFilters = {};
  const problems: string[] = [];
  const take = (name: string, valid: (v: string) => boolean, set: (v: string) => void, label: string) => {
    const v = q(name);
    if (v === '') return;
    if (valid(v)) set(v);
    else problems.push(label);
  };
  take('programa', isUuid, (v) => (filters.programmeId = v), 'mokymosi programa');
  take('grupe', isUuid, (v) => (filters.groupId = v), 'mokymo grupė');
  take('nuo', isIsoDate, (v) => (filters.from = v), 'data nuo');
  take('iki', isIsoDate, (v) => (filters.to = v), 'data iki');
  take('rezultatas', isMonitoringResult, (v) => (filters.result = v as ProtocolFilters['result']), 'rezultatas');
  take(
    'parasas',
    (v) => v in SIGNATURE_STATE_LABELS,
    (v) => (filters.signature = v as SignatureState),
    'parašo būsena',
  );
  if (filters.from && filters.to && filters.from > filters.to) problems.push('data „nuo“ vėlesnė nei „iki“');
  return problems.length > 0 ? { filters, error: `Neteisingi paieškos kriterijai: ${problems.join(', ')}.` } : { filters };
}

monitoringProtocolRoutes.get(PROTOCOLS_PATH, async (c) => {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const { filters, error } = filtersOf(c);
  const [items, choices] = await Promise.all([
    listInstitutionProtocols(db, institutionId, filters),
    protocolFilterChoices(db, institutionId),
  ]);
  return respond(c, {
    title: 'Institucijos KPMPC protokolai',
    app: APP,
    status: error ? 400 : 200,
    page: () => <ProtocolListPage items={items} filters={filters} choices={choices} filterError={error} />,
  });
});

async function loadProtocol(c: C) {
  const id = c.req.param('protocolId');
  return isUuid(id) ? findInstitutionProtocol(c.get('deps').db, c.get('acting').institution.id, id) : undefined;
}

/** MON-9: only a user of the institution with full access signs (the head's own session has no user). */
function canSign(c: C): boolean {
  const { user, roles } = c.get('acting');
  return user !== null && allows(APP, roles, 'full');
}

const NOTICES: Record<string, string> = { pasirasyta: 'Protokolas pasirašytas.' };

async function renderProtocol(c: C, id: string, form: SignFormState, status: 200 | 202 | 404 | 409 | 422 | 503 = 200, notice?: string) {
  const item = await findInstitutionProtocol(c.get('deps').db, c.get('acting').institution.id, id);
  if (!item) return c.notFound();
  return respond(c, {
    title: `KPMPC protokolas – ${item.groupName}`,
    app: APP,
    status,
    page: () => <ProtocolPage item={item} form={form} canSign={canSign(c)} notice={notice} />,
  });
}

monitoringProtocolRoutes.get(`${PROTOCOLS_PATH}/:protocolId`, async (c) => {
  const item = await loadProtocol(c);
  if (!item) return c.notFound();
  return renderProtocol(c, item.protocol.id, { formKey: newKey() }, 200, NOTICES[c.req.query('pranesimas') ?? '']);
});

/** M4 (MON-3..MON-5, MON-9): 422 for a missing choice, 409 once signed (or not to be signed), 404 for another institution's. */
monitoringProtocolRoutes.post(`${PROTOCOLS_PATH}/:protocolId/pasirasyti`, async (c) => {
  const item = await loadProtocol(c);
  if (!item) return c.notFound();
  const body = await c.req.parseBody();
  const key = body.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  const values = {
    choice: typeof body.choice === 'string' ? body.choice : '',
    observations: typeof body.observations === 'string' ? body.observations : '',
  };
  const id = item.protocol.id;
  const refusal = signRefusal(item.protocol.status);
  if (refusal) return renderProtocol(c, id, { formKey: newKey(), error: refusal }, 409);
  const { user, institution, session } = c.get('acting');
  if (!user || !canSign(c))
    return renderProtocol(c, id, { formKey: key, values, error: 'Pasirašyti gali tik institucijos administratorius.' }, 409);
  const checked = checkSignatureForm(values);
  if (!checked.ok) return renderProtocol(c, id, { formKey: key, values, errors: checked.errors }, 422);
  const result = await signProtocol(target(c), {
    protocolId: id,
    idempotencyKey: key,
    command: {
      signer: {
        userId: user.id,
        institutionId: institution.id,
        personalCodeHash: user.personal_code_hash ?? session.personal_code_hash,
        name: `${user.first_name} ${user.last_name}`,
      },
      choice: checked.choice,
      observations: checked.observations,
      requestId: c.get('requestId'),
    },
  });
  if (!result.ok) {
    if (result.status === 404) return c.notFound();
    const errors = Object.keys(result.fieldErrors).length > 0 ? (result.fieldErrors as Record<string, string>) : undefined;
    return renderProtocol(
      c,
      id,
      { formKey: keepsFormKey(result) ? key : newKey(), values, ...(errors ? { errors } : {}), error: result.message },
      result.status,
    );
  }
  return c.redirect(`${PROTOCOLS_PATH}/${id}?pranesimas=pasirasyta`, 303);
});
