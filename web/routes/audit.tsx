// "Audito žurnalas": the acting institution's audit trail, newest first, with filters (GEN-9).
// Mounted by ./users.tsx under /naudotojai, so the "Institucijos naudotojai" access applies
// (administrators and the head: §6).
import { Hono } from 'hono';
import { auditFilterOptions, HEAD_ACTOR, listAuditTrail, SYSTEM_ACTOR, type AuditTrailFilters } from '../../db/queries/audit-trail.ts';
import { institutionEmployers } from '../../db/queries/users.ts';
import { listVenues } from '../../db/queries/venues.ts';
import { isIsoDate } from '../../workflows/domain/calendar.ts';
import type { AppEnv } from '../context.ts';
import { isUuid } from '../forms.ts';
import { respond } from '../render.tsx';
import { AUDIT_TITLE, AuditPage } from '../views/audit.tsx';

export const auditRoutes = new Hono<AppEnv>();

const AUDIT_PAGE_SIZE = 50;
const APP = 'Institucijos naudotojai';
const CODE = /^[a-z_]{1,64}$/;

/** The filters of the query string; what cannot be used is dropped and reported. */
function auditFilters(query: URLSearchParams): { filters: AuditTrailFilters; page: number; problems: string[] } {
  const problems: string[] = [];
  const text = (name: string) => {
    const v = (query.get(name) ?? '').trim();
    return v === '' ? undefined : v;
  };
  const code = (name: string) => {
    const v = text(name);
    return v !== undefined && CODE.test(v) ? v : undefined;
  };
  const date = (name: string, label: string) => {
    const v = text(name);
    if (v === undefined) return undefined;
    if (isIsoDate(v)) return v;
    problems.push(`Neteisinga data „${label}“: nurodykite datą formatu MMMM-MM-DD. Šis filtras netaikomas.`);
    return undefined;
  };
  const actor = text('kas');
  const filters: AuditTrailFilters = {
    entityType: code('objektas'),
    action: code('veiksmas'),
    actor: actor !== undefined && (actor === SYSTEM_ACTOR || actor === HEAD_ACTOR || isUuid(actor)) ? actor : undefined,
    from: date('nuo', 'Nuo'),
    to: date('iki', 'Iki'),
  };
  if (filters.from && filters.to && filters.from > filters.to) problems.push('Data „Nuo“ vėlesnė už datą „Iki“: tokių įrašų nėra.');
  const page = Number(query.get('puslapis') ?? '1');
  return { filters, page: Number.isSafeInteger(page) && page >= 1 ? page : 1, problems };
}

function href(filters: AuditTrailFilters, page: number): string {
  const q = new URLSearchParams();
  if (filters.entityType) q.set('objektas', filters.entityType);
  if (filters.action) q.set('veiksmas', filters.action);
  if (filters.actor) q.set('kas', filters.actor);
  if (filters.from) q.set('nuo', filters.from);
  if (filters.to) q.set('iki', filters.to);
  if (page > 1) q.set('puslapis', String(page));
  const s = q.toString();
  return s ? `/naudotojai/auditas?${s}` : '/naudotojai/auditas';
}

auditRoutes.get('/naudotojai/auditas', async (c) => {
  const { db } = c.get('deps');
  const institutionId = c.get('acting').institution.id;
  const { filters, page, problems } = auditFilters(new URL(c.req.url).searchParams);
  const [trail, options, employers, venues] = await Promise.all([
    listAuditTrail(db, institutionId, filters, { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE }),
    auditFilterOptions(db, institutionId),
    institutionEmployers(db, institutionId),
    listVenues(db, institutionId),
  ]);
  const pageCount = Math.max(1, Math.ceil(trail.total / AUDIT_PAGE_SIZE));
  const names = { employers: new Map(employers.map((e) => [e.id, e.name])), venues: new Map(venues.map((v) => [v.id, v.name])) };
  return respond(c, {
    title: AUDIT_TITLE,
    app: APP,
    page: () => (
      <AuditPage
        rows={trail.rows}
        total={trail.total}
        page={page}
        pageCount={pageCount}
        filters={filters}
        options={options}
        names={names}
        problems={problems}
        href={(p) => href(filters, p)}
      />
    ),
  });
});
