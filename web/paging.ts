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
