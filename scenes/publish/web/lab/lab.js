/*
 * The lab: the reader moves the points and the story's picture follows.
 *
 * State is the list of points {id, x, y}; every change refits the model (bceModel.story) and
 * redraws the chart (bceChart) and the numbers. Mouse: drag a point along x, click it to select it,
 * double-click it to switch its class. Keyboard: Tab to a point (that selects it), arrows move it
 * (Shift: ten times as far), Enter, Space or F switch its class, Delete removes it and the focus
 * goes to its nearest neighbour; Ctrl+Z (Cmd+Z) undoes the last edit. The buttons "Switch class"
 * and "Remove" act on the selected point. New points go to free space: the middle of the widest
 * gap. The dataset rules hold: 2 to 40 points, both classes. "Load a CSV" reads a file by
 * `bce_math check`'s rules (points.js); the page's address keeps the points (#points=...), and a
 * points= edited in the address of the open page is loaded as one edit (or refused, the points kept).
 * The rules' words are the checker's in English, the page's own (check_<rule>) in another language.
 *
 * Edits and what a screen reader hears: the chart and the numbers follow every drag or key step,
 * but the message line (the one live region) changes once per edit, when it settles (a drag's end,
 * or SETTLE_MS after the last key step of a run): one sentence, not a flood. A drag, or a run of key
 * steps on one point, is one edit for undo too; the address is written when an edit settles.
 */
