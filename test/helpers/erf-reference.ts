// An independent erf for tests: the Maclaurin series for |x| ≤ 1 and the continued fraction of erfc
// beyond, both summed far past double precision — slow and plain, unlike the Cody rational
// approximations in src/autograd/primitives/erf.ts that it checks.

export function erfReference(x: number): number {
  const a = Math.abs(x);
  let r: number;
  if (a <= 1) {
    let term = a;
    let s = 0;
    for (let n = 0; n < 80; n++) {
      s += term / (2 * n + 1);
      term *= (-a * a) / (n + 1);
    }
    r = (2 / Math.sqrt(Math.PI)) * s;
  } else {
    let f = a;
    for (let k = 2000; k >= 1; k--) f = a + k / 2 / f;
    r = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
  }
  return x < 0 ? -r : r;
}
