// The display adapter, inside a (simulated) tslab kernel and outside any notebook.
import { afterEach, describe, expect, test, vi } from "vitest";
import { display, inNotebook, progress } from "../../src/index";
import { enterNotebook as enter, leaveNotebook, type SentDisplay } from "../helpers/fake-notebook";

const sent: SentDisplay[] = [];
const enterNotebook = () => enter(sent);

afterEach(() => {
  leaveNotebook();
  sent.length = 0;
  vi.restoreAllMocks();
});

describe("display", () => {
  test("outside a notebook it prints text/plain", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    expect(inNotebook()).toBe(false);
    display({ "text/html": "<b>x</b>", "text/plain": "x" });
    expect(log).toHaveBeenCalledWith("x");
  });

  test("inside tslab it sends the whole bundle, and updates by display id", () => {
    enterNotebook();
    expect(inNotebook()).toBe(true);
    display({ "text/plain": "a", "text/html": "<i>a</i>" }, { displayId: "p1" });
    display({ "text/plain": "b" }, { displayId: "p1", update: true });
    expect(sent).toEqual([
      { data: { "text/plain": "a", "text/html": "<i>a</i>" }, metadata: {}, transient: { display_id: "p1" }, update: false },
      { data: { "text/plain": "b" }, metadata: {}, transient: { display_id: "p1" }, update: true },
    ]);
  });

  test("a notebook progress line is one display updated in place, ending at 100 %", () => {
    enterNotebook();
    const p = progress(4, { label: "epoch", intervalMs: 0 });
    for (let i = 1; i <= 4; i++) p.update(i, `loss ${1 / i}`);
    p.finish("done");
    const ids = new Set(sent.map((m) => m.transient.display_id));
    expect(ids.size).toBe(1);
    expect(sent[0].update).toBe(false);
    expect(sent.slice(1).every((m) => m.update)).toBe(true);
    expect(sent.at(-1)!.data["text/plain"]).toMatch(/^epoch 4\/4 \(100 %\) · .* · done$/);
  });
});
