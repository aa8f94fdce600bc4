/*
 * The lab's numbers: the story's model and losses, computed in the page for the points on screen.
 *
 * The same steps as bce_math (Python), so the lab prints the digits the video prints:
 * - the fit is scikit-learn's LogisticRegression with its defaults (L2 penalty, C = 1, intercept not
 *   penalised) solved to the end: the unique minimum of C * sum(log loss) + w^2 / 2. The objective
 *   is strictly convex in (w, b), so Newton's method with a backtracking line search from
 *   w = b = 0 reaches its one minimum, which is what scikit-learn's solvers reach as their tolerance
 *   goes to 0 (bce_math/model.py: fit_logistic; the tests hold both to scikit-learn);
 * - probabilities are clipped to [1e-15, 1 - 1e-15] before the log, as bce_math.CLIP_EPS;
 * - numbers are printed as bce_math.fmt: fixed decimals, round half to even on the exact binary
 *   value, never "-0.0000".
 *
 * A classic script (not an ES module): pages opened from file:// cannot load modules. In Node it
 * is a CommonJS module (the tests call it there).
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.bceModel = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const DEFAULT_C = 1.0;
  const CLIP_EPS = 1e-15;
  const NEWTON_MAX_STEPS = 100;
  const NEWTON_TOLERANCE = 1e-13;
  const ARMIJO = 1e-4;

  /** log(e^a + e^b) without overflow. */
  function logaddexp(a, b) {
    const high = Math.max(a, b);
    return high + Math.log1p(Math.exp(-Math.abs(a - b)));
  }

  /** 1 / (1 + e^-z), as bce_math.sigmoid: exp(-logaddexp(0, -z)). */
  function sigmoid(z) {
    return Math.exp(-logaddexp(0, -z));
  }

  function mean(values) {
    let sum = 0;
    for (const value of values) sum += value;
    return sum / values.length;
  }

  /** Centre, scale and standardised x: Newton's steps in u keep x's digits when x is far from 0. */
  function standardised(xs) {
    const centre = mean(xs);
    const spread = Math.sqrt(mean(xs.map((x) => (x - centre) * (x - centre))));
    const scale = spread > 0 ? spread : 1;
    return { centre, scale, u: xs.map((x) => (x - centre) / scale) };
  }

  /** C * sum(log loss) + w^2 / 2 at phi = (v, a), where v u + a = w x + b. */
  function objective(phi, u, ys, c, scale) {
    let sum = 0;
    for (let i = 0; i < u.length; i++) {
      const z = phi[0] * u[i] + phi[1];
      sum += logaddexp(0, z) - ys[i] * z;
    }
    return c * sum + 0.5 * (phi[0] / scale) ** 2;
  }

  function gradientAndHessian(phi, u, ys, c, scale) {
    let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (let i = 0; i < u.length; i++) {
      const p = sigmoid(phi[0] * u[i] + phi[1]);
      const r = p - ys[i], s = p * (1 - p);
      g0 += u[i] * r; g1 += r;
      h00 += s * u[i] * u[i]; h01 += s * u[i]; h11 += s;
    }
    const penalty = 1 / (scale * scale);
    return {
      gradient: [c * g0 + phi[0] * penalty, c * g1],
      hessian: [c * h00 + penalty, c * h01, c * h11],
    };
  }

  /** The penalised logistic fit {w, b} of points (xs, ys), ys in {0, 1}. */
  function fitLogistic(xs, ys, c = DEFAULT_C) {
    const { centre, scale, u } = standardised(xs);
    let phi = [0, 0];
    for (let step = 0; step < NEWTON_MAX_STEPS; step++) {
      const { gradient, hessian } = gradientAndHessian(phi, u, ys, c, scale);
      const [a, b, d] = hessian; // [[a, b], [b, d]]
      const det = a * d - b * b;
      const move = [(d * gradient[0] - b * gradient[1]) / det, (a * gradient[1] - b * gradient[0]) / det];
      const current = objective(phi, u, ys, c, scale);
      const slope = gradient[0] * move[0] + gradient[1] * move[1];
      let size = 1;
      while (objective([phi[0] - size * move[0], phi[1] - size * move[1]], u, ys, c, scale) > current - ARMIJO * size * slope) {
        size /= 2;
        if (size < 1e-10) break;
      }
      phi = [phi[0] - size * move[0], phi[1] - size * move[1]];
      if (Math.max(Math.abs(size * move[0]), Math.abs(size * move[1])) <= NEWTON_TOLERANCE * (1 + Math.max(Math.abs(phi[0]), Math.abs(phi[1])))) break;
    }
    const w = phi[0] / scale;
    return { w, b: phi[1] - w * centre };
  }

  function clip(p) {
    return Math.min(Math.max(p, CLIP_EPS), 1 - CLIP_EPS);
  }

  /** Natural-log entropy of a distribution (0 ln 0 = 0). */
  function entropy(q) {
    let sum = 0;
    for (const share of q) if (share > 0) sum -= share * Math.log(share);
    return sum;
  }

  /**
   * Every number the lab shows for these points: the fit, each point's P(green), P(true class)
   * and loss, their mean (the BCE), and the ladder (coin flip, class rate H(q), this fit).
   */
  function story(xs, ys) {
    const fit = fitLogistic(xs, ys);
    const probGreen = xs.map((x) => sigmoid(fit.w * x + fit.b));
    const probTrueClass = probGreen.map((p, i) => (ys[i] === 1 ? p : 1 - p));
    const losses = probGreen.map((p, i) => -Math.log(ys[i] === 1 ? clip(p) : 1 - clip(p)));
    const shareGreen = mean(ys.map((y) => (y === 1 ? 1 : 0)));
    const q = [1 - shareGreen, shareGreen];
    const meanLoss = mean(losses);
    // A loss as the table states it: -ln of P(true) as shown (bce_math/shown.py: loss_of_shown), so
    // the pair on each row checks on a calculator and matches the video's loss bars.
    const shownLosses = probTrueClass.map((p) => lossOfShown(p));
    return {
      w: fit.w,
      b: fit.b,
      probGreen,
      probTrueClass,
      losses,
      shownLosses,
      meanLoss,
      q,
      entropyQ: entropy(q),
      ladder: { coin: Math.LN2, rate: entropy(q), fit: meanLoss },
    };
  }

  /** -ln of a probability as shown (4 decimals), as shown; its own loss if it shows as 0. */
  function lossOfShown(probability) {
    const shown = Number(fmt(probability));
    return Number(fmt(-Math.log(shown > 0 ? shown : Math.max(probability, CLIP_EPS))));
  }

  /** bce_math.fmt: value with `digits` decimals, half to even on its exact binary value, no "-0". */
  function fmt(value, digits = 4) {
    let text = value.toFixed(digits);
    // toFixed breaks exact ties upward, Python's format to even: a tie is an exact binary value
    // whose decimal expansion ends in 5 right after the kept digits (0.03125 at 4 decimals).
    const exact = Math.abs(value).toFixed(100);
    const rest = exact.slice(exact.indexOf(".") + 1 + digits);
    if (/^50*$/.test(rest)) {
      const down = (Math.sign(value) * (Math.floor(Math.abs(value) * 10 ** digits) / 10 ** digits)).toFixed(digits);
      const lastDown = Number(down[down.length - 1]);
      if (lastDown % 2 === 0) text = down;
    }
    if (text.startsWith("-") && Number(text) === 0) text = text.slice(1);
    return text;
  }

  return { DEFAULT_C, CLIP_EPS, sigmoid, fitLogistic, entropy, story, fmt };
});
