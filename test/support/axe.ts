// axe-core (from npm) over every state of the app a browser test visits (issue 11, item 15): each
// loaded document and each htmx swap is checked, with the app's strict CSP left on (no bypassCSP).
// axe's source reaches every document as a DevTools init script (Page.addScriptToEvaluateOnNewDocument),
// which the page's CSP does not govern; the page runs axe itself after its load event and after each
// htmx swap, and reports through a binding. A navigation away waits until the check of the document
// it leaves is done, so no page is left unchecked because the test moved on quickly. (Evaluating from
// the test side instead would hang: Playwright waits for the next document's context once a
// navigation has started, and that navigation is the one held.)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ImpactValue } from 'axe-core';
import type { BrowserContext, Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The impacts that fail a test (issue 11, item 15: "any serious or critical violation"). */
export const FAILING_IMPACTS: readonly ImpactValue[] = ['serious', 'critical'];
/**
 * Rules that fail a test whatever their impact: the ones the outside check found (issue 11, item 15:
 * `aria-allowed-role` on 13 pages, `heading-order` on the group page), so they do not come back.
 */
export const ALWAYS_FAILING_RULES: readonly string[] = ['aria-allowed-role', 'heading-order'];

/** How long a check may take before the test is told (and the held request let go). */
const CHECK_TIMEOUT_MS = 15_000;

/** One violation, as a test failure lists it. */
export interface AxeViolation {
  rule: string;
  impact: ImpactValue | undefined;
  url: string;
  targets: string[];
  help: string;
}

export function describeViolation(v: AxeViolation): string {
  return `axe ${v.rule} (${v.impact ?? 'no impact'}) on ${v.url}: ${v.help} — ${v.targets.join(', ')}`;
}

export function isFailing(v: { rule: string; impact: ImpactValue | undefined }): boolean {
  return FAILING_IMPACTS.includes(v.impact ?? null) || ALWAYS_FAILING_RULES.includes(v.rule);
}

export interface AccessibilityWatch {
  /** Every failing violation found so far (also passed to `onViolation` as it is found). */
  readonly violations: AxeViolation[];
  /** The URLs of the states checked, in order (once per load and per swap). */
  readonly checked: string[];
  /** Waits until every started check is done; throws if one failed to run. Call before asserting. */
  flush(): Promise<void>;
  /** Checks the page's current state now (after a change the load and swap hooks do not see). */
  check(page: Page): Promise<void>;
}

interface Report {
  url: string;
  error?: string;
  violations?: { rule: string; impact: ImpactValue | undefined; help: string; targets: string[] }[];
}

/**
 * The script every document of the context starts with: axe itself, and the hooks that run it once the
 * document has loaded and after each htmx swap (several swaps in a row: one more run after the current).
 */
function pageScript(): string {
  // Plain JavaScript (a string, not a transpiled function): it runs in the page as written.
  const hooks = `
    (() => {
      if (!/^https?:$/.test(location.protocol) || !window.axe || window !== window.top) return;
      // This document's token: a report of a document gone (navigated away from) is told apart.
      const doc = Math.random().toString(36).slice(2);
      window.__axeDocument(doc);
      let running = null;
      let again = false;
      const run = () => {
        if (running) { again = true; return running; }
        again = false;
        window.__axeStarted(doc);
        running = window.axe.run(document, { resultTypes: ['violations'] }).then(
          (result) => window.__axeReport(doc, {
            url: result.url,
            violations: result.violations.map((v) => ({
              rule: v.id,
              impact: v.impact == null ? null : v.impact,
              help: v.help,
              targets: v.nodes.map((n) => n.target.map(String).join(' ')),
            })),
          }),
          (error) => window.__axeReport(doc, { url: location.href, error: String(error) }),
        ).then(() => {
          running = null;
          if (again) return run();
        });
        return running;
      };
      window.__axeCheck = run;
      window.addEventListener('load', () => { run(); });
      document.addEventListener('htmx:afterSwap', () => { run(); });
    })();`;
  return `if (/^https?:$/.test(location.protocol)) {\n${AXE_SOURCE}\n}\n${hooks}`;
}

/**
 * Checks every page of `context` after each load and each htmx swap, and holds a page's next
 * request until the check of its current state is done. `onViolation` hears every failing violation
 * (the e2e tests add it to the problems they assert to be empty).
 */
export async function watchAccessibility(
  context: BrowserContext,
  options: { onViolation?: (line: string) => void } = {},
): Promise<AccessibilityWatch> {
  const violations: AxeViolation[] = [];
  const checked: string[] = [];
  const errors: string[] = [];
  /** Per page: its current document, the checks started there and not yet reported, and who waits for them. */
  const pending = new Map<Page, { doc: string; count: number; waiters: (() => void)[] }>();

  const release = (page: Page) => {
    const p = pending.get(page);
    if (!p) return;
    pending.delete(page);
    p.waiters.forEach((wake) => wake());
  };

  const settle = (page: Page, doc: string) => {
    const p = pending.get(page);
    if (!p || p.doc !== doc) return;
    p.count = Math.max(0, p.count - 1);
    if (p.count === 0) release(page);
  };

  const idle = (page: Page): Promise<void> => {
    const p = pending.get(page);
    if (!p) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        errors.push(`axe did not finish checking ${page.url()} within ${CHECK_TIMEOUT_MS} ms`);
        release(page);
      }, CHECK_TIMEOUT_MS);
      p.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  };

  // A new document: a check of the one before it (left before it could report) is over.
  await context.exposeBinding('__axeDocument', ({ page }: { page: Page }, doc: string) => {
    if (pending.get(page)?.doc !== doc) release(page);
  });
  await context.exposeBinding('__axeStarted', ({ page }: { page: Page }, doc: string) => {
    if (pending.get(page)?.doc !== doc) release(page);
    const p = pending.get(page) ?? { doc, count: 0, waiters: [] };
    p.count += 1;
    pending.set(page, p);
  });
  await context.exposeBinding('__axeReport', ({ page }: { page: Page }, doc: string, report: Report) => {
    if (report.error) errors.push(`axe failed on ${report.url}: ${report.error}`);
    else {
      checked.push(report.url);
      for (const v of report.violations ?? []) {
        const violation: AxeViolation = { ...v, url: report.url };
        if (!isFailing(violation)) continue;
        violations.push(violation);
        options.onViolation?.(describeViolation(violation));
      }
    }
    settle(page, doc);
  });
  await context.addInitScript({ content: pageScript() });
  // A closed page reports nothing more.
  context.on('page', (page) => page.on('close', () => release(page)));

  // A navigation waits for the check of the document it leaves (an htmx request need not: the document
  // stays, a check running meanwhile finishes, and the swap starts another). Through the DevTools Fetch
  // domain, for documents only: Playwright's own routing would switch the HTTP cache off for every
  // request, and a page's styles and scripts would load (and be aborted) anew each time.
  const holdRequests = async (page: Page) => {
    const cdp = await context.newCDPSession(page);
    cdp.on('Fetch.requestPaused', (event: { requestId: string }) => {
      void idle(page)
        .then(() => cdp.send('Fetch.continueRequest', { requestId: event.requestId }))
        .catch(() => {
          // The page or its session closed meanwhile: nothing to let go.
        });
    });
    await cdp.send('Fetch.enable', {
      patterns: [{ resourceType: 'Document', requestStage: 'Request' }],
    });
  };
  await Promise.all(context.pages().map(holdRequests));
  context.on('page', (page) => void holdRequests(page).catch(() => undefined));

  return {
    violations,
    checked,
    async flush() {
      await Promise.all([...pending.keys()].map(idle));
      if (errors.length > 0) throw new Error(errors.join('\n'));
    },
    async check(page) {
      await page.evaluate('window.__axeCheck && window.__axeCheck()');
      await idle(page);
    },
  };
}
