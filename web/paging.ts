// GEN-16: lists are paged (?puslapis=N); a page number out of range shows the nearest page.
export const LIST_PAGE_SIZE = 50;

export interface ListPage<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
}

export function pageOf<T>(all: readonly T[], requested: string | undefined, size = LIST_PAGE_SIZE): ListPage<T> {
  const total = all.length;
  const pageCount = Math.max(1, Math.ceil(total / size));
  const n = Number(requested ?? '1');
  const page = Number.isInteger(n) && n >= 1 ? Math.min(n, pageCount) : 1;
  return { items: all.slice((page - 1) * size, page * size), page, pageCount, total };
}

/**
 * One page of a list the database pages (limit/offset): `fetch` gives a slice and the total. A page
 * past the end shows the last page (one more query, only then).
 */
export async function fetchPage<T>(
  requested: string | undefined,
  fetch: (slice: { limit: number; offset: number }) => Promise<{ rows: T[]; total: number }>,
  size = LIST_PAGE_SIZE,
): Promise<ListPage<T>> {
  const n = Number(requested ?? '1');
  let page = Number.isSafeInteger(n) && n >= 1 ? n : 1;
  let result = await fetch({ limit: size, offset: (page - 1) * size });
  const pageCount = Math.max(1, Math.ceil(result.total / size));
  if (page > pageCount) {
    page = pageCount;
    result = await fetch({ limit: size, offset: (page - 1) * size });
  }
  return { items: result.rows, page, pageCount, total: result.total };
}
