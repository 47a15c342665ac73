// The browser check every exported-page test makes, in one place: the page, opened offline in
// headless Chromium, must render cleanly — no uncaught error, no console error, no network request,
// every plot drawn in time — and show the counts the test expects. It lives apart from browser.ts
// because scripts/screenshots.ts loads browser.ts outside vitest, where vitest's expect cannot load.

import { expect } from "vitest";
import { checkPageInBrowser, type PageCheck } from "./browser";

/** An exact count, or a lower bound. */
type Count = number | { atLeast: number };

/** What a rendered page must show besides being clean; a count left out is not checked. */
export interface ExpectedPage {
  plotCount?: Count;
  traceCount?: Count;
  katexCount?: Count;
  katexFontsLoaded?: boolean;
}

/**
 * Opens `htmlPath` in headless Chromium (checkPageInBrowser, which saves the screenshot) and asserts
 * that the page threw nothing (and drew its plots in time), logged no error and requested nothing,
 * then that each count in `expected` holds.
 */
export async function expectPageRenders(htmlPath: string, screenshotPath: string, expected: ExpectedPage = {}): Promise<PageCheck> {
  const page = await checkPageInBrowser(htmlPath, screenshotPath);
  expect(page.pageErrors).toEqual([]);
  expect(page.consoleErrors).toEqual([]);
  expect(page.blockedRequests).toEqual([]);
  for (const [name, want] of Object.entries(expected) as [keyof ExpectedPage, Count | boolean][]) {
    if (typeof want === "object") expect(page[name], name).toBeGreaterThanOrEqual(want.atLeast);
    else expect(page[name], name).toBe(want);
  }
  return page;
}