(function (root) {
  "use strict";
  const d3 = root.d3, model = root.bceModel, texts = root.bcePoints, fill = texts.fill;
  const MIN_POINTS = 2, MAX_POINTS = 40;
  const SETTLE_MS = 500; // a run of key steps is over (and said) this long after its last step
  const UNDO_LIMIT = 200;
  // Fields that type keep their own Ctrl+Z (the text's undo).
  const TYPING = "textarea, [contenteditable], input:not([type=range], [type=radio], [type=checkbox], [type=button])";

  function start(container) {
    const config = JSON.parse(container.querySelector("script.lab-data").textContent);
    const words = config.words;
    let low, high, decimals, grid;
    /** The x axis the points move on; positions snap to about a two-hundredth of it, so the CSV reads cleanly. */
    function setDomain(domain) {
      [low, high] = domain;
      decimals = Math.max(0, 2 - Math.floor(Math.log10(high - low)));
      grid = 10 ** -decimals;
      if (chart) chart.x.domain(domain);
    }
    const snap = (value) => Number(Math.min(high, Math.max(low, Math.round(value / grid) * grid)).toFixed(decimals));
    let nextId = 0;
    const withIds = (pairs) => pairs.map(([x, y]) => ({ id: nextId++, x, y }));
    const pairsOf = (points) => points.map((p) => [p.x, p.y]);
    const state = { points: [], selected: null };

    const svg = container.querySelector("svg.lab-chart");
    let chart = null;
    setDomain(config.domain);
    chart = root.bceChart.create(svg, { domain: config.domain, words, fmt: model.fmt });
    const readout = container.querySelector(".bce-value");
    const status = container.querySelector(".lab-status");
    const fitLine = container.querySelector(".fit-value");
    const table = container.querySelector("table.lab-points tbody");
    const fileInput = container.querySelector("input.load-file");
    let story = null;
    // The model drawn: null for the fit, or {w, b} while the learner holds it (optimiser.js).
    let held = null;
    const listeners = []; // told (story, state) after every update: the optimiser's panel

    // The message on the line, as words => text: a language switch says it again in the other words.
    let message = () => "";

    function say(next) {
      message = next;
      status.textContent = message(words);
    }

    const word = (key, values = {}) => (w) => fill(w[key], values);

    function update() {
      const started = performance.now();
      const xs = state.points.map((p) => p.x), ys = state.points.map((p) => p.y);
      story = held ? model.storyAt(xs, ys, held.w, held.b) : model.story(xs, ys);
      // Redrawing may move the focused point's node (it keeps the points in x order): it keeps the focus.
      const focused = svg.contains(document.activeElement) ? document.activeElement : null;
      const points = chart.draw(state, story);
      if (focused && focused.isConnected && document.activeElement !== focused) focused.focus({ preventScroll: true });
      bind(points);
      readout.textContent = model.fmt(story.meanLoss);
      fitLine.textContent = `w = ${model.fmt(story.fit.w)}, b = ${model.fmt(story.fit.b)}`;
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

    /** The numbers of point after the last update, for a message: its name, P(true class), loss, the mean. */
    function numbers(point) {
      const i = state.points.indexOf(point);
      return {
        x: String(point.x), y: point.y, p: model.fmt(story.probTrueClass[i]),
        loss: model.fmt(story.shownLosses[i]), bce: model.fmt(story.meanLoss), n: state.points.length,
      };
    }

    /** A message about point: the template key filled with its numbers (its name in the words of the moment). */
    function aboutPoint(key, point) {
      const values = numbers(point);
      return (w) => fill(w[key], {
        ...values,
        name: fill(values.y === 1 ? w.name_green : w.name_red, values),
        class: values.y === 1 ? w.class_green : w.class_red,
      });
    }

    const meanLoss = () => model.fmt(story.meanLoss);

    function count(label) {
      return state.points.filter((p) => p.y === label).length;
    }

    // ---- Edits, undo and the address --------------------------------------------------------

    const undoStack = []; // {points, selected, edit}: the lab before each edit
    let run = null; // the move being made ({id}): a drag, or key steps until they settle
    let settleTimer = null;
    let flushRun = null; // what settling the waiting run of key steps says

    /** Remember the lab as it is, before an edit of this kind; a run of moves is remembered once. */
    function remember(edit, point) {
      if (edit === "move" && run && run.id === point.id) return;
      endRun();
      undoStack.push({ points: state.points.map((p) => ({ ...p })), selected: state.selected, edit });
      if (undoStack.length > UNDO_LIMIT) undoStack.shift();
      if (edit === "move") run = { id: point.id };
    }

    /** Close the run of moves, if any: the next move is a new edit. */
    function endRun() {
      clearTimeout(settleTimer);
      settleTimer = null;
      run = null;
    }

    /** An edit is over: the address follows and the line says what happened, once. */
    function settled(next) {
      endRun();
      writeAddress();
      say(next);
    }

    /** Key steps: said (and the address written) once they stop for SETTLE_MS. */
    function settleLater(point) {
      clearTimeout(settleTimer);
      settleTimer = setTimeout(() => settled(aboutPoint("moved", point)), SETTLE_MS);
      flushRun = () => settled(aboutPoint("moved", point));
    }

    /** A run of key steps still waiting to settle is over now (a press elsewhere, maybe a click). */
    function settleNow() {
      if (settleTimer !== null) flushRun();
    }

    function undo() {
      endRun();
      const before = undoStack.pop();
      if (!before) return say(word("nothing_to_undo"));
      state.points = before.points;
      state.selected = before.selected;
      setDomain(domainFor(state.points));
      update();
      keepFocus();
      const bce = meanLoss();
      settled((w) => fill(w.undone, { edit: w[`edit_${before.edit}`], bce }));
    }

    /** The course's points, the address's or a file's, as one edit of kind edit (undone as one). */
    function replacePoints(pairs, edit) {
      remember(edit);
      state.points = withIds(pairs);
      state.selected = null;
      setDomain(domainFor(state.points));
      update();
    }

    /** The lab's axis for points: the course's, or a wider one when a file's points fall outside it. */
    function domainFor(points) {
      const xs = points.map((p) => p.x);
      const [courseLow, courseHigh] = config.domain;
      const least = Math.min(...xs), most = Math.max(...xs);
      if (least >= courseLow && most <= courseHigh) return config.domain;
      const margin = Math.max(most - least, Math.abs(most) * 1e-9, 1e-9) * 0.05; // no point on the axis's end
      return d3.scaleLinear().domain([Math.min(least - margin, courseLow), Math.max(most + margin, courseHigh)]).nice(8).domain();
    }

    const isCourse = (pairs) => texts.toAddress(pairs) === texts.toAddress(config.points);

    /** The address keeps the points (#points=...), next to any other pair (the course page's #lang=). */
    function writeAddress() {
      const pairs = pairsOf(state.points);
      const hash = texts.withPair(location.hash, "points", isCourse(pairs) ? null : texts.toAddress(pairs));
      if (hash !== location.hash) history.replaceState(null, "", hash || location.pathname + location.search);
    }

    /** The points of an address's #points=, by the rules: {pairs} or {error} (a PointsError); null: none asked. */
    function linkPoints(hash) {
      const asked = texts.hashPairs(hash).find(([key]) => key === "points");
      if (!asked) return null;
      try {
        return { pairs: texts.parseAddress(asked[1]) };
      } catch (error) {
        if (!(error instanceof texts.PointsError)) throw error;
        return { error };
      }
    }

    /** A rule a file or a link broke, in the words w (the checker's own words in English). */
    function problemIn(w, error) {
      const words = w[`check_${error.rule}`];
      return words ? fill(words, error.values) : error.problem;
    }

    /** Why a link's points could not be used, in the words w: which point, which rule. */
    function linkError(w, error) {
      return error.line ? fill(w.link_point, { line: error.line, error: problemIn(w, error) }) : problemIn(w, error);
    }

    /** The points the lab opens on: the address's, or the course's (and why, when the address's are bad). */
    function openingPoints() {
      const link = linkPoints(location.hash);
      if (!link) return config.points;
      if (link.pairs) return link.pairs;
      say((w) => fill(w.link_bad, { n: config.points.length, error: linkError(w, link.error) }));
      // The address says what is on screen: a copied link gives the course's points, not the error again.
      history.replaceState(null, "", texts.withPair(location.hash, "points", null) || location.pathname + location.search);
      return config.points;
    }

    /**
     * The address edited in the open page: its points as one edit, or why not (the points kept, the
     * address theirs again). A hash without points= (an anchor, #lab) leaves them; the lab's own
     * addresses (history.replaceState) fire no hashchange, and the points on screen are no edit.
     */
    function followAddress() {
      const link = linkPoints(location.hash);
      if (!link) return;
      settleNow(); // a run of key steps waiting to settle is an edit of its own, before this one
      if (link.error) return settled((w) => fill(w.link_bad_kept, { error: linkError(w, link.error) }));
      if (texts.toAddress(link.pairs) === texts.toAddress(pairsOf(state.points))) return writeAddress();
      replacePoints(link.pairs, "link");
      settled(word("link_loaded", { n: state.points.length, bce: meanLoss() }));
    }

    // ---- The edits themselves --------------------------------------------------------------

    function move(point, x) {
      remember("move", point);
      point.x = snap(x);
      update();
    }

    function select(point) {
      state.selected = point ? point.id : null;
      d3.select(svg).selectAll("g.point").classed("selected", (p) => p.id === state.selected);
    }

    function selectedPoint() {
      const point = state.points.find((p) => p.id === state.selected);
      if (!point) say(word("select_first"));
      return point;
    }

    function flip(point) {
      if (count(point.y) === 1) return say(word("rule_classes"));
      remember("switch");
      point.y = 1 - point.y;
      update();
      settled(aboutPoint("switched", point));
    }

    /** Remove point; from the keyboard (keepFocus) the focus goes to its nearest neighbour along x. */
    function remove(point, toNeighbour) {
      if (state.points.length <= MIN_POINTS) return say(word("rule_min", { min: MIN_POINTS }));
      if (count(point.y) === 1) return say(word("rule_classes"));
      remember("remove");
      const gone = { x: String(point.x), y: point.y };
      state.points.splice(state.points.indexOf(point), 1);
      const neighbour = toNeighbour
        ? state.points.reduce((best, p) => (Math.abs(p.x - point.x) < Math.abs(best.x - point.x) ? p : best))
        : null;
      state.selected = neighbour ? neighbour.id : null;
      update();
      if (neighbour) focus(neighbour);
      keepFocus();
      const values = { n: state.points.length, bce: meanLoss() };
      settled((w) => fill(w.removed, { ...values, name: fill(gone.y === 1 ? w.name_green : w.name_red, gone) }));
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
      if (state.points.length >= MAX_POINTS) return say(word("rule_max", { max: MAX_POINTS }));
      remember("add");
      const point = { id: nextId++, x: freeX(), y: label };
      state.points.push(point);
      state.selected = point.id;
      update();
      focus(point);
      settled(aboutPoint("added", point));
    }

    function reset() {
      replacePoints(config.points, "reset");
      keepFocus();
      settled(word("reset_done", { n: state.points.length, bce: meanLoss() }));
    }

    /** A CSV file the learner picked: its points by bce_math's rules, or the rule it breaks (points unchanged). */
    async function load(file) {
      let pairs;
      try {
        pairs = texts.parseCsv(new Uint8Array(await file.arrayBuffer()), file.name);
      } catch (error) {
        if (!(error instanceof texts.PointsError)) throw error;
        const where = (w) => fill(w.csv_where, { file: error.file, line: error.line, error: problemIn(w, error) });
        return say((w) => fill(w.load_bad, { error: where(w) }));
      }
      replacePoints(pairs, "load");
      keepFocus();
      settled(word("loaded", { file: file.name, n: state.points.length, bce: meanLoss() }));
    }

    function focus(point) {
      const node = d3.select(svg).selectAll("g.point").filter((p) => p.id === point.id).node();
      if (node) node.focus();
    }

    /** After an action the focus stays in the lab: when its element went (an undone point), a point takes it. */
    function keepFocus() {
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return;
      focus(state.points.find((p) => p.id === state.selected) || state.points[0]);
    }

    // ---- Mouse and keys --------------------------------------------------------------------

    const bound = new WeakSet();

    function onPointKey(event, point) {
      if (event.ctrlKey || event.metaKey || event.altKey) return; // Ctrl+Z and the browser's own keys
      const step = grid * (event.shiftKey ? 50 : 5);
      if (event.key === "ArrowLeft" || event.key === "ArrowDown") move(point, point.x - step);
      else if (event.key === "ArrowRight" || event.key === "ArrowUp") move(point, point.x + step);
      else if (["Enter", " ", "f", "F"].includes(event.key)) return flip(point), event.preventDefault();
      else if (event.key === "Delete" || event.key === "Backspace") return remove(point, true), event.preventDefault();
      else return;
      event.preventDefault();
      focus(point);
      settleLater(point);
    }

    function bind(points) {
      let dragged = false; // a press without a move is a click, not an edit
      points.filter(function () { return !bound.has(this); }).each(function () { bound.add(this); })
        .on("click", (event, point) => select(point))
        .on("dblclick", (event, point) => flip(point))
        .on("focus", (event, point) => select(point))
        .on("keydown", onPointKey)
        .call(d3.drag()
          .subject((event, point) => ({ x: chart.x(point.x), y: 0 }))
          .on("start", (event, point) => { dragged = false; settleNow(); select(point); })
          .on("drag", (event, point) => { dragged = true; move(point, chart.x.invert(event.x)); })
          .on("end", (event, point) => { if (dragged) settled(aboutPoint("moved", point)); }));
    }

    function csv() {
      return ["x,y", ...state.points.map((p) => `${p.x},${p.y}`)].join("\n") + "\n";
    }

    const button = (name, action) => container.querySelector(`button.${name}`).addEventListener("click", action);
    button("add-green", () => add(1));
    button("add-red", () => add(0));
    button("remove", () => {
      const point = selectedPoint();
      if (point) remove(point, false);
    });
    button("switch", () => {
      const point = selectedPoint();
      if (point) flip(point);
    });
    button("reset", reset);
    button("undo", undo);
    button("load", () => fileInput.click());
    fileInput.addEventListener("change", () => {
      const file = fileInput.files[0];
      fileInput.value = ""; // the same file again is a new load
      if (file) load(file);
    });
    button("download", () => {
      const link = document.createElement("a");
      link.href = `data:text/csv;charset=utf-8,${encodeURIComponent(csv())}`;
      link.download = "points.csv";
      link.click();
    });
    container.addEventListener("keydown", (event) => {
      const undoKey = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "z";
      if (!undoKey || event.target.closest(TYPING)) return;
      event.preventDefault();
      undo();
    });

    /** The lab in other words (the course page's language switch): every fixed word and the chart's. */
    function setWords(next) {
      Object.assign(words, next); // the chart holds the same object
      for (const node of container.querySelectorAll("[data-word]")) node.textContent = words[node.dataset.word];
      for (const node of container.querySelectorAll("[data-word-label]")) node.setAttribute("aria-label", words[node.dataset.wordLabel]);
      say(message); // the last message, in these words
      update();
    }

    state.points = withIds(openingPoints());
    setDomain(domainFor(state.points));
    update();
    addEventListener("hashchange", followAddress);
    /** Draw the model {w, b} the learner holds instead of the fit; null: the fit again. */
    function setModel(next) {
      held = next;
      update();
    }

    return {
      state, csv, update, setWords, setModel, chart, svg, words, undo,
      // The one live region for any part of the lab (the optimiser's messages too): text, or words => text.
      say: (text) => say(typeof text === "function" ? text : () => text),
      story: () => story,
      onUpdate: (listener) => listeners.push(listener),
      languages: config.languages,
    };
  }

  root.bceLab = { start, lastUpdateMs: null, SETTLE_MS };
  document.addEventListener("DOMContentLoaded", () => {
    root.bceLab.instance = start(document.querySelector(".lab"));
  });
})(typeof self !== "undefined" ? self : this);
