/*
 * The lab's optimiser mode, "Be the optimiser": the learner holds the model and feels the loss.
 *
 * A toggle turns the mode on; the chart then draws the model the learner holds (lab.js: setModel)
 * instead of the fit, and every bar, every loss and their mean follow it. The learner sets w and b
 * with two sliders (keyboard: arrows, Page Up/Down, Home/End) or drags the curve (sideways slides
 * it, changing b; up or down tilts it about the point held, changing w). Beside them: the fit's mean
 * loss, the target; a small map of what Fit lowers over w (b at its best for each w), with the
 * learner's marker and the lowest point; "Fit", which runs Newton's steps from the model held, one
 * step every STEP_MS as the loss_at_work chapter replays them; and the penalty switch (C = 1 or none). Escape or
 * the toggle leaves the mode: the chart shows the fit again.
 *
 * Every number comes from bceModel (model.js); this file only lays them out. The map is computed
 * when the points or the penalty change; otherwise an update moves its marker.
 */
(function (root) {
  "use strict";
  const d3 = root.d3, model = root.bceModel, fill = root.bcePoints.fill;
  const STEP_MS = 400; // one Newton step on screen: long enough to see each bar move
  const MAP = { width: 340, height: 170, left: 52, right: 14, top: 14, bottom: 34 };

  function element(tag, attributes, parent) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value);
    }
    if (parent) parent.appendChild(node);
    return node;
  }

  /** A span whose words lab.js's setWords replaces (data-word) when the page changes language. */
  function wordSpan(key, words, parent) {
    return element("span", { "data-word": key, text: words[key] }, parent);
  }

  /** A labelled slider with its value written beside it. */
  function slider(name, words, parent) {
    const label = element("label", { class: `hold hold-${name}` }, parent);
    wordSpan(`slider_${name}`, words, label);
    const input = element("input", { type: "range", class: `hold-${name}` }, label);
    const value = element("output", { class: `hold-${name}-value`, "aria-hidden": "true" }, label);
    return { input, value };
  }

  /** The panel's DOM inside container (div.optimiser): the toggle and, hidden until on, the rest. */
  function build(container, words) {
    const toggle = element("button", { type: "button", class: "optimiser-toggle", "aria-pressed": "false" }, container);
    wordSpan("optimiser", words, toggle);
    const body = element("div", { class: "optimiser-body", hidden: "" }, container);
    element("p", { class: "hint", "data-word": "optimiser_intro", text: words.optimiser_intro }, body);
    const readouts = element("p", { class: "optimiser-readouts" }, body);
    const held = element("span", { class: "held-mean" }, readouts);
    readouts.appendChild(document.createTextNode("; "));
    const target = element("span", { class: "target" }, readouts);
    const sliders = element("div", { class: "sliders" }, body);
    const w = slider("w", words, sliders), b = slider("b", words, sliders);
    element("p", { class: "hint", "data-word": "drag_hint", text: words.drag_hint }, body);
    const actions = element("div", { class: "optimiser-actions" }, body);
    const fit = element("button", { type: "button", class: "fit-run" }, actions);
    wordSpan("fit_run", words, fit);
    const penalty = element("fieldset", { class: "penalty" }, actions);
    wordSpan("penalty", words, element("legend", {}, penalty));
    const radios = {};
    for (const [key, value] of [["penalty_default", "default"], ["penalty_none", "none"]]) {
      const label = element("label", {}, penalty);
      radios[value] = element("input", { type: "radio", name: "optimiser-penalty", value }, label);
      wordSpan(key, words, label);
    }
    radios.default.checked = true;
    const status = element("p", { class: "optimiser-status", "aria-live": "polite" }, body);
    const figure = element("figure", { class: "loss-map" }, body);
    element("figcaption", { "data-word": "map_title", text: words.map_title }, figure);
    const map = d3.select(figure).append("svg").attr("class", "loss-map").attr("role", "img")
      .attr("viewBox", `0 0 ${MAP.width} ${MAP.height}`);
    return { toggle, body, held, target, w, b, fit, radios, status, map };
  }

  /** The map's parts, drawn once: axes, the floor's curve, the lowest point, the learner's marker. */
  function buildMap(map, words) {
    const axisW = map.append("g").attr("class", "axis").attr("transform", `translate(0,${MAP.height - MAP.bottom})`);
    const axisCost = map.append("g").attr("class", "axis").attr("transform", `translate(${MAP.left},0)`);
    const costTitle = map.append("text").attr("class", "axis-title").attr("x", MAP.left + 4).attr("y", MAP.top - 2);
    map.append("text").attr("class", "axis-title").attr("x", MAP.width - MAP.right).attr("y", MAP.height - 4)
      .attr("text-anchor", "end").text("w");
    const floor = map.append("path").attr("class", "floor");
    const lowest = map.append("g").attr("class", "lowest");
    lowest.append("path").attr("d", "M0,-6L6,0L0,6L-6,0Z");
    lowest.append("text").attr("y", 18).attr("text-anchor", "middle").attr("data-word", "map_lowest").text(words.map_lowest);
    const you = map.append("g").attr("class", "you");
    you.append("circle").attr("r", 5);
    you.append("text").attr("y", -9).attr("text-anchor", "middle").attr("data-word", "map_you").text(words.map_you);
    const w = d3.scaleLinear().range([MAP.left, MAP.width - MAP.right]);
    const cost = d3.scaleLinear().range([MAP.height - MAP.bottom, MAP.top + 6]);
    return { axisW, axisCost, costTitle, floor, lowest, you, w, cost };
  }

  function start(lab) {
    const container = lab.svg.closest(".lab").querySelector(".optimiser");
    if (!container) return null;
    const words = lab.words; // the lab's object: its setWords changes these in place
    const panel = build(container, words);
    const picture = buildMap(panel.map, words);
    const grip = d3.select(lab.svg).insert("path", "path.curve + *").attr("class", "curve-grip").attr("display", "none");

    let on = false;
    let held = null; // {w, b} the learner holds
    let penalty = model.DEFAULT_C; // Infinity: no penalty
    let drawn = null; // {key, ranges, map}: the sliders' ranges and the map, for these points and this penalty
    let running = null; // Fit's animation: {frame}
    let message = null; // {key, values}: the panel's last message, written again in new words

    const points = () => lab.state.points;
    const xs = () => points().map((p) => p.x);
    const ys = () => points().map((p) => p.y);
    const pointsKey = () => points().map((p) => `${p.x},${p.y}`).join(";");

    /** Put a model on the sliders (the browser keeps their values in range and on their steps). */
    function showOnSliders(next) {
      panel.w.input.value = String(next.w);
      panel.b.input.value = String(next.b);
    }

    /** The model shown from now on, exactly (Fit's steps); the sliders show it as near as they can. */
    function hold(next) {
      held = { w: next.w, b: next.b };
      showOnSliders(held);
      lab.setModel(held);
    }

    /** The model the sliders say: their values as the browser holds them (on their steps). */
    function fromSliders() {
      stopFit();
      message = null;
      hold({ w: Number(panel.w.input.value), b: Number(panel.b.input.value) });
    }

    function say(key, values = {}) {
      message = { key, values };
      panel.status.textContent = fill(words[key], values);
    }

    /** Recompute the map and the sliders' ranges when the points or the penalty changed. */
    function refreshMap() {
      const key = `${pointsKey()}|${penalty}`;
      if (drawn && drawn.key === key) return;
      const ranges = model.holdRange(xs(), ys(), lab.chart.x.domain());
      const map = model.lossMap(xs(), ys(), ranges.w, penalty);
      drawn = { key, ranges, map };
      for (const name of ["w", "b"]) {
        const input = panel[name].input;
        input.min = String(ranges[name][0]);
        input.max = String(ranges[name][1]);
        input.step = String(ranges[`${name}Step`]);
      }
      if (held) showOnSliders(held);
      drawFloor();
    }

    function drawFloor() {
      const { ranges, map } = drawn;
      // Tall enough for the flat line's cost (w = 0, the middle sample of a range symmetric about 0)
      // twice over: the valley reads, the far walls are cut.
      const flat = map.costs[(map.costs.length - 1) / 2];
      const top = Math.max(2 * flat, 1.5 * map.lowest.cost, 0.1);
      picture.w.domain(ranges.w);
      picture.cost.domain([0, top]);
      picture.axisW.call(d3.axisBottom(picture.w).ticks(5));
      picture.axisCost.call(d3.axisLeft(picture.cost).ticks(4));
      const inside = (c) => Math.min(c, top);
      picture.floor.attr("d", "M" + map.ws.map((w, k) => `${picture.w(w).toFixed(1)},${picture.cost(inside(map.costs[k])).toFixed(1)}`).join("L"));
      picture.lowest.attr("display", map.lowest.inside ? null : "none")
        .attr("transform", `translate(${picture.w(map.lowest.w)},${picture.cost(inside(map.lowest.cost))})`);
    }

    function costWords() {
      return penalty === Infinity ? words.map_cost_plain
        : fill(words.map_cost_penalised, { d: model.fmt(model.penaltyDivisor(points().length, penalty), 0) });
    }

    /** Everything the panel shows for the model held, after each of the lab's updates. */
    function render(story) {
      grip.attr("d", d3.select(lab.svg).select("path.curve").attr("d"));
      if (!on) return;
      if (drawn && !drawn.key.startsWith(`${pointsKey()}|`)) stopFit(); // the points moved under Fit's steps
      refreshMap();
      const fmt = model.fmt;
      panel.held.textContent = fill(words.held_mean, { bce: fmt(story.meanLoss) });
      panel.target.textContent = fill(words.target, { fit: fmt(story.ladder.fit) });
      for (const name of ["w", "b"]) {
        panel[name].value.textContent = fmt(story[name]);
        panel[name].input.setAttribute("aria-valuetext", fmt(story[name]));
      }
      const { ranges, map } = drawn;
      const cost = model.costAt(xs(), ys(), story.w, story.b, penalty);
      const w = Math.min(Math.max(story.w, ranges.w[0]), ranges.w[1]);
      const top = picture.cost.domain()[1];
      picture.you.attr("transform", `translate(${picture.w(w)},${picture.cost(Math.min(cost, top))})`);
      const costName = costWords();
      picture.costTitle.text(costName);
      const values = {
        cost: costName, low: fmt(ranges.w[0]), high: fmt(ranges.w[1]), best: fmt(map.lowest.cost),
        w: fmt(map.lowest.w), yours: fmt(cost), held: fmt(story.w),
      };
      panel.map.attr("aria-label", fill(map.lowest.inside ? words.map_label : words.map_no_lowest, values));
      if (message) panel.status.textContent = fill(words[message.key], message.values);
    }

    function setOn(next) {
      on = next;
      stopFit();
      message = null;
      panel.status.textContent = "";
      panel.toggle.setAttribute("aria-pressed", String(on));
      panel.body.hidden = !on;
      grip.attr("display", on ? null : "none");
      if (!on) return lab.setModel(null);
      // Start where the loss_at_work chapter starts: the best flat line, on the sliders' steps.
      drawn = null;
      refreshMap();
      showOnSliders(model.flatStart(ys()));
      fromSliders();
    }

    function stopFit() {
      if (running) cancelAnimationFrame(running.frame);
      running = null;
    }

    /** Fit: Newton's steps from the model held, each eased in over STEP_MS, then the end said. */
    function runFit() {
      stopFit();
      const fitted = model.fitFrom(xs(), ys(), held, penalty);
      const total = fitted.steps.length - 1;
      // The last steps only settle digits no one sees: shown up to the first that prints as the end.
      const printed = (m) => `${model.fmt(m.w)} ${model.fmt(m.b)}`;
      const end = printed(fitted.steps[total]);
      const steps = fitted.steps.slice(0, fitted.steps.findIndex((m) => printed(m) === end) + 1);
      if (steps.length === 1) return finish(fitted);
      const began = performance.now();
      const frame = (now) => {
        // A frame's time is when the frame began: the first can be a moment before the click.
        const progress = Math.min(Math.max((now - began) / STEP_MS, 0), steps.length - 1);
        const k = Math.floor(progress), share = smooth(progress - k);
        if (k >= steps.length - 1) return finish(fitted);
        const from = steps[k], to = steps[k + 1];
        hold({ w: from.w + share * (to.w - from.w), b: from.b + share * (to.b - from.b) });
        if (k > 0) say("fit_step", { k, n: total, w: model.fmt(from.w), b: model.fmt(from.b), bce: model.fmt(from.meanLoss) });
        running = { frame: requestAnimationFrame(frame) };
      };
      running = { frame: requestAnimationFrame(frame) };
    }

    /** Ease in and out (smoothstep): each step starts and lands gently, as the video's replay. */
    function smooth(t) {
      return t * t * (3 - 2 * t);
    }

    /** Fit's last step held exactly, and what it came to. */
    function finish(fitted) {
      running = null;
      const last = fitted.steps[fitted.steps.length - 1], total = fitted.steps.length - 1;
      hold(last);
      const fmt = model.fmt, story = lab.story();
      const values = { n: total, w: fmt(last.w), b: fmt(last.b), bce: fmt(last.meanLoss), fit: fmt(story.ladder.fit) };
      if (fitted.growing) return say("fit_growing", values);
      if (penalty !== Infinity) return say("fit_done", values);
      // No penalty, and a finite best: the mean falls below the fit's, but the worst mistakes grow.
      const fit = model.story(xs(), ys());
      const worse = model.worsened(fit.losses, fit.probTrueClass, story.losses);
      if (!worse.length) return say("fit_unpenalised_alone", values);
      values.worse = worse.map((i) => fill(words.worse_point, {
        x: points()[i].x, before: fmt(fit.shownLosses[i]), after: fmt(story.losses[i]), // as the video says them
      })).join("; ");
      say("fit_unpenalised", values);
    }

    /** Drag the curve: the point grabbed slides with the pointer (b); up or down tilts about it (w). */
    function dragCurve() {
      let grab = null;
      return d3.drag()
        .on("start", (event) => {
          stopFit();
          grab = { x: lab.chart.x.invert(event.x), y: event.y, w: held.w, b: held.b };
        })
        .on("drag", (event) => {
          const { ranges } = drawn;
          const height = Math.abs(lab.chart.prob(0) - lab.chart.prob(1));
          const w = grab.w + ((grab.y - event.y) / height) * (ranges.w[1] - ranges.w[0]);
          const heightThere = grab.w * grab.x + grab.b; // the grabbed point's w x + b, kept where it goes
          panel.w.input.value = String(w);
          const snappedW = Number(panel.w.input.value);
          panel.b.input.value = String(heightThere - snappedW * lab.chart.x.invert(event.x));
          fromSliders();
        });
    }

    panel.toggle.addEventListener("click", () => setOn(!on));
    for (const name of ["w", "b"]) panel[name].input.addEventListener("input", fromSliders);
    panel.fit.addEventListener("click", runFit);
    for (const radio of Object.values(panel.radios)) {
      radio.addEventListener("change", () => {
        stopFit();
        message = null;
        panel.status.textContent = "";
        penalty = panel.radios.none.checked ? Infinity : model.DEFAULT_C;
        lab.update();
      });
    }
    container.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !on) return;
      setOn(false);
      panel.toggle.focus();
    });
    grip.call(dragCurve());
    lab.onUpdate((story) => {
      const started = performance.now();
      render(story);
      root.bceOptimiser.lastRenderMs = performance.now() - started; // its share of an update (benchmarks/lab_speed.py)
    });
    render(lab.story());
    return { panel, isOn: () => on, held: () => held, running: () => running !== null, setOn };
  }

  root.bceOptimiser = { start, lastRenderMs: null };
  document.addEventListener("DOMContentLoaded", () => {
    if (root.bceLab && root.bceLab.instance) root.bceOptimiser.instance = start(root.bceLab.instance);
  });
})(typeof self !== "undefined" ? self : this);
