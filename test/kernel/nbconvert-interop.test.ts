// Interoperability with Python's Jupyter, where it is installed: `jupyter nbconvert --execute`
// runs a notebook on the deepnotes kernelspec (found through JUPYTER_PATH, nothing installed into
// the user's Jupyter). Jupyter is optional for deepnotes, so without it this test is skipped — except in
// CI (CI set), which installs Debian's jupyter-nbconvert and python3-nbclient, where it then fails.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { writeKernelspec } from "../../kernel/kernelspec";
import { findOnPath } from "../../kernel/paths";
import { joinSource, type CodeCell, type Notebook } from "../../kernel/notebook-format";

const hasNbconvert = findOnPath("jupyter") !== null && findOnPath("jupyter-nbconvert") !== null;
const why = "Jupyter is not installed (no `jupyter` / `jupyter-nbconvert` on PATH); it is optional for deepnotes";
const skip = !hasNbconvert && !process.env.CI;
if (skip) console.log(`nbconvert interop skipped: ${why}`);

describe.skipIf(skip)("jupyter nbconvert with the deepnotes kernel", () => {
  test("executes a notebook and records its outputs", () => {
    expect(hasNbconvert, why).toBe(true);
    const work = fs.mkdtempSync(join(os.tmpdir(), "deepnotes-nbconvert-"));
    try {
      writeKernelspec(join(work, "jupyter"));
      const input = join(__dirname, "fixtures", "passing.ipynb");
      const run = spawnSync(
        "jupyter",
        [
          "nbconvert", "--to", "notebook", "--execute",
          "--ExecutePreprocessor.kernel_name=deepnotes", "--ExecutePreprocessor.timeout=120",
          "--output-dir", work, "--output", "executed.ipynb", input,
        ],
        { env: { ...process.env, JUPYTER_PATH: join(work, "jupyter") }, encoding: "utf8", timeout: 180_000 },
      );
      expect(run.status, run.stderr).toBe(0);
      const executed = JSON.parse(fs.readFileSync(join(work, "executed.ipynb"), "utf8")) as Notebook;
      const cells = executed.cells.filter((cell): cell is CodeCell => cell.cell_type === "code");
      // nbformat writes multiline strings as lists of lines; compare the joined text.
      expect(cells[0].outputs.map((o) => (o.output_type === "stream" ? [o.name, joinSource(o.text)] : o.output_type))).toEqual([["stdout", "sum 6\n"]]);
      const display = cells[2].outputs[0];
      expect(display.output_type).toBe("display_data");
      if (display.output_type === "display_data") expect(joinSource(display.data["text/html"] as string | string[])).toBe("<b>bold</b>");
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
