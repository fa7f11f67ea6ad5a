// (being built: issue 4)
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';

export const institutionRoutes = new Hono<AppEnv>();
