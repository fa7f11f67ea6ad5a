// The UŽT-only fields of "Grupės informacija" as a fragment (GRP-4, GRP-5, GRP-16..GRP-19, GRP-39):
// the form asks for it whenever its funding check boxes change, sending its current values, so the
// fields appear with "Valstybės kompensuojama suma (UŽT lėšomis)" and go with it, keeping what was
// typed. It reads nothing stored and changes nothing; mounted under /grupes/*, so the access guard
// of "Institucijos mokymosi programos" applies.
import { Hono } from 'hono';
import { UZT_FIELDS, type GroupInfoInput } from '../../workflows/domain/group-info.ts';
import type { AppEnv } from '../context.ts';
import { html } from '../render.tsx';
import { UZT_FIELDS_PATH, UztFields } from '../views/group-info.tsx';

export const groupUztFieldRoutes = new Hono<AppEnv>();

groupUztFieldRoutes.get(UZT_FIELDS_PATH, (c) => {
  const values: GroupInfoInput = { fundingSources: c.req.queries('fundingSources') ?? [] };
  for (const field of UZT_FIELDS) {
    const value = c.req.query(field);
    if (value !== undefined) values[field] = value;
  }
  return html(c, <UztFields values={values} errors={{}} />);
});
