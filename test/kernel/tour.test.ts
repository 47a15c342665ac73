// The tour notebook end to end, as `npm start` treats every lecture: executed headless by our runner
// in a real tslab kernel, its claims collected from their MIME outputs, exported to HTML and opened
// in headless Chromium, where both figures must draw with no console errors. Leaves
// 00-tour.html and 00-tour.png in a temp folder it prints, to look at.

import { describe, expect, test } from "vitest";
import { SKIP_BROWSER } from "../helpers/browser";
import { lectureNotebook } from "../helpers/notebook-test";

const tour = lectureNotebook("00-tour");

describe("notebooks/00-tour.ipynb", () => {
  test("runs headless and reproduces its claims", async () => {
    const { result, claims } = await tour.run({ cellTimeout: 120 });
    expect(claims.map((c) => [c.id, c.passed])).toEqual([
      ["tour-numpy-randn", true],
      ["tour-tanh-derivative", true],
      ["tour-least-squares", true],
    ]);
    expect(claims.find((c) => c.id === "tour-tanh-derivative")?.reference).toMatch(/central differences/);
    tour.exportPage(result);
  }, 180_000);

  test.skipIf(SKIP_BROWSER)("its exported page renders in headless Chromium with every figure", async () => {
    await tour.expectExportedPageRenders({
      plotCount: 2,
      traceCount: 5, // tanh, its derivative and the central differences; the data and the fitted line
      katexCount: { atLeast: 1 },
    });
  }, 120_000);
});
