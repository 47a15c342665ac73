// Jupyter Notebook itself, as a student uses it: Debian's notebook server (classic Notebook 6) with
// the deepnotes kernelspec, the tour opened in headless Chromium and run with Run All. Every cell
// must run on the deepnotes kernel, and its plots, claim verdicts and formulas (typeset by the
// notebook's own MathJax) must render in the live page with no error. Hermetic: the server gets its own config, runtime and kernelspec folders
// and a copy of the notebook, so nothing of the user's Jupyter is read or written. Skipped where
// Notebook 6 or Chromium is missing — except in CI, which installs both
// (scripts/install-test-tools.sh) and where the test then fails.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { writeKernelspec } from "../../kernel/kernelspec";
import { findOnPath, packageRoot } from "../../kernel/paths";
import { findFreePorts } from "../../kernel/runner/connection";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../helpers/browser";

const notebookVersion = findOnPath("jupyter-notebook") === null ? null : spawnSync("jupyter-notebook", ["--version"], { encoding: "utf8" }).stdout.trim();
const why =
  notebookVersion === null ? "Jupyter Notebook is not installed (no jupyter-notebook on PATH)"
  : !notebookVersion.startsWith("6.") ? `the page this test drives is classic Notebook 6's (Debian's jupyter-notebook), not ${notebookVersion}'s`
  : !fs.existsSync(CHROMIUM_PATH) ? `${CHROMIUM_PATH} is missing`
  : null;
const skip = why !== null && !process.env.CI;
if (skip) console.log(`live Jupyter Notebook test skipped: ${why}`);

/** The tour's figures and claims (notebooks/00-tour.ipynb). */
const TOUR = { plots: 2, claims: 3 };

describe.skipIf(skip)("Jupyter Notebook in a browser with the deepnotes kernel", () => {
  let work: string;
  let server: ChildProcess;
  let base: string;
  const token = randomBytes(16).toString("hex");

  beforeAll(async () => {
    expect(why, why ?? "").toBeNull();
    work = fs.mkdtempSync(join(os.tmpdir(), "deepnotes-live-notebook-"));
    writeKernelspec(join(work, "jupyter"));
    fs.copyFileSync(join(packageRoot(), "notebooks", "00-tour.ipynb"), join(work, "00-tour.ipynb"));
    // `import … from "deepnotes"` resolves from the notebook's folder, as in the repository
    fs.symlinkSync(join(packageRoot(), "node_modules"), join(work, "node_modules"), "dir");
    const [port] = await findFreePorts(1);
    base = `http://127.0.0.1:${port}`;
    const args = ["--no-browser", `--port=${port}`, "--ip=127.0.0.1", `--NotebookApp.token=${token}`, `--notebook-dir=${work}`];
    if (process.getuid?.() === 0) args.push("--allow-root");
    const env = { ...process.env, JUPYTER_PATH: join(work, "jupyter"), JUPYTER_CONFIG_DIR: join(work, "config"), JUPYTER_RUNTIME_DIR: join(work, "runtime") };
    server = spawn("jupyter-notebook", args, { env, stdio: "ignore", detached: true });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const up = await fetch(`${base}/api/status?token=${token}`).then((r) => r.ok, () => false);
      if (up) break;
      if (Date.now() > deadline) throw new Error(`jupyter-notebook did not answer on ${base} within 60 s`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 90_000);

  afterAll(() => {
    if (server?.pid !== undefined) process.kill(-server.pid, "SIGTERM");
    if (work !== undefined) fs.rmSync(work, { recursive: true, force: true });
  });

  test("Run All on the tour: every cell runs, its plots, claims and formulas render, no error", async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const pageErrors: string[] = [];
      const consoleErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      page.on("console", (message) => {
        // Notebook 6's own page asks for a font at about:blank on load, with or without a kernel
        if (message.type() === "error" && message.location().url !== "about:blank" && !message.text().includes("'about:blank'")) consoleErrors.push(message.text());
      });
      await page.goto(`${base}/notebooks/00-tour.ipynb?token=${token}`);
      await page.waitForFunction("window.Jupyter?.notebook?.kernel?.is_connected?.() === true", undefined, { timeout: 60_000 });
      expect(await page.evaluate("Jupyter.notebook.kernel.name")).toBe("deepnotes");
      await page.evaluate("Jupyter.notebook.execute_all_cells()");
      // done when every code cell has its execution count and the kernel is idle
      await page.waitForFunction(
        `Jupyter.notebook.get_cells().every((c) => c.cell_type !== "code" || typeof c.input_prompt_number === "number") && !Jupyter.notebook.kernel_busy`,
        undefined,
        { timeout: 120_000, polling: 500 },
      );
      const seen = await page.evaluate<{ cells: number; counts: number[]; errors: number; stderr: string[]; plots: number; verdicts: number; formulas: number }>(`({
        cells: Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code").length,
        counts: Jupyter.notebook.get_cells().filter((c) => c.cell_type === "code").map((c) => c.input_prompt_number),
        errors: document.querySelectorAll(".output_error").length,
        stderr: Array.from(document.querySelectorAll(".output_stderr")).map((e) => e.textContent),
        plots: Array.from(document.querySelectorAll(".js-plotly-plot")).filter((gd) => gd.querySelector("svg.main-svg") !== null).length,
        verdicts: (document.querySelector("#notebook").innerText.match(/✔ Lecture 0/g) || []).length,
        formulas: document.querySelectorAll(".MathJax, .MathJax_SVG, mjx-container").length,
      })`);
      expect(seen.counts).toEqual(Array.from({ length: seen.cells }, (_, i) => i + 1));
      expect(seen.errors).toBe(0);
      expect(seen.stderr).toEqual([]);
      expect(seen.plots).toBe(TOUR.plots);
      expect(seen.verdicts).toBe(TOUR.claims);
      expect(seen.formulas).toBeGreaterThan(0);
      expect(pageErrors).toEqual([]);
      expect(consoleErrors).toEqual([]);
      await page.evaluate("Jupyter.notebook.session.delete()");
    } finally {
      await browser.close();
    }
  }, 180_000);
});
