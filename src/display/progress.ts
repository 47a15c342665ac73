// Progress of long work (a training loop, a sweep): in a notebook one output line updated in place
// (a display with an id, rewritten at most every 100 ms); in a terminal a cli-progress bar; in a
// non-interactive log (CI) a plain line every 10 %. The caller only says how far it is.

import { escapeHtml } from "./common";
import { SingleBar } from "cli-progress";
import { display, inNotebook, newDisplayId } from "./display";

export interface Progress {
  /** Reports `done` of `total` units finished, with an optional short status (e.g. "loss 0.123"). */
  update(done: number, status?: string): void;
  /** Marks the work finished (shows the final state). */
  finish(status?: string): void;
}

export interface ProgressOptions {
  /** What is being counted, e.g. "epoch" (default "step"). */
  label?: string;
  /** Minimum milliseconds between two notebook updates (default 100). */
  intervalMs?: number;
}


function formatSeconds(s: number): string {
  return s < 60 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/**
 * A progress display for `total` units of work.
 * @example
 * const lines = printed(() => {
 *   const bar = progress(2, { label: "epoch" });
 *   bar.update(1, "loss 0.50");
 *   bar.update(2, "loss 0.25");
 *   bar.finish("done");
 * });
 * // Outside a notebook and a terminal (a log, CI): one line per tenth of the work, and the last one.
 * expect(lines[0]).toMatch(/^epoch 1\/2 · \d+\.\d s · loss 0\.50$/);
 * expect(lines.at(-1)).toMatch(/^epoch 2\/2 · \d+\.\d s · done$/);
 */
export function progress(total: number, options: ProgressOptions = {}): Progress {
  const label = options.label ?? "step";
  if (inNotebook()) return notebookProgress(total, label, options.intervalMs ?? 100);
  if (process.stderr.isTTY) return terminalProgress(total, label);
  return logProgress(total, label);
}

function notebookProgress(total: number, label: string, intervalMs: number): Progress {
  const id = newDisplayId();
  const started = Date.now();
  let shown = false;
  let last = 0;
  const render = (done: number, status: string | undefined, final: boolean) => {
    const fraction = total > 0 ? Math.min(done / total, 1) : 1;
    const elapsed = (Date.now() - started) / 1000;
    const eta = done > 0 && !final ? ` · ${formatSeconds((elapsed * (total - done)) / done)} left` : "";
    const text = `${label} ${done}/${total} (${(100 * fraction).toFixed(0)} %) · ${formatSeconds(elapsed)}${eta}${status ? ` · ${status}` : ""}`;
    const bar =
      `<div style="font-family:ui-monospace,monospace;font-size:13px;display:flex;align-items:center;gap:8px">` +
      `<div style="width:160px;height:8px;background:#e5e7eb;border-radius:4px;overflow:hidden">` +
      `<div style="width:${(100 * fraction).toFixed(1)}%;height:100%;background:${final ? "#16a34a" : "#2563eb"}"></div></div>` +
      `<span>${escapeHtml(text)}</span></div>`;
    display({ "text/html": bar, "text/plain": text }, { displayId: id, update: shown });
    shown = true;
    last = Date.now();
  };
  return {
    update(done, status) {
      if (!shown || Date.now() - last >= intervalMs) render(done, status, false);
    },
    finish(status) {
      render(total, status, true);
    },
  };
}

function terminalProgress(total: number, label: string): Progress {
  const bar = new SingleBar({
    format: `${label} {bar} {value}/{total} · {percentage}% · {duration_formatted} (eta {eta_formatted}) {status}`,
    hideCursor: true,
    stream: process.stderr,
  });
  bar.start(total, 0, { status: "" });
  return {
    update(done, status) {
      bar.update(done, { status: status ?? "" });
    },
    finish(status) {
      bar.update(total, { status: status ?? "" });
      bar.stop();
    },
  };
}

function logProgress(total: number, label: string): Progress {
  const started = Date.now();
  let nextTenth = 1;
  const line = (done: number, status?: string) =>
    process.stderr.write(`${label} ${done}/${total} · ${formatSeconds((Date.now() - started) / 1000)}${status ? ` · ${status}` : ""}\n`);
  return {
    update(done, status) {
      if (total > 0 && done / total >= nextTenth / 10) {
        nextTenth = Math.floor((10 * done) / total) + 1;
        line(done, status);
      }
    },
    finish(status) {
      line(total, status);
    },
  };
}
