// Time limits a notebook declares for itself: which one applies, for which parameters, who wins,
// and what a typo in them says.
import { describe, expect, test } from "vitest";
import type { Cell, Notebook } from "../../../kernel/notebook-format";
import { cellLimit, notebookLimit, timeoutProblem } from "../../../kernel/runner/timeouts";

const code = (metadata: Record<string, unknown> = {}): Cell => ({ cell_type: "code", id: "c", metadata, execution_count: null, outputs: [], source: "" });
const notebook = (deepnotes?: Record<string, unknown>, cells: Cell[] = [code()]): Notebook => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: deepnotes ? { deepnotes } : {},
  cells,
});

describe("cellLimit and notebookLimit", () => {
  test("built-in defaults: 600 s per cell, 1800 s per notebook", () => {
    const nb = notebook();
    expect(cellLimit(nb.cells[0], nb, {})).toEqual({ seconds: 600, source: "the default" });
    expect(notebookLimit(nb, {})).toEqual({ seconds: 1800, source: "the default" });
  });

  test("a cell's own limit, its value for a boolean parameter, and the notebook's defaults", () => {
    const long = code({ deepnotes: { timeout: { default: 600, full: 7200 } } });
    const nb = notebook({ timeouts: { cell: 120, notebook: { default: 1800, full: 10800 } } }, [long, code()]);
    expect(cellLimit(long, nb, {})).toEqual({ seconds: 600, source: "the cell's metadata deepnotes.timeout.default" });
    expect(cellLimit(long, nb, { full: true })).toEqual({ seconds: 7200, source: "the cell's metadata deepnotes.timeout.full (-p full true)" });
    expect(cellLimit(long, nb, { full: false })).toMatchObject({ seconds: 600 });
    expect(cellLimit(long, nb, { full: "yes" })).toMatchObject({ seconds: 600 }); // only a boolean true selects
    expect(cellLimit(nb.cells[1], nb, { full: true })).toEqual({ seconds: 120, source: "the notebook's metadata deepnotes.timeouts.cell" });
    expect(notebookLimit(nb, { full: true })).toEqual({ seconds: 10800, source: "the notebook's metadata deepnotes.timeouts.notebook.full (-p full true)" });
  });

  test("several parameters set: the largest of their limits; no default and none set: the next level", () => {
    const cell = code({ deepnotes: { timeout: { full: 7200, sweep: 9000 } } });
    const nb = notebook(undefined, [cell]);
    expect(cellLimit(cell, nb, { full: true, sweep: true })).toMatchObject({ seconds: 9000 });
    expect(cellLimit(cell, nb, {})).toEqual({ seconds: 600, source: "the default" });
  });

  test("the caller's option wins over any metadata", () => {
    const cell = code({ deepnotes: { timeout: 7200 } });
    const nb = notebook({ timeouts: { notebook: 9999 } }, [cell]);
    expect(cellLimit(cell, nb, {}, 30)).toEqual({ seconds: 30, source: "the --timeout option" });
    expect(notebookLimit(nb, {}, 60)).toEqual({ seconds: 60, source: "the --notebook-timeout option" });
  });
});

describe("timeoutProblem", () => {
  test("valid declarations pass", () => {
    expect(timeoutProblem(notebook({ timeouts: { cell: 60, notebook: { default: 1800, full: 3600 } } }, [code({ deepnotes: { timeout: 5 } })]))).toBeNull();
  });

  test("each mistake is named with where it is", () => {
    expect(timeoutProblem(notebook({ timeouts: 600 }))).toBe('the notebook\'s metadata deepnotes.timeouts must be an object like {"cell": 600, "notebook": 1800}');
    expect(timeoutProblem(notebook({ timeouts: { cells: 60 } }))).toBe('the notebook\'s metadata deepnotes.timeouts has "cells"; only "cell" and "notebook" are known');
    expect(timeoutProblem(notebook({ timeouts: { notebook: -5 } }))).toBe(
      'the notebook\'s metadata deepnotes.timeouts.notebook must be a number of seconds, or an object like {"default": 600, "full": 7200}; got -5',
    );
    expect(timeoutProblem(notebook(undefined, [code(), code({ deepnotes: { timeout: { default: "1h" } } })]))).toBe(
      'cell 2 (id "c"): its metadata deepnotes.timeout must be a number of seconds, or an object like {"default": 600, "full": 7200}; "default" is "1h"',
    );
  });
});
