// What a page's layout must hold at a desktop width (issue 11, item 11): nothing scrolls sideways —
// neither the page nor a table's scroll container —, every control of a table row lies inside the
// viewport, and no date cell breaks over two lines: an element of a table whose text is a date, a date
// and time, or a deadline ("iki 2026-12-07 23:59 (liko 2 dienos)"). (A date inside running text — a
// remark — wraps with the text.)
import type { Page } from 'playwright-core';

/** A date, or a date and time, as the app writes them (2027-01-11, 2027-01-11 18:00). */
const DATE_SOURCE = String.raw`\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2})?`;

/**
 * The check, run in the page: plain JavaScript (the project compiles without the DOM's types), a
 * function of the date pattern's source returning the faults as readable lines.
 */
const LAYOUT_CHECK = String.raw`(dateSource) => {
  const problems = [];
  const doc = document.documentElement;
  const viewportWidth = doc.clientWidth;
  const describe = (el) => {
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);
    const holder = el.closest('[id]');
    return '<' + el.tagName.toLowerCase() + '>' + (text ? ' „' + text + '“' : '') + (holder ? ' in #' + holder.id : '');
  };
  if (doc.scrollWidth > viewportWidth)
    problems.push('the page scrolls sideways: ' + doc.scrollWidth + ' px of content in ' + viewportWidth + ' px');
  const tables = [...document.querySelectorAll('main table')];
  tables.forEach((table, n) => {
    const name = 'table ' + (n + 1) + (table.className ? ' (.' + table.className + ')' : '');
    // The nearest ancestor that scrolls or clips sideways: its content must fit it.
    for (let el = table.parentElement; el && el !== document.body; el = el.parentElement) {
      if (getComputedStyle(el).overflowX === 'visible') continue;
      if (el.scrollWidth > el.clientWidth + 1)
        problems.push(name + ' scrolls sideways in its container: ' + el.scrollWidth + ' px in ' + el.clientWidth + ' px');
      break;
    }
    const box = table.getBoundingClientRect();
    if (box.right > viewportWidth + 1)
      problems.push(name + ' ends at ' + Math.round(box.right) + ' px, beyond the ' + viewportWidth + ' px viewport');
    // Every control of a row (links, buttons, menus) lies within the viewport.
    for (const control of table.querySelectorAll('tbody a, tbody button, tbody summary, tbody input, tbody select')) {
      const r = control.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // inside a closed menu
      if (r.left < 0 || r.right > viewportWidth + 1)
        problems.push(name + ': ' + describe(control) + ' lies outside the viewport (' + Math.round(r.left) + '–' + Math.round(r.right) + ' px)');
    }
    // A date cell stays on one line.
    const dateCell = new RegExp('^(iki )?' + dateSource + '( \\(.*\\))?$');
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const holder = node.parentElement;
      if (!dateCell.test((holder.textContent || '').replace(/\s+/g, ' ').trim())) continue;
      for (const match of (node.nodeValue || '').matchAll(new RegExp(dateSource, 'g'))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1)
          problems.push(name + ': the date „' + match[0] + '“ breaks over ' + lines.size + ' lines in ' + describe(holder));
      }
    }
  });
  return problems;
}`;

/** The layout faults of the page's current state, each a readable line (empty: none). */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(`(${LAYOUT_CHECK})(${JSON.stringify(DATE_SOURCE)})`) as Promise<string[]>;
}
