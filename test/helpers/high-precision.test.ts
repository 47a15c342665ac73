// The high-precision references checked against published values and against each other, so a tail
// test that passes does so because the library is right, not because the reference shares its error.
import { describe, expect, test } from "vitest";
import { big, erfcBig, exact, expm1Big, log1pBig, ulpError, ulpOf, type Big } from "./high-precision";

const agree = (a: Big, b: Big, digits: number) => expect(a.minus(b).abs().lte(b.abs().times(10 ** -digits))).toBe(true);

describe("high-precision references", () => {
  test("exact() gives the double's exact binary value, not its shortest decimal", () => {
    expect(exact(0.1).toString()).toBe("0.1000000000000000055511151231257827021181583404541015625");
    expect(exact(-(2 ** -1074)).toString()).toMatch(/^-4\.940656458412465441765687928682213723650598026143247644255856825e-324$/);
    expect(exact(2 ** 60).toString()).toBe("1152921504606846976");
  });

  test("erfc matches published values on both sides of its series / continued-fraction switch at 2", () => {
    // DLMF / A&S 7.1, to 30 digits
    agree(erfcBig(big.bignumber(1)), big.bignumber("0.157299207050285130658779364917"), 29);
    agree(erfcBig(big.bignumber(2)), big.bignumber("0.00467773498104726583793074363275"), 29);
    agree(erfcBig(big.bignumber(3)), big.bignumber("0.0000220904969985854413727761295823"), 29);
    agree(erfcBig(big.bignumber(10)), big.bignumber("2.08848758376254475700078629495e-45"), 29);
    agree(erfcBig(big.bignumber(-1)), big.bignumber("1.842700792949714869341220635083"), 29);
  });

  test("the series for log1p and expm1 agree with ln(1 + u) and eᵘ − 1 where both are accurate", () => {
    for (const u of ["9.9e-4", "-9.9e-4", "1e-3", "-1e-3"]) {
      const x = big.bignumber(u);
      agree(log1pBig(x), big.bignumber(1).plus(x).ln(), 55);
      agree(expm1Big(x), x.exp().minus(1), 55);
    }
  });

  test("ulp: 2^−52 at 1, 2^−1074 for subnormals; a correctly rounded double scores ≤ ½", () => {
    expect(ulpOf(1).toNumber()).toBe(2 ** -52);
    expect(ulpOf(1.5).toNumber()).toBe(2 ** -52);
    expect(ulpOf(2 ** -1030).toNumber()).toBe(2 ** -1074);
    const third = big.bignumber(1).div(3);
    expect(ulpError(1 / 3, third)).toBeLessThanOrEqual(0.5);
    expect(ulpError(1 / 3 + 2 ** -54, third)).toBeGreaterThan(0.5);
  });
});
