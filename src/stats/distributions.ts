/**
 * The distribution functions the analyses need: normal CDF and quantile, chi-square tail,
 * regularized incomplete beta and its inverse. Numerical Recipes' algorithms (continued fractions, Lanczos), accurate to
 * about 1e-12 — far beyond what a p-value or an interval needs.
 */

const LANCZOS = [76.18009172947146, -86.50532032941677, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let series = 1.000000000190015;
  for (const c of LANCZOS) series += c / ++y;
  return -tmp + Math.log((2.5066282746310005 * series) / x);
}

/** Regularized lower incomplete gamma P(a, x). */
function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }
  return 1 - gammaQContinuedFraction(a, x);
}

function gammaQContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/**
 * Upper tail of the chi-square distribution with `df` degrees of freedom: P(X ≥ x).
 * @example chiSquareSurvival(3.841, 1) // ≈ 0.05
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (x <= 0) return 1;
  const a = df / 2;
  const half = x / 2;
  return half < a + 1 ? 1 - gammaP(a, half) : gammaQContinuedFraction(a, half);
}

/** Complementary error function. */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  return x < 1.5 ? 1 - gammaP(0.5, x * x) : gammaQContinuedFraction(0.5, x * x);
}

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** Upper tail 1 − Φ(z), accurate for large z. */
export function normalSurvival(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Standard normal quantile Φ⁻¹(p) (Acklam's approximation, refined by one Newton step). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const error = normalCdf(x) - p;
  return x - error * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  return h;
}

/** Regularized incomplete beta I_x(a, b): the CDF of Beta(a, b) at x. */
export function incompleteBeta(x: number, a: number, b: number): number {
  return incompleteBetaGiven(x, a, b, logGamma(a + b) - logGamma(a) - logGamma(b));
}

/** incompleteBeta with log Γ(a+b) − log Γ(a) − log Γ(b) given: betaQuantile asks at many x for one a, b. */
function incompleteBetaGiven(x: number, a: number, b: number, logGammas: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGammas + a * Math.log(x) + b * Math.log1p(-x));
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/**
 * A start for betaQuantile: the smaller shape's side is nearly a gamma variable over a + b, whose
 * quantile Wilson–Hilferty's cube-root normal approximation gives in closed form.
 */
function betaQuantileGuess(p: number, a: number, b: number): number {
  const gammaQuantile = (shape: number, q: number) => shape * Math.max(1e-12, 1 - 1 / (9 * shape) + normalQuantile(q) * Math.sqrt(1 / (9 * shape))) ** 3;
  const guess = a <= b ? gammaQuantile(a, p) / (a + b) : 1 - gammaQuantile(b, 1 - p) / (a + b);
  return guess > 0 && guess < 1 ? guess : a / (a + b);
}

/**
 * Quantile of Beta(a, b). Exact for small shapes: Newton's method on the incomplete beta, kept
 * inside a bracket that bisection narrows whenever a Newton step would leave it (a handful of
 * evaluations where plain bisection took 60). A normal approximation once both shapes exceed 500,
 * where the beta is normal to well under 1e-3.
 */
export function betaQuantile(p: number, a: number, b: number): number {
  const mean = a / (a + b);
  if (a > 500 && b > 500) {
    const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
    return Math.min(1, Math.max(0, mean + normalQuantile(p) * sd));
  }
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const logBeta = logGamma(a) + logGamma(b) - logGamma(a + b);
  const logGammas = logGamma(a + b) - logGamma(a) - logGamma(b);
  let low = 0;
  let high = 1;
  let x = betaQuantileGuess(p, a, b);
  for (let i = 0; i < 100; i++) {
    const error = incompleteBetaGiven(x, a, b, logGammas) - p;
    if (error === 0) return x;
    if (error < 0) low = x;
    else high = x;
    const density = Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta);
    let next = x - error / density;
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - x) <= 1e-15 * Math.max(x, 1e-300) || high - low <= 1e-15 * Math.max(low, 1e-300)) return next;
    x = next;
  }
  return x;
}
