// Values a cell has already shown, for tslab. tslab prints the value of a cell's last expression as
// text (console.log, i.e. util.inspect). A cell ending in `check("q1")` or `test("q1", …)` has already
// displayed its verdict as a table; printing the returned verdict object below it dumped the same
// result a second time as raw nested objects. patchExecutor leaves out values the library marked as
// shown — an object with the registered symbol deepnotes.shown set (SHOWN in src/display/common.ts),
// or an array of only such objects (`check()` of every question). Every other value, and every
// console.log a cell makes itself, prints as before. Plain CommonJS, like launch.js, which applies it.
"use strict";

const SHOWN = Symbol.for("deepnotes.shown");

/** True for a value the library displayed itself. */
function alreadyShown(value) {
  const marked = (v) => typeof v === "object" && v !== null && v[SHOWN] === true;
  return marked(value) || (Array.isArray(value) && value.length > 0 && value.every(marked));
}

/**
 * Wraps tslab's createExecutor (in its module `executorModule`): the output object it gets — the
 * one it prints the last expression's value with — skips already-shown values.
 */
function patchExecutor(executorModule) {
  const createExecutor = executorModule.createExecutor;
  executorModule.createExecutor = (rootDir, convs, output) =>
    createExecutor(rootDir, convs, { ...output, log: (...values) => (values.length === 1 && alreadyShown(values[0]) ? undefined : output.log(...values)) });
}

module.exports = { alreadyShown, patchExecutor };
