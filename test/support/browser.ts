import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { REPO_ROOT } from './paths.js';

/**
 * Browser tests run in Debian's Chromium driven by playwright-core (no browser download).
 * Shared by the widget, agent-console and editor-console tests.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_MISSING = 'Chromium not found: install it with `apt-get install chromium`';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * How long a test waits for the page to show something (Playwright's default is 30 s). The waits
 * are on events, never sleeps; this only has to be long enough for a busy two-core machine, where
 * publishing an article (which rebuilds the answer index) has taken over 30 s.
 */
export const BROWSER_WAIT_MS = 120_000;

/**
 * The worker's Chromium, launched by the first browser test file the worker runs and used by the
 * next ones: test files share their worker's modules (`isolate: false` in vitest.config.ts), and
 * a launch costs a second or more on a busy two-core machine, once per file before. A file sees
 * nothing of another's: each test opens its own contexts (cookies, storage, cache and pages of
 * its own), and `closeChromiumContexts` closes them all when the file is done. Playwright ends the
 * browser when the worker process exits.
 */
let launched: Promise<Browser> | undefined;

export function sharedChromium(): Promise<Browser> {
  // A launch that failed is tried again by the next file, not handed on as the same failure.
  launched ??= launchWithWaits().catch((error: unknown) => {
    launched = undefined;
    throw error;
  });
  return launched;
}

/** Closes every context the file opened in the worker's Chromium (its files run one at a time). */
export async function closeChromiumContexts(browser: Browser | undefined): Promise<void> {
  await Promise.all(browser?.contexts().map((context) => context.close()) ?? []);
}

async function launchWithWaits(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  // A browser that went away (crashed, killed) is launched again by the next file that asks.
  browser.on('disconnected', () => {
    launched = undefined;
  });
  // Every context gets the same generous wait, whichever way the test opens it.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(BROWSER_WAIT_MS);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    page.setDefaultTimeout(BROWSER_WAIT_MS);
    return page;
  };
  return browser;
}

/**
 * `describe` for tests that need Chromium. Without it the suite is reported as skipped, with
 * the install command in its name and on stderr, so a missing browser is never a silent pass.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumAvailable()) {
    describe(name, body);
    return;
  }
  process.stderr.write(`\n[browser tests] ${CHROMIUM_MISSING}\n`);
  describe.skip(`${name} — ${CHROMIUM_MISSING}`, () => {
    it(CHROMIUM_MISSING, () => undefined);
  });
}

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown; failureSummary?: string }>;
}

/** axe-core's own best-practice rules (landmark-unique, region, heading-order...), on top of WCAG. */
export const BEST_PRACTICE_TAGS = [...WCAG_TAGS, 'best-practice'];

/**
 * Runs axe-core with the WCAG 2.1 A/AA rules (see `axeViolations`) and returns only the serious
 * and critical violations.
 */
export async function seriousAxeViolations(page: Page, include?: string | string[]): Promise<AxeViolation[]> {
  const violations = await axeViolations(page, include);
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/**
 * Runs axe-core (from node_modules, injected into the page) with the WCAG 2.1 A/AA rules over
 * `include` (a CSS selector, or a shadow-DOM path such as ['[data-va-widget]', '.va-panel']), or
 * the whole page, open shadow roots included. Returns every violation, whatever its impact.
 */
export function axeViolations(page: Page, include?: string | string[]): Promise<AxeViolation[]> {
  return runAxe(page, include, WCAG_TAGS);
}

/**
 * Every violation of any impact (minor and moderate too), with axe's best-practice rules as well
 * as WCAG 2.1 A/AA: what the consoles are held to.
 */
export function allAxeViolations(page: Page, include?: string | string[]): Promise<AxeViolation[]> {
  return runAxe(page, include, BEST_PRACTICE_TAGS);
}

/** One line per violation and the elements it was found on, for an assertion's message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map(
      (item) =>
        `${item.impact ?? '?'} ${item.id}: ${item.help} ${JSON.stringify(item.nodes.map((node) => node.target))}`,
    )
    .join('\n');
}

async function runAxe(
  page: Page,
  include: string | string[] | undefined,
  tags: string[],
): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(
    () => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined',
  );
  if (!loaded) await page.addScriptTag({ path: path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(
    async ({ include: target, tags: runTags }) => {
      const axe = (
        window as unknown as {
          axe: {
            run(
              context: unknown,
              options: unknown,
            ): Promise<{ violations: AxeViolation[]; passes: unknown[] }>;
          };
        }
      ).axe;
      const context =
        target === undefined
          ? document
          : { include: Array.isArray(target) ? { fromShadowDom: target } : target };
      const result = await axe.run(context, {
        runOnly: { type: 'tag', values: runTags },
        resultTypes: ['violations'],
      });
      // A selector that matches nothing makes a scan that passes without looking at anything.
      if (result.passes.length + result.violations.length === 0)
        throw new Error(`axe checked nothing in ${JSON.stringify(target)}`);
      return result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
      }));
    },
    { include, tags },
  );
}
