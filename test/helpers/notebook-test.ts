// What every test of a notebook in notebooks/ does the same way, so each test file states only what
// is its own (claims, parameters, expected figures): run the notebook headless and insist that it
// ran to the end, export its page into the test file's temp folder, and check that page in headless
// Chromium (expect-page.ts).

import { join } from "node:path";
import { expect } from "vitest";
import { collectStructured, type CollectedClaim } from "../../kernel/collect";
import { writeHtml } from "../../kernel/export/html";
import { runNotebook, type RunOptions, type RunResult } from "../../kernel/runner/runner";
import { browserOutputDir, type PageCheck } from "./browser";
import { expectPageRenders, type ExpectedPage } from "./expect-page";

const root = join(__dirname, "..", "..");

/** The claim with this id, which must be there. */
export function claimById(claims: CollectedClaim[], id: string): CollectedClaim {
  const found = claims.find((c) => c.id === id);
  expect(found, `claim ${id}`).toBeDefined();
  return found!;
}

/**
 * notebooks/<name>.ipynb under test: `run` executes it headless and asserts that it ran to the end
 * (a failure names the cell and why); `exportPage` writes a run's page into this test file's temp
 * folder (made on first use, its path printed); `expectExportedPageRenders` is the browser test of
 * that page, which needs the headless test before it to have exported it.
 */
export function lectureNotebook(name: string) {
  const path = join(root, "notebooks", `${name}.ipynb`);
  let dir: string | undefined;
  const outDir = () => (dir ??= browserOutputDir(name));
  let exported: string | undefined;
  return {
    async run(options: RunOptions): Promise<{ result: RunResult } & ReturnType<typeof collectStructured>> {
      const result = await runNotebook(path, options);
      expect(result.failure).toBeUndefined();
      expect(result.ok).toBe(true);
      return { result, ...collectStructured(result.notebook, name) };
    },
    exportPage(result: RunResult): void {
      const html = join(outDir(), `${name}.html`);
      writeHtml(result.notebook, html, { sourcePath: `${name}.ipynb` });
      exported = html;
    },
    async expectExportedPageRenders(expected: ExpectedPage): Promise<PageCheck> {
      expect(exported, "the headless run above must pass first").toBeDefined();
      return expectPageRenders(exported!, join(outDir(), `${name}.png`), expected);
    },
  };
}
