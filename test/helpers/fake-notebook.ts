// A simulated tslab kernel for tests of the display adapter: it registers a module at a path ending
// in tslab/dist/jupyter.js, which is how the adapter finds the kernel's writer, and records every
// display message that would be sent to Jupyter.
import Module from "node:module";

const fakePath = "/fake/node_modules/tslab/dist/jupyter.js";

export interface SentDisplay {
  data: Record<string, unknown>;
  transient: { display_id?: string };
  update: boolean;
}

/** From now on display() writes into `sent`, as inside a notebook cell. */
export function enterNotebook(sent: SentDisplay[]): void {
  const cache = Module.createRequire(__filename).cache;
  cache[fakePath] = {
    exports: { lastWriteDisplayData: (message: { data: Record<string, unknown>; transient: object }, update: boolean) => sent.push({ ...message, update }) },
  } as never;
}

/** Back outside any notebook. */
export function leaveNotebook(): void {
  delete Module.createRequire(__filename).cache[fakePath];
}
