// Progress of a grading batch: a cli-progress bar with an ETA on a terminal, else (CI logs,
// output to a file) one line per finished submission with its score and the ETA:
//
//   [3/40] alice: 7/12 points in 8.1 s · ETA 4 min 10 s

import { SingleBar } from "cli-progress";
import type { GradeProgress } from "./grade";

export interface GradeProgressDisplay {
  update(event: GradeProgress): void;
  stop(): void;
}

export function gradeProgressDisplay(out: NodeJS.WriteStream, total: number): GradeProgressDisplay {
  if (out.isTTY === true) {
    const bar = new SingleBar({ format: "grading {bar} {value}/{total} · ETA {eta_formatted} · {last}", hideCursor: true, stream: out, etaBuffer: 20 });
    bar.start(total, 0, { last: "" });
    return {
      update: (event) => bar.update(event.done, { last: describe(event) }),
      stop: () => bar.stop(),
    };
  }
  const started = Date.now();
  return {
    update: (event) => {
      const elapsed = (Date.now() - started) / 1000;
      const eta = event.done < event.total ? ` · ETA ${formatSeconds((elapsed / event.done) * (event.total - event.done))}` : "";
      out.write(`[${event.done}/${event.total}] ${describe(event)}${eta}\n`);
    },
    stop: () => {},
  };
}

function describe(event: GradeProgress): string {
  if (event.error !== undefined) return `${event.submission}: not graded (${event.error.split("\n")[0]})`;
  const how = event.skipped ? "already graded" : `in ${event.seconds.toFixed(1)} s`;
  return `${event.submission}: ${event.score}/${event.maxScore} points ${how}`;
}

function formatSeconds(s: number): string {
  return s < 60 ? `${Math.round(s)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
