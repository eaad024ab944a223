import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startPlatform, type TestPlatform } from '../../support/platform';

export const PHONE = { width: 390, height: 844 } as const;
export const DESKTOP = { width: 1920, height: 1080 } as const;
export const VIEWPORTS = { phone: PHONE, desktop: DESKTOP } as const;
/** A laptop's screen, for the pages staff work on (not in VIEWPORTS: only the tests that ask for it use it). */
export const LAPTOP = { width: 1366, height: 768 } as const;
const SIZES = { ...VIEWPORTS, laptop: LAPTOP } as const;
export type ViewportName = keyof typeof SIZES;

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'test-artifacts', 'screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ListeningPlatform extends TestPlatform {
  baseUrl: string;
}

/** The platform listening on a real port, with PUBLIC_BASE_URL pointing at it so checkout redirects land here. */
export async function startListeningPlatform(env: Record<string, string> = {}): Promise<ListeningPlatform> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const platform = await startPlatform({ PUBLIC_BASE_URL: baseUrl, ...env });
  await platform.app.listen(port, '127.0.0.1');
  return { ...platform, baseUrl };
}

/**
 * For the tests of one describe block: a listening platform and a browser, opened before them (then `ready` sets up
 * what the tests need) and both closed after them.
 */
export function withPlatformAndBrowser(
  ready: (platform: ListeningPlatform, browser: Browser) => Promise<void> | void,
  env: Record<string, string> = {},
): void {
  let platform: ListeningPlatform | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    platform = await startListeningPlatform(env);
    browser = await launchBrowser();
    await ready(platform, browser);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });
}

export interface OpenedPage {
  page: Page;
  /** Content-security-policy violations and page errors seen so far. */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh browser context at the given viewport; CSP violations and script errors are collected. */
export async function openPage(
  browser: Browser,
  url: string,
  viewport: ViewportName,
  locale = 'nl-BE',
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: SIZES[viewport], locale });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
  return { page, problems, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Runs axe-core on the page (evaluated through the DevTools protocol, which the page's script-src 'self' does not
 * block) and returns the serious and critical violations.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } })
      .axe;
    const result = (await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    })) as { violations: AxeViolation[] };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Whether the page fits its viewport's width: no sideways scroll of the whole page (wide tables scroll in their box). */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
}

/** Screenshot plus accessibility check, the two things every browser flow does on every page it reaches. */
export async function checkPage(page: Page, name: string): Promise<AxeViolation[]> {
  await screenshot(page, name);
  return seriousAccessibilityViolations(page);
}
