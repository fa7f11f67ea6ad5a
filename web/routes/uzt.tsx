// The Employment Service's (UŽT) pages (UZT-12, UZT-21): officers log in through VIISP as natural
// persons (/uzt/prisijungti; the shared callback finishes it in web/routes/staff-login.tsx), see the
// coupons whose Section II awaits their decision, and approve or reject one (a rejection needs a
// reason) as an Update of the UztCoupon workflow, with the form's idempotency key.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { couponsAwaitingUzt, findCouponForUzt } from '../../db/queries/uzt-coupons.ts';
import { redirectToGateway } from '../auth/login-flow.tsx';
import { endPersonSession, PERSON_LOGIN_PATHS, requirePerson } from '../auth/person-session.tsx';
import type { AppEnv } from '../context.ts';
import { formValues, isUuid, newKey } from '../forms.ts';
import { decideCouponByUzt } from '../uzt-coupon-commands.ts';
import { UZT_HOME, UztCouponPage, UztLoginPage, UztMessage, UztQueuePage, uztHtml } from '../views/uzt.tsx';

type C = Context<AppEnv>;

export const uztRoutes = new Hono<AppEnv>();

uztRoutes.get('/uzt/prisijungti', (c) => {
  if (c.get('personSession')?.audience === 'UZT') return c.redirect(UZT_HOME, 303);
  return uztHtml(c, <UztLoginPage loggedOut={c.req.query('priezastis') === 'atsijungta'} />);
});

uztRoutes.get('/uzt/prisijungti/viisp', (c) => redirectToGateway(c, 'fizinis', 'UZT'));

for (const path of ['/uzt', '/uzt/kuponai/*', '/uzt/atsijungti']) {
  uztRoutes.use(
    path,
    bodyLimit({
      maxSize: 64 * 1024,
      onError: (c) =>
        uztHtml(c, <UztMessage title="Per didelė užklausa" message="Siunčiami duomenys per dideli." person={undefined} />, 413),
    }),
  );
  uztRoutes.use(path, requirePerson('UZT'));
}

const NOTICES: Record<string, string> = {
  APPROVED: 'Kuponas patvirtintas. Mokymo teikėjui bus išsiųstas pranešimas.',
  REJECTED: 'Kuponas atmestas: dalyvio registracija atšaukta, dalyviui ir mokymo teikėjui bus išsiųsti pranešimai.',
};

uztRoutes.get('/uzt', async (c) => {
  const items = await couponsAwaitingUzt(c.get('deps').db);
  return uztHtml(
    c,
    <UztQueuePage person={c.get('personSession')!} items={items} now={new Date()} notice={NOTICES[c.req.query('pranesimas') ?? '']} />,
  );
});

const notFound = (c: C) => uztHtml(c, <UztMessage title="Nerasta" message="Kuponas nerastas." person={c.get('personSession')} />, 404);

uztRoutes.get('/uzt/kuponai/:registrationId', async (c) => {
  const id = c.req.param('registrationId');
  const item = isUuid(id) ? await findCouponForUzt(c.get('deps').db, id) : undefined;
  if (!item) return notFound(c);
  return uztHtml(c, <UztCouponPage person={c.get('personSession')!} item={item} now={new Date()} idempotencyKey={newKey()} />);
});

uztRoutes.post('/uzt/kuponai/:registrationId', async (c) => {
  const id = c.req.param('registrationId');
  const { db, temporal, config } = c.get('deps');
  const item = isUuid(id) ? await findCouponForUzt(db, id) : undefined;
  if (!item) return notFound(c);
  const values = await formValues(c);
  const key = values.idempotencyKey;
  const result = values.decision;
  if (!isUuid(key) || (result !== 'APPROVED' && result !== 'REJECTED'))
    return uztHtml(
      c,
      <UztMessage title="Neteisinga užklausa" message="Atnaujinkite puslapį ir bandykite dar kartą." person={c.get('personSession')} />,
      400,
    );
  const reason = typeof values.reason === 'string' ? values.reason.trim() : '';
  const session = c.get('personSession')!;
  const page = (status: 202 | 409 | 422 | 404 | 503, message: string, reasonError?: string) =>
    uztHtml(
      c,
      <UztCouponPage
        person={session}
        item={item}
        now={new Date()}
        idempotencyKey={key}
        typedReason={reason}
        message={message}
        reasonError={reasonError}
      />,
      status,
    );
  if (item.status === 'PATVIRTINTAS' || item.status === 'ATMESTAS') return page(409, 'Sprendimas dėl šio kupono jau priimtas.');
  if (result === 'REJECTED' && reason === '') return page(422, 'Patikrinkite pažymėtus laukus.', 'Nurodykite kupono atmetimo priežastį.');
  const sent = await decideCouponByUzt(
    { temporal, taskQueue: config.temporal.taskQueue, timeoutMs: config.temporal.commandTimeoutMs },
    {
      registrationId: item.registrationId,
      decision: { staffMemberId: session.staff_member_id!, result, ...(reason ? { reason } : {}) },
      idempotencyKey: key,
    },
  );
  if (!sent.ok) return page(sent.status, sent.message, sent.status === 422 ? sent.message : undefined);
  return c.redirect(`${UZT_HOME}?pranesimas=${result}`, 303);
});

uztRoutes.post('/uzt/atsijungti', async (c) => {
  await endPersonSession(c, 'atsijungta');
  return c.redirect(`${PERSON_LOGIN_PATHS.UZT}?priezastis=atsijungta`, 303);
});
