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
  // A Newton step this small (relative to the parameters) is taken whole: the decrease it promises is
  // below the objective's rounding near the minimum, where the Armijo test would refuse a right step
  // for an ulp (bce_math/model.py: WHOLE_STEP).
  const WHOLE_STEP = 1e-6;
  const MIN_SPAN = 1e-150; // x spanning less are one place to the fit (bce_math/model.py: MIN_SPAN)

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

  /**
   * True when every x is one place to the fit: they span less than MIN_SPAN (bce_math/model.py:
   * MIN_SPAN, where the reason is: slopes ~ 1 / span and the penalty's 1 / (C scale^2) beyond doubles).
   */
  function isOnePlace(xs) {
    return !(Math.max(...xs) - Math.min(...xs) >= MIN_SPAN);
  }

  /**
   * Centre, scale and standardised x: Newton's steps in u keep x's digits when x is far from 0.
   * x spanning less than MIN_SPAN (every x the same, too) are one place: u = 0, nothing to scale.
   */
  function standardised(xs) {
    const centre = mean(xs);
    if (isOnePlace(xs)) return { centre, scale: 1, u: xs.map(() => 0) };
    const scale = Math.sqrt(mean(xs.map((x) => (x - centre) * (x - centre))));
    return { centre, scale, u: xs.map((x) => (x - centre) / scale) };
  }

  /**
   * sum(log loss) + w^2 / (2 C) at phi = (v, a), where v u + a = w x + b: scikit-learn's
   * C * sum(log loss) + w^2 / 2 divided by C (the same minimum, the same Newton steps), so that
   * C = Infinity is the log loss alone (bce_math/model.py: _objective).
   */
  function objective(phi, u, ys, c, scale) {
    let sum = 0;
    for (let i = 0; i < u.length; i++) {
      const z = phi[0] * u[i] + phi[1];
      sum += logaddexp(0, z) - ys[i] * z;
    }
    return sum + (0.5 / c) * (phi[0] / scale) ** 2;
  }

  function gradientAndHessian(phi, u, ys, c, scale) {
    let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (let i = 0; i < u.length; i++) {
      const p = sigmoid(phi[0] * u[i] + phi[1]);
      const r = p - ys[i], s = p * (1 - p);
      g0 += u[i] * r; g1 += r;
      h00 += s * u[i] * u[i]; h01 += s * u[i]; h11 += s;
    }
    const penalty = 1 / c / (scale * scale);
    return {
      gradient: [g0 + phi[0] * penalty, g1],
      hessian: [h00 + penalty, h01, h11],
    };
  }

  /**
   * One damped Newton step from phi (backtracking until the objective falls by the Armijo share);
   * null when there is no step to take (a singular Hessian: no penalty and every point certain).
   */
  function newtonStep(phi, u, ys, c, scale) {
    const { gradient, hessian } = gradientAndHessian(phi, u, ys, c, scale);
    const [a, b, d] = hessian; // [[a, b], [b, d]]
    const det = a * d - b * b;
    const move = [(d * gradient[0] - b * gradient[1]) / det, (a * gradient[1] - b * gradient[0]) / det];
    if (!(det > 0) || !Number.isFinite(move[0]) || !Number.isFinite(move[1])) return null;
    const current = objective(phi, u, ys, c, scale);
    const slope = gradient[0] * move[0] + gradient[1] * move[1];
    const whole = Math.max(Math.abs(move[0]), Math.abs(move[1])) <= WHOLE_STEP * (1 + Math.max(Math.abs(phi[0]), Math.abs(phi[1])));
    let size = 1;
    while (!whole && objective([phi[0] - size * move[0], phi[1] - size * move[1]], u, ys, c, scale) > current - ARMIJO * size * slope) {
      size /= 2;
      if (size < 1e-10) break;
    }
    const next = [phi[0] - size * move[0], phi[1] - size * move[1]];
    const converged = Math.max(Math.abs(size * move[0]), Math.abs(size * move[1])) <= NEWTON_TOLERANCE * (1 + Math.max(Math.abs(next[0]), Math.abs(next[1])));
    return { phi: next, converged, stalled: size < 1e-10 };
  }

  /**
   * The Newton steps from start {w, b} on the objective with penalty C (Infinity: none), as {w, b}
   * after each step, start first; at most maxSteps of them. converged: the last step was too small
   * to matter (the fit); otherwise the steps stopped at maxSteps (no penalty on points a threshold
   * separates: the loss falls for ever as |w| grows) or had nowhere to go.
   *
   * rescue (the learner's starts): where every point is all but certain (a far corner of the
   * sliders) the Hessian is 0 to the last bit and Newton's step is nothing or nonsense; such a step
   * is replaced by the shift that costs least for that slope (b at its best, which un-saturates
   * them), and Newton goes on from there. The fit from w = b = 0 never needs it: it runs exactly
   * bce_math's steps.
   */
  function newtonPath(xs, ys, start = { w: 0, b: 0 }, c = DEFAULT_C, maxSteps = NEWTON_MAX_STEPS, rescue = false) {
    const { centre, scale, u } = standardised(xs);
    const toModel = (phi) => {
      const w = phi[0] / scale;
      return { w, b: phi[1] - w * centre };
    };
    let phi = [start.w * scale, start.b + start.w * centre];
    const steps = [{ w: start.w, b: start.b }];
    let converged = false;
    while (steps.length <= maxSteps && !converged) {
      let step = newtonStep(phi, u, ys, c, scale);
      if (rescue && (step === null || step.stalled)) step = floorStep(phi, u, ys, c, scale);
      if (step === null) break;
      // A learner's start can end on the minimum's last bits, where a step no longer lowers the
      // objective and only trades ulps (x in the hundreds): that is the minimum, to what doubles hold.
      const floorReached = rescue && objective(step.phi, u, ys, c, scale) >= objective(phi, u, ys, c, scale);
      phi = step.phi;
      converged = step.converged || floorReached;
      steps.push(toModel(phi));
    }
    return { steps, converged };
  }

  /**
   * A Newton step along the valley's floor, where Newton's own step fails: b at its best for each
   * slope (so no point stays wrongly certain), and a Newton step in the slope alone on that floor,
   * which is convex (a convex function minimised over b). Its second derivative is the Hessian's
   * Schur complement. null when the floor is flat and b is at its best already: nowhere to go.
   */
  function floorStep(phi, u, ys, c, scale) {
    const floor = (v) => {
      const a = bestB(u, ys, v, phi[1]);
      return { v, a, cost: objective([v, a], u, ys, c, scale) };
    };
    const here = floor(phi[0]);
    const { gradient, hessian } = gradientAndHessian([here.v, here.a], u, ys, c, scale);
    const [hvv, hva, haa] = hessian;
    const curvature = haa > 0 ? hvv - (hva * hva) / haa : hvv;
    if (!(curvature > 0)) {
      // A flat floor (no penalty; every point certain, or every x the same): b's best is all that is left.
      const lower = here.cost < objective(phi, u, ys, c, scale) * (1 - 1e-12);
      return lower ? { phi: [here.v, here.a], converged: false } : null;
    }
    const move = gradient[0] / curvature;
    let size = 1, next = floor(here.v - move);
    while (next.cost > here.cost - ARMIJO * size * gradient[0] * move && size >= 1e-10) {
      size /= 2;
      next = floor(here.v - size * move);
    }
    return { phi: [next.v, next.a], converged: false };
  }

  /** The penalised logistic fit {w, b} of points (xs, ys), ys in {0, 1}. */
  function fitLogistic(xs, ys, c = DEFAULT_C) {
    const { steps } = newtonPath(xs, ys, { w: 0, b: 0 }, c);
    return steps[steps.length - 1];
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

  /** Each point's P(green), P(true class) and loss under the model sigmoid(w x + b), and their mean. */
  function modelLosses(xs, ys, w, b) {
    const probGreen = xs.map((x) => sigmoid(w * x + b));
    const probTrueClass = probGreen.map((p, i) => (ys[i] === 1 ? p : 1 - p));
    const losses = probGreen.map((p, i) => -Math.log(ys[i] === 1 ? clip(p) : 1 - clip(p)));
    return { w, b, probGreen, probTrueClass, losses, meanLoss: mean(losses) };
  }

  /** The mean loss of sigmoid(w x + b) on the points (bce_math.binary_cross_entropy). */
  function meanLossAt(xs, ys, w, b) {
    return modelLosses(xs, ys, w, b).meanLoss;
  }

  /**
   * Every number the lab shows for the model sigmoid(w x + b) on these points, as story() for the
   * fit: each point's P(green), P(true class) and loss, their mean, and the ladder, whose "fit" rung
   * stays the fit (the target while the learner holds the model). fit: the fit's w, b and mean loss.
   */
  function storyAt(xs, ys, w, b, fit = fitLogistic(xs, ys)) {
    const held = modelLosses(xs, ys, w, b);
    const fitMean = fit.w === w && fit.b === b ? held.meanLoss : meanLossAt(xs, ys, fit.w, fit.b);
    const shareGreen = mean(ys.map((y) => (y === 1 ? 1 : 0)));
    const q = [1 - shareGreen, shareGreen];
    return {
      ...held,
      // A loss as the table states it: -ln of P(true) as shown (bce_math/shown.py: loss_of_shown), so
      // the pair on each row checks on a calculator and matches the video's loss bars.
      shownLosses: held.probTrueClass.map((p) => lossOfShown(p)),
      q,
      entropyQ: entropy(q),
      ladder: { coin: Math.LN2, rate: entropy(q), fit: fitMean },
      fit: { w: fit.w, b: fit.b, meanLoss: fitMean },
    };
  }

  /**
   * Every number the lab shows for these points: the fit, each point's P(green), P(true class)
   * and loss, their mean (the BCE), and the ladder (coin flip, class rate H(q), this fit).
   */
  function story(xs, ys) {
    const fit = fitLogistic(xs, ys);
    return storyAt(xs, ys, fit.w, fit.b, fit);
  }

  // ---- The optimiser's numbers (optimiser.js): the learner holds the model. ----

  const MAP_SAMPLES = 61; // w's on the map: smooth at a few hundred pixels; odd, so w = 0 is one of them
  const BISECTIONS = 60; // halvings of a bracket: to the last bit of a double
  const NO_PENALTY_STEPS = 12; // Fit's steps without a penalty on points a threshold separates

  /** The smallest of 1, 2, 2.5, 5 times a power of ten at or above value (> 0). */
  function niceCeil(value) {
    const power = 10 ** Math.floor(Math.log10(value));
    return [1, 2, 2.5, 5, 10].find((m) => m * power >= value * (1 - 1e-12)) * power;
  }

  /**
   * The sliders' ranges, symmetric about 0, and their steps: w up to a slope that climbs from 5 %
   * to 95 % across a fifth of the axis (and past the fit's), b up to what moves that slope's midpoint
   * to the far end of the axis (and past the fit's and the flat start's). About 200 steps for w and
   * 400 for b (its range is wider): fine to the eye, and a held key crosses either in seconds.
   */
  function holdRange(xs, ys, domain) {
    const fit = fitLogistic(xs, ys);
    const width = domain[1] - domain[0] || 1;
    const wMax = niceCeil(Math.max((2 * Math.log(19)) / (width / 5), 1.5 * Math.abs(fit.w)));
    const reach = Math.max(Math.abs(domain[0]), Math.abs(domain[1]));
    const bMax = niceCeil(Math.max(wMax * reach, 1.5 * Math.abs(fit.b), Math.abs(flatStart(ys).b) + 1));
    return { w: [-wMax, wMax], b: [-bMax, bMax], wStep: niceCeil(wMax / 200), bStep: niceCeil(bMax / 400) };
  }

  /** Where the loss_at_work chapter replays the fit from: the best flat line, P(green) = q(1) everywhere (w = 0). */
  function flatStart(ys) {
    const green = ys.filter((y) => y === 1).length;
    return { w: 0, b: Math.log(green / (ys.length - green)) };
  }

  /** The fit's cost per point: mean loss + w^2 / (2 C N) (scikit-learn's objective divided by C N). */
  function costAt(xs, ys, w, b, c = DEFAULT_C) {
    return objectiveRaw(xs, ys, w, b) / xs.length + (w * w) / penaltyDivisor(xs.length, c);
  }

  /** 2 C N: the penalty per point is w^2 over this (20 for C = 1 and 10 points; Infinity: none). */
  function penaltyDivisor(n, c = DEFAULT_C) {
    return 2 * c * n;
  }

  /** sum(log loss) of sigmoid(w x + b), unclipped (smooth, as the fit sees it). */
  function objectiveRaw(xs, ys, w, b) {
    let sum = 0;
    for (let i = 0; i < xs.length; i++) {
      const z = w * xs[i] + b;
      sum += logaddexp(0, z) - ys[i] * z;
    }
    return sum;
  }

  /**
   * The b that costs least for this w: the root of sum(p - y) = 0, which rises with b, from below
   * (b so low every p is 0) to above (every p is 1). Newton's steps inside a bracket that only
   * shrinks, halving it when a step would leave it; from b0 (the neighbouring w's best) it takes a few.
   */
  function bestB(xs, ys, w, b0) {
    let low = -Math.max(...xs.map((x) => w * x)) - 40, high = -Math.min(...xs.map((x) => w * x)) + 40;
    let b = b0 !== undefined && b0 > low && b0 < high ? b0 : (low + high) / 2;
    for (let k = 0; k < 200; k++) {
      let g = 0, h = 0;
      for (let i = 0; i < xs.length; i++) {
        const p = sigmoid(w * xs[i] + b);
        g += p - ys[i];
        h += p * (1 - p);
      }
      if (g === 0) return b;
      if (g > 0) high = b; else low = b;
      const newton = b - g / h;
      const next = newton > low && newton < high ? newton : (low + high) / 2;
      if (Math.abs(next - b) <= 1e-15 * (1 + Math.abs(b)) || high - low <= 1e-15 * (1 + Math.abs(b))) return next;
      b = next;
    }
    return b;
  }

  /** How the cost falls or rises with w along the valley floor: d cost / dw at (w, bestB(w)). */
  function slopeAlongFloor(xs, ys, w, b, c) {
    let g = 0;
    for (let i = 0; i < xs.length; i++) g += (sigmoid(w * xs[i] + b) - ys[i]) * xs[i];
    return g / xs.length + w / (c * xs.length);
  }

  /**
   * The map: for each w across the range, the least the fit's cost (mean loss + w^2 / (2 C N); with
   * C = Infinity the mean loss alone) can be with b at its best for that w. That floor is convex in
   * w (a convex function minimised over b), so its lowest sample lies within one step of its
   * minimum, and the minimum itself is where the floor's slope crosses 0 (found by halving).
   * lowest: {w, b, cost, inside}; inside false when the floor still falls at an end of the range
   * (no penalty on points a threshold separates: no minimum at all).
   */
  function lossMap(xs, ys, wRange, c = DEFAULT_C, samples = MAP_SAMPLES) {
    const ws = [], bs = [], costs = [];
    let b;
    for (let k = 0; k < samples; k++) {
      const w = wRange[0] + (k / (samples - 1)) * (wRange[1] - wRange[0]);
      b = bestB(xs, ys, w, b);
      ws.push(w); bs.push(b); costs.push(costAt(xs, ys, w, b, c));
    }
    let best = 0;
    for (let k = 1; k < samples; k++) if (costs[k] < costs[best]) best = k;
    return { ws, bs, costs, best, lowest: floorMinimum(xs, ys, ws, bs, best, c) };
  }

  /** The floor's minimum near sample `best`: halve the bracket between its neighbours on the slope's sign. */
  function floorMinimum(xs, ys, ws, bs, best, c) {
    let low = ws[Math.max(0, best - 1)], high = ws[Math.min(ws.length - 1, best + 1)];
    let b = bs[best];
    const slopeAt = (w) => slopeAlongFloor(xs, ys, w, (b = bestB(xs, ys, w, b)), c);
    const inside = slopeAt(low) < 0 && slopeAt(high) > 0;
    if (!inside) {
      b = bs[best];
      return { w: ws[best], b, cost: costAt(xs, ys, ws[best], b, c), inside: false };
    }
    for (let k = 0; k < BISECTIONS && high > low; k++) {
      const middle = (low + high) / 2;
      if (middle === low || middle === high) break;
      if (slopeAt(middle) > 0) high = middle; else low = middle;
    }
    const w = (low + high) / 2;
    b = bestB(xs, ys, w, b);
    return { w, b, cost: costAt(xs, ys, w, b, c), inside: true };
  }

  /**
   * Fit's steps from the model the learner holds: Newton's, as the fit's own (with penalty C, or none
   * with C = Infinity), at most NO_PENALTY_STEPS without a penalty (the steps then may never end).
   * Each step {w, b, meanLoss}; growing: they stopped at the cap with w still growing (no finite
   * best fit).
   */
  function fitFrom(xs, ys, start, c = DEFAULT_C) {
    const unbounded = c === Infinity && !hasFiniteOptimum(xs, ys);
    const path = newtonPath(xs, ys, start, c, unbounded ? NO_PENALTY_STEPS : NEWTON_MAX_STEPS, true);
    const steps = path.steps.map((m) => ({ ...m, meanLoss: meanLossAt(xs, ys, m.w, m.b) }));
    // Stopped by the cap, not by having nowhere to go (every x the same: w changes nothing).
    const growing = unbounded && !path.converged && steps.length > NO_PENALTY_STEPS;
    return { steps, converged: path.converged, growing };
  }

  /**
   * True when the unpenalised loss has one finite minimum: each class reaches past the other's
   * nearest point (bce_math.model.has_finite_optimum). Without it, a threshold separates the classes
   * (ties at it allowed) and the loss keeps falling as |w| grows; or every x is the same.
   */
  function hasFiniteOptimum(xs, ys) {
    // On x as the fit sees it (centred and scaled), as bce_math: 0 and 4e-221 beside a 1 are one
    // place there, and so are x spanning less than MIN_SPAN (0 and 7e-307).
    const { u } = standardised(xs);
    const red = u.filter((x, i) => ys[i] === 0), green = u.filter((x, i) => ys[i] === 1);
    return Math.max(...red) > Math.min(...green) && Math.max(...green) > Math.min(...red);
  }

  /**
   * The fit's two worst mistakes, worst first, that the model `after` makes worse (bce_math's
   * Walkthrough.worsened, for the unpenalised fit): points whose true class the fit gives less than
   * one half, whose loss said under `after` is larger than the one said under the fit (the loss of
   * its shown probability): a growth in the last bits is none.
   */
  function worsened(fitLosses, fitProbTrue, afterLosses) {
    const grows = (i) => Number(fmt(afterLosses[i])) > lossOfShown(fitProbTrue[i]);
    const growing = fitProbTrue.map((p, i) => i).filter((i) => fitProbTrue[i] < 0.5 && grows(i));
    return growing.sort((i, j) => fitLosses[j] - fitLosses[i]).slice(0, 2);
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

  return {
    DEFAULT_C, CLIP_EPS, sigmoid, fitLogistic, entropy, story, storyAt, fmt,
    meanLossAt, costAt, penaltyDivisor, holdRange, flatStart, lossMap, newtonPath, fitFrom, hasFiniteOptimum, worsened,
  };
});
