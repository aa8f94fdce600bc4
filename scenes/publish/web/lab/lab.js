/*
 * The lab: the reader moves the points and the story's picture follows.
 *
 * State is the list of points {id, x, y}; every change refits the model (bceModel.story) and
 * redraws the chart (bceChart) and the numbers. Mouse: drag a point along x, click it to select it,
 * double-click it to switch its class. Keyboard: Tab to a point (that selects it), arrows move it
 * (Shift: ten times as far), Enter, Space or F switch its class, Delete removes it and the focus
 * goes to its nearest neighbour. The buttons "Switch class" and "Remove" act on the selected point.
 * New points go to free space: the middle of the widest gap. The dataset rules hold: 2 to 40
 * points, both classes.
 */
(function (root) {
  "use strict";
  const d3 = root.d3, model = root.bceModel;
  const MIN_POINTS = 2, MAX_POINTS = 40;

  function start(container) {
    const config = JSON.parse(container.querySelector("script.lab-data").textContent);
    const words = config.words;
    const [low, high] = config.domain;
    // Positions snap to a grid of about a two-hundredth of the axis, so the CSV reads cleanly.
    const decimals = Math.max(0, 2 - Math.floor(Math.log10(high - low)));
    const grid = 10 ** -decimals;
    const snap = (value) => Number(Math.min(high, Math.max(low, Math.round(value / grid) * grid)).toFixed(decimals));
    let nextId = 0;
    const initial = () => config.points.map(([x, y]) => ({ id: nextId++, x, y }));
    const state = { points: initial(), selected: null };

    const svg = container.querySelector("svg.lab-chart");
    const chart = root.bceChart.create(svg, { domain: config.domain, words, fmt: model.fmt });
    const readout = container.querySelector(".bce-value");
    const status = container.querySelector(".lab-status");
    const fitLine = container.querySelector(".fit-value");
    const table = container.querySelector("table.lab-points tbody");
    let story = null;
    // The model drawn: null for the fit, or {w, b} while the learner holds it (optimiser.js).
    let held = null;
    const listeners = []; // told (story, state) after every update: the optimiser's panel

    function say(message) {
      status.textContent = message;
    }

    function update() {
      const started = performance.now();
      const xs = state.points.map((p) => p.x), ys = state.points.map((p) => p.y);
      story = held ? model.storyAt(xs, ys, held.w, held.b) : model.story(xs, ys);
      const points = chart.draw(state, story);
      bind(points);
      readout.textContent = model.fmt(story.meanLoss);
      fitLine.textContent = `w = ${model.fmt(story.w)}, b = ${model.fmt(story.b)}`;
      d3.select(table).selectAll("tr").data(state.points, (p) => p.id).join("tr")
        .html((p, i) => [
          String(p.x),
          p.y === 1 ? words.class_green : words.class_red,
          model.fmt(story.probGreen[i]),
          model.fmt(story.probTrueClass[i]),
          model.fmt(story.shownLosses[i]),
        ].map((cell) => `<td>${cell}</td>`).join(""));
      for (const listener of listeners) listener(story, state);
      root.bceLab.lastUpdateMs = performance.now() - started;
    }

    function describe(point) {
      const i = state.points.indexOf(point);
      const name = (point.y === 1 ? words.point_green : words.point_red).replace("{x}", String(point.x));
      return words.moved.replace("{name}", name).replace("{p}", model.fmt(story.probTrueClass[i]))
        .replace("{loss}", model.fmt(story.shownLosses[i])).replace("{bce}", model.fmt(story.meanLoss));
    }

    function count(label) {
      return state.points.filter((p) => p.y === label).length;
    }

    function move(point, x) {
      point.x = snap(x);
      update();
    }

    function select(point) {
      state.selected = point ? point.id : null;
      d3.select(svg).selectAll("g.point").classed("selected", (p) => p.id === state.selected);
    }

    function selectedPoint() {
      const point = state.points.find((p) => p.id === state.selected);
      if (!point) say(words.select_first);
      return point;
    }

    function flip(point) {
      if (count(point.y) === 1) return say(words.rule_classes);
      point.y = 1 - point.y;
      update();
      say(describe(point));
    }

    /** Remove point; from the keyboard (keepFocus) the focus goes to its nearest neighbour along x. */
    function remove(point, keepFocus) {
      if (state.points.length <= MIN_POINTS) return say(words.rule_min.replace("{min}", MIN_POINTS));
      if (count(point.y) === 1) return say(words.rule_classes);
      state.points.splice(state.points.indexOf(point), 1);
      const neighbour = keepFocus
        ? state.points.reduce((best, p) => (Math.abs(p.x - point.x) < Math.abs(best.x - point.x) ? p : best))
        : null;
      state.selected = neighbour ? neighbour.id : null;
      update();
      if (neighbour) focus(neighbour);
      say(`${words.remove}: ${model.fmt(story.meanLoss)}`);
    }

    /** Free space for a new point: the middle of the widest gap between the points and the axis's ends. */
    function freeX() {
      const taken = state.points.map((p) => p.x);
      const edges = [low, ...taken.filter((x) => x > low && x < high), high].sort((a, b) => a - b);
      let best = null;
      for (let i = 1; i < edges.length; i++) {
        const x = snap((edges[i - 1] + edges[i]) / 2);
        if (taken.includes(x)) continue;
        if (best === null || edges[i] - edges[i - 1] > best.gap) best = { x, gap: edges[i] - edges[i - 1] };
      }
      return best === null ? snap((low + high) / 2) : best.x;
    }

    function add(label) {
      if (state.points.length >= MAX_POINTS) return say(words.rule_max.replace("{max}", MAX_POINTS));
      const point = { id: nextId++, x: freeX(), y: label };
      state.points.push(point);
      state.selected = point.id;
      update();
      focus(point);
      say(describe(point));
    }

    function focus(point) {
      const node = d3.select(svg).selectAll("g.point").filter((p) => p.id === point.id).node();
      if (node) node.focus();
    }

    const bound = new WeakSet();

    function bind(points) {
      points.filter(function () { return !bound.has(this); }).each(function () { bound.add(this); })
        .on("click", (event, point) => select(point))
        .on("dblclick", (event, point) => flip(point))
        .on("focus", (event, point) => select(point))
        .on("keydown", (event, point) => {
          const step = grid * (event.shiftKey ? 50 : 5);
          if (event.key === "ArrowLeft" || event.key === "ArrowDown") move(point, point.x - step);
          else if (event.key === "ArrowRight" || event.key === "ArrowUp") move(point, point.x + step);
          else if (["Enter", " ", "f", "F"].includes(event.key)) return flip(point), event.preventDefault();
          else if (event.key === "Delete" || event.key === "Backspace") return remove(point, true), event.preventDefault();
          else return;
          event.preventDefault();
          focus(point);
          say(describe(point));
        })
        .call(d3.drag()
          .subject((event, point) => ({ x: chart.x(point.x), y: 0 }))
          .on("start", (event, point) => select(point))
          .on("drag", (event, point) => move(point, chart.x.invert(event.x)))
          .on("end", (event, point) => say(describe(point))));
    }

    function csv() {
      return ["x,y", ...state.points.map((p) => `${p.x},${p.y}`)].join("\n") + "\n";
    }

    container.querySelector(".add-green").addEventListener("click", () => add(1));
    container.querySelector(".add-red").addEventListener("click", () => add(0));
    container.querySelector(".remove").addEventListener("click", () => {
      const point = selectedPoint();
      if (point) remove(point, false);
    });
    container.querySelector(".switch").addEventListener("click", () => {
      const point = selectedPoint();
      if (point) flip(point);
    });
    container.querySelector(".reset").addEventListener("click", () => {
      state.points = initial();
      state.selected = null;
      update();
      say(`${words.reset}: ${model.fmt(story.meanLoss)}`);
    });
    container.querySelector(".download").addEventListener("click", () => {
      const link = document.createElement("a");
      link.href = `data:text/csv;charset=utf-8,${encodeURIComponent(csv())}`;
      link.download = "points.csv";
      link.click();
    });
    /** The lab in other words (the course page's language switch): every fixed word and the chart's. */
    function setWords(next) {
      Object.assign(words, next); // the chart holds the same object
      for (const node of container.querySelectorAll("[data-word]")) node.textContent = words[node.dataset.word];
      for (const node of container.querySelectorAll("[data-word-label]")) node.setAttribute("aria-label", words[node.dataset.wordLabel]);
      say("");
      update();
    }

    update();
    /** Draw the model {w, b} the learner holds instead of the fit; null: the fit again. */
    function setModel(next) {
      held = next;
      update();
    }

    return {
      state, csv, update, setWords, setModel, chart, svg, words,
      story: () => story,
      onUpdate: (listener) => listeners.push(listener),
      languages: config.languages,
    };
  }

  root.bceLab = { start, lastUpdateMs: null };
  document.addEventListener("DOMContentLoaded", () => {
    root.bceLab.instance = start(document.querySelector(".lab"));
  });
})(typeof self !== "undefined" ? self : this);
