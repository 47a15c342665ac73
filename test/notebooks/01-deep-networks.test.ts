// Lecture 1's notebook end to end: run headless with `width` overridden (the deep network then has
// (4+1)^3 = 125 regions and every claim still passes), and a default run exported to HTML and opened in headless
// Chromium, where all four figures must draw with no console errors. Leaves
// 01-deep-networks.html and .png in a temp folder it prints, to look at.

import { describe, expect, test } from "vitest";
import { SKIP_BROWSER } from "../helpers/browser";
import { lectureNotebook } from "../helpers/notebook-test";

const notebook = lectureNotebook("01-deep-networks");

describe("notebooks/01-deep-networks.ipynb", () => {
  test("with -p width 4 every claim passes and the region count becomes (4+1)^3", async () => {
    const { claims, errata } = await notebook.run({ cellTimeout: 300, parameters: { width: 4 } });
    expect(claims).toHaveLength(21);
    expect(claims.filter((c) => !c.passed).map((c) => c.id)).toEqual([]);
    // the deep network of the parameters: 3 layers of 4 units, (4+1)^3 regions with 3·4+1+2·4·5 = 53 parameters
    expect(claims.find((c) => c.id === "deep-beats-shallow-same-parameters")?.measured).toBe(125);
    expect(claims.find((c) => c.id === "deep-fewer-parameters")?.measured).toBe(53);
    expect(errata).toHaveLength(2);
  }, 180_000);

  test("runs with its defaults and every claim passes", async () => {
    const { result, claims } = await notebook.run({ cellTimeout: 300 });
    expect(claims.every((c) => c.passed)).toBe(true);
    expect(claims.find((c) => c.id === "deep-beats-shallow-same-parameters")?.measured).toBe(64);
    // the adversarial search never beats ∏(D_k + 1) and reaches it where the construction exists (3-3, 4-4, 3-3-3)
    const bound = claims.find((c) => c.id === "deep-regions-upper-bound");
    expect(bound?.relation).toBe("<=");
    expect((bound?.measured as number[]).filter((m, i) => m === (bound?.expected as number[])[i]).length).toBeGreaterThanOrEqual(3);
    for (const c of claims) expect(c.reference, c.id).toMatch(/\S/);
    notebook.exportPage(result);
  }, 180_000);

  test.skipIf(SKIP_BROWSER)("its exported page renders in headless Chromium with every figure", async () => {
    await notebook.expectExportedPageRenders({
      // composition (3 curves + 3 breakpoint sets), folding (3), regions vs parameters (5), backprop (2)
      plotCount: 4,
      traceCount: 16,
      katexCount: { atLeast: 51 },
    });
  }, 120_000);
});
