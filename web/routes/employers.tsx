// Application "Darbdavio atstovai" (§3.5; EMPL-1..EMPL-6): the list of employer representatives
// and their window (add, edit, "Aktyvi darbdavio paskyra"). Plain master data: written through
// db/queries/employers.ts with its audit row. Only active employers are offered in "Pasirinkite
// darbdavio įstaigą" (db/queries/users.ts selectableEmployers; EMPL-5, USERS-24). Mounted behind
// requireApplication(Application.Employers): administrators and employees (§6).
import { Hono, type Context } from 'hono';
import { createEmployer, employerUserCount, findEmployer, listEmployers, updateEmployer } from '../../db/queries/employers.ts';
import type { Employer } from '../../db/schema.ts';
import { validateEmployer, type EmployerFormInput } from '../../workflows/domain/employer.ts';
import type { AppEnv } from '../context.ts';
import { isUuid, newKey } from '../forms.ts';
import { respond } from '../render.tsx';
import { Notice } from '../views/layout.tsx';
import {
  EMPLOYERS_APP,
  EmployerForm,
  EmployerFormPage,
  EmployersPage,
  employerFormTitle,
  employerFormValues,
  representativeName,
  type EmployerFormProps,
  type ListNotice,
} from '../views/employers.tsx';
import { changeActor, redirectAfterChange } from '../change-helpers.ts';
import { pageOf } from '../paging.ts';

export const employerRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;
type Status = 200 | 400 | 422;

const MESSAGES = {
  invalidRequest: 'Užklausa neteisinga: atnaujinkite puslapį ir bandykite dar kartą.',
  fixFields: 'Patikrinkite pažymėtus laukus.',
};

async function readForm(c: C): Promise<EmployerFormInput> {
  const body = await c.req.parseBody();
  const values: EmployerFormInput = {};
  for (const [key, value] of Object.entries(body)) {
    if (key !== '_csrf' && typeof value === 'string') values[key] = value;
  }
  return values;
}

/** Back to the list with a notice about one employer (read back from Postgres: no text travels in the URL). */
function toList(c: C, notice: 'itrauktas' | 'issaugotas', employerId: string) {
  return redirectAfterChange(c, `/darbdaviai?pranesimas=${notice}&darbdavys=${employerId}`);
}

function badRequest(c: C) {
  return respond(c, {
    title: 'Neteisinga užklausa',
    app: EMPLOYERS_APP,
    status: 400,
    page: () => <Notice kind="error">{MESSAGES.invalidRequest}</Notice>,
    fragment: () => <Notice kind="error">{MESSAGES.invalidRequest}</Notice>,
  });
}

function formResponse(c: C, props: EmployerFormProps, status: Status) {
  return respond(c, {
    title: employerFormTitle(props),
    app: EMPLOYERS_APP,
    status,
    page: () => <EmployerFormPage {...props} />,
    fragment: () => <EmployerForm {...props} />,
  });
}

/** The employer in the URL, only if it belongs to the acting institution (GEN-5). */
async function loadEmployer(c: C): Promise<Employer | undefined> {
  const id = c.req.param('employerId');
  if (!isUuid(id)) return undefined;
  return findEmployer(c.get('deps').db, c.get('acting').institution.id, id);
}

function label(e: Employer): string {
  const who = representativeName(e);
  return who ? `${e.name} (${who})` : e.name;
}

function noticeFor(code: string | undefined, e: Employer | undefined): ListNotice | undefined {
  if (!e) return undefined;
  const state = e.active
    ? 'Darbdavio paskyra aktyvi: jį galima pasirinkti naudotojo lange ir dalyvio pameistrystės duomenyse.'
    : 'Darbdavio paskyra neaktyvi: kol nepažymėta „Aktyvi darbdavio paskyra“, šio darbdavio pasirinkti negalima.';
  switch (code) {
    case 'itrauktas':
      return { kind: 'success', text: `Darbdavio atstovas ${label(e)} įtrauktas. ${state}` };
    case 'issaugotas':
      return { kind: 'success', text: `Darbdavio atstovo ${label(e)} duomenys išsaugoti. ${state}` };
    default:
      return undefined;
  }
}

// ---- The list (EMPL-1) --------------------------------------------------------------------------

employerRoutes.get('/darbdaviai', async (c) => {
  const employers = await listEmployers(c.get('deps').db, c.get('acting').institution.id);
  const about = c.req.query('darbdavys');
  const notice = noticeFor(c.req.query('pranesimas'), isUuid(about) ? employers.find((e) => e.id === about) : undefined);
  const { items, ...paging } = pageOf(employers, c.req.query('puslapis'));
  const activeCount = employers.filter((e) => e.active).length;
  return respond(c, {
    title: EMPLOYERS_APP,
    app: EMPLOYERS_APP,
    page: () => <EmployersPage employers={items} paging={paging} activeCount={activeCount} notice={notice} />,
  });
});

// ---- "Įtraukti naują darbdavio atstovą" (EMPL-1, EMPL-3, EMPL-4) ----------------------------------

employerRoutes.get('/darbdaviai/naujas', (c) => {
  return formResponse(c, { mode: 'create', action: '/darbdaviai', values: {}, errors: {}, idempotencyKey: newKey() }, 200);
});

employerRoutes.post('/darbdaviai', async (c) => {
  const values = await readForm(c);
  const key = values.idempotencyKey;
  if (!isUuid(key)) return badRequest(c);
  const checked = validateEmployer(values);
  if (!checked.ok) {
    return formResponse(
      c,
      { mode: 'create', action: '/darbdaviai', values, errors: checked.errors, message: MESSAGES.fixFields, idempotencyKey: key },
      422,
    );
  }
  const result = await createEmployer(c.get('deps').db, {
    institutionId: c.get('acting').institution.id,
    employerId: key,
    value: checked.value,
    actor: changeActor(c),
  });
  if (!result.ok) return badRequest(c);
  return toList(c, 'itrauktas', result.employerId);
});

// ---- Editing (EMPL-1, EMPL-4) -------------------------------------------------------------------

employerRoutes.get('/darbdaviai/:employerId/redaguoti', async (c) => {
  const employer = await loadEmployer(c);
  if (!employer) return c.notFound();
  const userCount = await employerUserCount(c.get('deps').db, employer.institution_id, employer.id);
  return formResponse(
    c,
    { mode: 'edit', action: `/darbdaviai/${employer.id}/redaguoti`, values: employerFormValues(employer), errors: {}, employer, userCount },
    200,
  );
});

employerRoutes.post('/darbdaviai/:employerId/redaguoti', async (c) => {
  const employer = await loadEmployer(c);
  if (!employer) return c.notFound();
  const { db } = c.get('deps');
  const values = await readForm(c);
  const checked = validateEmployer(values);
  if (!checked.ok) {
    const userCount = await employerUserCount(db, employer.institution_id, employer.id);
    return formResponse(
      c,
      {
        mode: 'edit',
        action: `/darbdaviai/${employer.id}/redaguoti`,
        values,
        errors: checked.errors,
        message: MESSAGES.fixFields,
        employer,
        userCount,
      },
      422,
    );
  }
  const result = await updateEmployer(db, {
    institutionId: employer.institution_id,
    employerId: employer.id,
    value: checked.value,
    actor: changeActor(c),
  });
  if (!result.ok) return c.notFound();
  return toList(c, 'issaugotas', employer.id);
});
