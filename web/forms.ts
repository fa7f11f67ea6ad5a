import type { Context } from 'hono';
import type { GroupInfoInput } from '../workflows/domain/group-info.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** A submitted form as strings and string lists (uploaded files are not accepted here). */
export async function formValues(c: Context): Promise<GroupInfoInput> {
  const body = await c.req.parseBody({ all: true });
  const values: GroupInfoInput = {};
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === 'string');
    else if (typeof value === 'string') values[key] = value;
  }
  // Check-box lists arrive as one string when one box is ticked.
  const funding = values.fundingSources;
  values.fundingSources = funding === undefined ? [] : Array.isArray(funding) ? funding : [funding];
  return values;
}

/** A check-box list as its distinct strings (one box ticked arrives as one string, none as nothing). */
export function formList(value: string | string[] | undefined): string[] {
  return [...new Set(value === undefined ? [] : Array.isArray(value) ? value : [value])];
}

export function isHtmx(c: Context): boolean {
  return c.req.header('HX-Request') === 'true';
}

/** A fresh idempotency key for the next form a page renders. */
export function newKey(): string {
  return crypto.randomUUID();
}
