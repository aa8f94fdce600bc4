/*
 * The lab's picture, drawn with d3 (scales, axes, selections): the story's chart for the points
 * in the lab. Above: the points on x in their rows (green circle y = 1, red square y = 0), the
 * fitted curve P(green), and each point's bar of the probability of its true class (green bars
 * stand on 0 up to the curve, red ones hang from 1 down to it). Below: each point's loss -ln p in
 * its class colour, and their mean, the BCE. Beside (under, on a narrow screen): the ladder (coin
 * flip, class rate H(q), this fit), a line on H(q) and a legend of the bars, and one point's loss
 * (pointloss.js draws it in the box laid out here: under the notes, or on a phone under the loss panel).
 * It computes nothing: every number comes from bceModel.story.
 *
 * The viewBox follows the svg's box, one unit a CSS pixel, so the sizes below are what the reader
 * sees: text never shrinks under 13 px, a point's hit box is 28 px on a phone as on a projector.
 * The chart redraws itself when its box changes size.
 */
(function (root) {
  "use strict";
  const d3 = root.d3;
  const pointLossOf = () => root.bcePointLoss; // pointloss.js, loaded after this file
  const FALLBACK_WIDTH = 960, FALLBACK_HEIGHT = 600; // a chart not laid out yet (hidden)
  const NARROW = 700; // narrower than this, the ladder and the notes go under the chart
  const MIN_HEIGHT = 320, MAX_HEIGHT = 736; // a wide chart's height, whatever the screen
  const MIN_BAR = 8, MAX_BAR = 22, MARKER = 18, HIT = 28, LINE = 17, RUNG_GAP = 22, CURVE_SAMPLES = 160;
  // One point's loss (pointloss.js): its inset's height; a wide chart's ladder gives up to INSET_WANT.
  // Less than INSET_SHORT, the right column is laid out compactly (withInset).
  const INSET_MIN = 140, INSET_SHORT = 165, INSET_WANT = 185, INSET_MAX = 230;
  const INSET_NARROW = 180, LADDER_MIN = 120;
  // A short wide screen (1280 x 720): the ladder up under its title and down to LADDER_SHORT, the notes
  // closer under it and to each other (NOTE_GAPS: after the first note, after each other), for the inset.
  const LADDER_SHORT = 76, LADDER_LIFT = 14, NOTES_GAP = 40, NOTES_GAP_SHORT = 18, INSET_GAP = 16, INSET_GAP_SHORT = 8;
  const NOTE_GAPS = [14, 6], NOTE_GAPS_SHORT = [8, 3];

  const STICKY = /^[。，、：；！？）」』)\].,:;!?]/;

  const fill = root.bcePoints.fill; // points.js, loaded before this file

  function niceLossTop(story) {
    return Math.max(1, Math.ceil(Math.max(...story.losses, Math.LN2) * 1.1 * 2) / 2);
  }

  /** The wide layout: the ladder and the notes in a column right of the two panels. */
  function wideLayout(width, height, side) {
    const left = 70, top = 30, bottom = height - 44, gap = 50;
    const sideLeft = width - side, right = sideLeft - 72;
    const probBottom = top + (bottom - top - gap) * 0.55;
    return {
      wide: true, width, height, left, right, top, probBottom, lossTop: probBottom + gap, lossBottom: bottom,
      xTicks: Math.max(4, Math.floor((right - left) / 90)),
      ladder: { title: [sideLeft, 14], axis: sideLeft + 34, top: top + 8, bottom: probBottom },
      notes: { x: sideLeft, y: probBottom + NOTES_GAP, width: side - 8, gaps: NOTE_GAPS },
    };
  }

  /**
   * The wide layout's inset (one point's loss): under the notes, the ladder shorter if it needs the
   * room. On a short screen, when that leaves the inset less than INSET_SHORT: the ladder up under its
   * title and shorter still, the notes closer under it and to each other, the inset closer under them,
   * as far as the inset wants (a compact inset: less margin round its curve). None when even that
   * leaves too little. notesHeight(notes): the notes' height laid out at notes.
   */
  function withInset(box, notesHeight) {
    const bottom = box.height - 4;
    let gap = INSET_GAP, notes = notesHeight(box.notes);
    const room = () => bottom - (box.notes.y + notes + gap);
    const lift = (by) => { box.ladder.bottom -= by; box.notes.y -= by; };
    const shorten = (least, want) => lift(Math.max(0, Math.min(want - room(), box.ladder.bottom - box.ladder.top - least)));
    shorten(LADDER_MIN, INSET_WANT);
    let compact = false;
    if (room() < INSET_SHORT) {
      const tall = { ladder: { ...box.ladder }, notes: { ...box.notes }, gap, height: notes };
      compact = true;
      box.ladder.top -= LADDER_LIFT;
      lift(LADDER_LIFT);
      box.notes.y -= NOTES_GAP - NOTES_GAP_SHORT;
      box.notes = { ...box.notes, gaps: NOTE_GAPS_SHORT };
      notes = notesHeight(box.notes);
      gap = INSET_GAP_SHORT;
      shorten(LADDER_SHORT, INSET_WANT);
      if (room() < INSET_MIN) { // no use: as it was
        [box.ladder, box.notes, gap, notes, compact] = [tall.ladder, tall.notes, tall.gap, tall.height, false];
      }
    }
    const height = Math.min(room(), INSET_MAX);
    box.inset = height >= INSET_MIN ? { x: box.notes.x, y: bottom - room(), width: box.notes.width, height, compact } : null;
    return box;
  }

  /** The narrow layout (a phone): the panels full width, one point's loss, the ladder under them, the notes last. */
  function narrowLayout(width) {
    const left = 60, right = width - 12, top = 22;
    const probBottom = top + Math.min(240, Math.max(160, width * 0.5));
    const lossTop = probBottom + 46, lossBottom = lossTop + Math.min(180, Math.max(120, width * 0.36));
    const inset = { x: 12, y: lossBottom + 50, width: Math.min(width - 24, 460), height: INSET_NARROW };
    const below = inset.y + inset.height - lossBottom - 28, ladderTop = below + lossBottom + 70;
    return {
      wide: false, width, left, right, top, probBottom, lossTop, lossBottom, inset,
      xTicks: Math.max(3, Math.floor((right - left) / 70)),
      ladder: { title: [12, below + lossBottom + 58], axis: left, top: ladderTop, bottom: ladderTop + 120 },
      notes: { x: 12, y: ladderTop + 146, width: width - 24, gaps: NOTE_GAPS },
    };
  }

  /**
   * Centres for bars `gap` apart as near their x as that allows (least squares), within [low, high]:
   * points at (nearly) the same x stand side by side. targets ascending. (Pool adjacent violators
   * on t_i - i gap, which must not decrease, then clamped: that is the bounded optimum.)
   */
  function dodge(targets, gap, low, high) {
    const n = targets.length;
    if (n === 0) return [];
    gap = Math.min(gap, n > 1 ? (high - low) / (n - 1) : gap);
    const blocks = [];
    targets.forEach((t, i) => {
      blocks.push({ sum: t - i * gap, count: 1 });
      while (blocks.length > 1 && blocks.at(-2).sum / blocks.at(-2).count > blocks.at(-1).sum / blocks.at(-1).count) {
        const last = blocks.pop();
        blocks.at(-1).sum += last.sum;
        blocks.at(-1).count += last.count;
      }
    });
    const shifted = blocks.flatMap((b) => Array(b.count).fill(b.sum / b.count));
    const top = Math.max(low, high - (n - 1) * gap);
    return shifted.map((q, i) => Math.min(top, Math.max(low, q)) + i * gap);
  }

  /** Bar width from the distinct positions (x closer than a pixel is one position), and the centres. */
  function slots(sorted, x, low, high) {
    const at = sorted.map((p) => x(p.x));
    let closest = Infinity;
    for (let i = 1; i < at.length; i++) if (at[i] - at[i - 1] >= 1) closest = Math.min(closest, at[i] - at[i - 1]);
    let width = Math.max(MIN_BAR, Math.min(MAX_BAR, 0.7 * closest));
    let gap = Math.max(2, 0.25 * width);
    if (at.length * (width + gap) > high - low) { // more points than 8-px bars fit: share the width out
      width = (0.8 * (high - low)) / at.length;
      gap = width / 4;
    }
    return { width, centres: dodge(at, width + gap, low + width / 2, high - width / 2) };
  }

  /** The smallest distance between neighbours of the same row, for the markers' size. */
  function rowSpacing(sorted, centres) {
    let spacing = Infinity;
    for (const label of [0, 1]) {
      const row = centres.filter((c, i) => sorted[i].y === label);
      for (let i = 1; i < row.length; i++) spacing = Math.min(spacing, row[i] - row[i - 1]);
    }
    return spacing;
  }

  /** Label heights at least `gap` apart, each as near its rung as that allows, within [low, high]. */
  function spreadLabels(heights, gap, low, high) {
    const order = heights.map((h, i) => i).sort((a, b) => heights[a] - heights[b]);
    const placed = heights.slice();
    for (let k = 1; k < order.length; k++) placed[order[k]] = Math.max(placed[order[k]], placed[order[k - 1]] + gap);
    placed[order.at(-1)] = Math.min(placed[order.at(-1)], high);
    for (let k = order.length - 2; k >= 0; k--) placed[order[k]] = Math.min(placed[order[k]], placed[order[k + 1]] - gap);
    return placed.map((h) => Math.max(h, low - gap)); // (only if the rungs cannot all fit)
  }

  /**
   * text's words in lines at most `width` wide (measured), from its y down; returns its height.
   * Chinese breaks between any two characters, other scripts at spaces; a name like "P(真实)" is
   * never broken. Kept when text and width
   * are as last time: it runs on every drag step.
   */
  function wrap(node, text, width) {
    const key = `${text}|${width}`;
    if (node.dataset.wrapped !== key) {
      node.textContent = "";
      let line = null, shown = "";
      const newLine = () => { line = d3.select(node).append("tspan").node(); shown = ""; };
      for (const token of text.trim().match(/[^\s()\u2e80-\u9fff\uff00-\uffef]*\([^()\s]{1,8}\)|[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+|\s+/g) || []) {
        const space = /^\s+$/.test(token);
        if (!line) newLine();
        if (space && shown === "") continue;
        line.textContent = shown + token;
        // Closing punctuation never starts a line (a lone "。" or ")"): it may stick out a little.
        if (shown === "" || STICKY.test(token) || line.getComputedTextLength() <= width) { shown += token; continue; }
        line.textContent = shown.trimEnd();
        newLine();
        if (!space) line.textContent = shown = token;
      }
      // Not measured (the chart is hidden): wrap again next time.
      if (line && line.getComputedTextLength() > 0) node.dataset.wrapped = key;
    }
    const lines = d3.select(node).selectAll("tspan").attr("x", node.getAttribute("x")).attr("dy", (d, i) => (i ? LINE : 13));
    return lines.size() * LINE;
  }

  /** Move the point nodes into `nodes`'s order without moving the focused one (moving it would blur it). */
  function orderNodes(parent, nodes) {
    const now = Array.from(parent.children);
    if (now.length === nodes.length && now.every((n, i) => n === nodes[i])) return;
    const focused = nodes.indexOf(document.activeElement);
    if (focused < 0) return nodes.forEach((n) => parent.appendChild(n));
    nodes.slice(0, focused).forEach((n) => parent.insertBefore(n, nodes[focused]));
    nodes.slice(focused + 1).forEach((n) => parent.appendChild(n));
    if (document.activeElement !== nodes[focused]) nodes[focused].focus({ preventScroll: true });
  }

  /** Make the chart's groups once inside svg; returns draw(state, story). */
  function create(svg, options) {
    const { domain, words, fmt } = options;
    const root = d3.select(svg).attr("viewBox", `0 0 ${FALLBACK_WIDTH} ${FALLBACK_HEIGHT}`)
      .attr("preserveAspectRatio", "xMinYMin meet"); // between a resize and its redraw
    const x = d3.scaleLinear().domain(domain);
    const prob = d3.scaleLinear().domain([0, 1]);
    const loss = d3.scaleLinear();
    const layer = (name) => root.append("g").attr("class", name);
    // The ticks' numbers are for the eye: a screen reader has every number in the points' sliders.
    const axes = {
      x: layer("axis x-axis"), prob: layer("axis prob-axis"), loss: layer("axis loss-axis"), ladder: layer("axis ladder-axis"),
    };
    Object.values(axes).forEach((axis) => axis.attr("aria-hidden", "true"));
    const titled = (word) => root.append("text").attr("class", "axis-title").attr("data-word", word).text(words[word]);
    const titles = { prob: titled("prob_axis"), loss: titled("loss_axis"), ladder: titled("ladder") };
    titles.x = root.append("text").attr("class", "axis-title").attr("text-anchor", "end").text("x");
    const bars = layer("prob-bars"), lossBars = layer("loss-bars"), mean = layer("mean");
    const curve = root.append("path").attr("class", "curve");
    const ladder = layer("ladder"), notes = layer("notes"), points = layer("points");
    const legend = makeNotes(notes);
    const pointLoss = pointLossOf() ? pointLossOf().create(svg, root, { words, fmt }) : null;
    let last = null, drawn = {};

    /** The layout for the svg's width now, and the height it sets itself. */
    function measure() {
      const width = svg.getBoundingClientRect().width;
      if (!width) return wideLayout(FALLBACK_WIDTH, FALLBACK_HEIGHT, 260);
      if (width >= NARROW) {
        const side = Math.min(340, Math.max(280, width * 0.26)); // room for "0.6931 scikit-learn's fit"
        const wide = wideLayout(width, wideHeight(), side), notesHeight = placeNotes(legend, wide.notes);
        if (notesHeight <= wide.height - wide.notes.y) {
          return setHeight(withInset(wide, (notes) => placeNotes(legend, notes)));
        }
      }
      const narrow = narrowLayout(width);
      narrow.height = Math.ceil(narrow.notes.y + placeNotes(legend, narrow.notes) + 8);
      return setHeight(narrow);
    }

    function setHeight(box) {
      svg.style.height = `${box.height}px`;
      return box;
    }

    /**
     * Wide: as tall as leaves the buttons and the message line under it on the screen, from the
     * lab's top (or the page's, when the lab opens the page), within [MIN_HEIGHT, MAX_HEIGHT].
     */
    function wideHeight() {
      const lab = svg.closest(".lab"), status = lab && lab.querySelector(".lab-status");
      const chart = svg.getBoundingClientRect();
      if (!status) return chart.height;
      const labTop = lab.getBoundingClientRect().top + scrollY;
      const above = chart.top + scrollY - (labTop > innerHeight / 3 ? labTop : 0);
      // The message line's one-line height, not its text's: a longer message must not move the chart.
      const below = status.getBoundingClientRect().top - chart.bottom + (parseFloat(getComputedStyle(status).minHeight) || 24);
      return Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, innerHeight - above - below - 8)));
    }

    function draw(state, story) {
      last = { state, story };
      const box = measure();
      drawn = box;
      root.attr("viewBox", `0 0 ${box.width} ${box.height}`);
      x.range([box.left + 14, box.right - 14]);
      prob.range([box.probBottom, box.top]);
      const lossTop = niceLossTop(story);
      loss.domain([0, lossTop]).range([box.lossBottom, box.lossTop]);
      drawAxes(box);

      const [start, end] = x.domain();
      const samples = d3.range(CURVE_SAMPLES + 1).map((k) => {
        const at = start + (k / CURVE_SAMPLES) * (end - start);
        return `${x(at).toFixed(2)},${prob(rootSigmoid(story.w * at + story.b)).toFixed(2)}`;
      });
      curve.attr("d", `M${samples.join("L")}`);

      // One slot per point, in x order: its bar above, its bar below and its marker share the centre.
      const index = new Map(state.points.map((p, i) => [p.id, i]));
      const sorted = state.points.slice().sort((a, b) => a.x - b.x || a.y - b.y || a.id - b.id);
      const { width: barWidth, centres } = slots(sorted, x, box.left + 2, box.right);
      const centre = new Map(sorted.map((p, i) => [p.id, centres[i]]));
      const at = (p) => centre.get(p.id), of = (values) => (p) => values[index.get(p.id)];
      const pTrue = of(story.probTrueClass), pGreen = of(story.probGreen), lossOf = of(story.losses);

      bars.selectAll("rect").data(state.points, (p) => p.id).join("rect")
        .attr("class", (p) => `bar ${p.y === 1 ? "green" : "red"}`)
        .attr("x", (p) => at(p) - barWidth / 2).attr("width", barWidth)
        .attr("y", (p) => (p.y === 1 ? prob(pGreen(p)) : prob(1)))
        .attr("height", (p) => Math.abs(prob(0) - prob(pTrue(p))));
      lossBars.selectAll("rect").data(state.points, (p) => p.id).join("rect")
        .attr("class", (p) => `bar ${p.y === 1 ? "green" : "red"}`)
        .attr("x", (p) => at(p) - barWidth / 2).attr("width", barWidth)
        .attr("y", (p) => loss(Math.min(lossOf(p), lossTop)))
        .attr("height", (p) => box.lossBottom - loss(Math.min(lossOf(p), lossTop)));
      mean.selectAll("line").data([story.meanLoss]).join("line").attr("class", "mean-line")
        .attr("x1", box.left).attr("x2", box.right).attr("y1", (m) => loss(m)).attr("y2", (m) => loss(m));
      // Wide: the mean's value right of its line; narrow: above its right end (no room beside).
      mean.selectAll("text").data([story.meanLoss]).join("text").attr("class", "mean-value")
        .attr("text-anchor", box.wide ? "start" : "end")
        .attr("x", box.wide ? box.right + 6 : box.right).attr("y", (m) => loss(m) + (box.wide ? 5 : -7)).text((m) => fmt(m));

      drawLadder(box, story);
      placeNotes(legend, box.notes);
      const drawnPoints = drawPoints(state, story, sorted, at, Math.min(MARKER, rowSpacing(sorted, centres) - 3));
      if (pointLoss) pointLoss.draw(box.inset, story, state, lossTop);
      return drawnPoints;
    }

    function drawAxes(box) {
      axes.x.attr("transform", `translate(0,${box.lossBottom})`).call(d3.axisBottom(x).ticks(box.xTicks));
      axes.prob.attr("transform", `translate(${box.left},0)`).call(d3.axisLeft(prob).ticks(2));
      axes.loss.attr("transform", `translate(${box.left},0)`).call(d3.axisLeft(loss).ticks(box.wide ? 4 : 3));
      titles.prob.attr("transform", `translate(16,${(box.top + box.probBottom) / 2}) rotate(-90)`).attr("text-anchor", "middle");
      titles.loss.attr("transform", `translate(16,${(box.lossTop + box.lossBottom) / 2}) rotate(-90)`).attr("text-anchor", "middle");
      titles.x.attr("x", box.right).attr("y", box.lossBottom + 36);
      titles.ladder.attr("x", box.ladder.title[0]).attr("y", box.ladder.title[1]);
    }

    /** The rungs: a line each (colour and dash tell them apart), its label spread out and tied to it. */
    function drawLadder(box, story) {
      const { axis, top, bottom } = box.ladder;
      const scale = d3.scaleLinear().domain([0, Math.max(Math.LN2, story.meanLoss) * 1.15]).range([bottom, top + 10]);
      axes.ladder.attr("transform", `translate(${axis},0)`).call(d3.axisLeft(scale).ticks(4));
      const rungs = [
        { key: "coin", name: words.ladder_coin, value: story.ladder.coin },
        { key: "rate", name: words.ladder_rate, value: story.ladder.rate },
        { key: "fit", name: words.ladder_fit, value: story.ladder.fit },
      ];
      const rung = ladder.selectAll("g").data(rungs, (r) => r.key).join((enter) => {
        const g = enter.append("g").attr("class", (r) => `rung ${r.key}`);
        g.append("line").attr("class", "rung-line"); g.append("line").attr("class", "leader");
        g.append("text").attr("class", "rung-value"); g.append("text").attr("class", "rung-name");
        return g;
      });
      const y = rungs.map((r) => scale(r.value));
      const labelY = spreadLabels(y, RUNG_GAP, top, bottom);
      const end = axis + 38, textX = axis + 62;
      rung.select(".rung-line").attr("x1", axis + 2).attr("x2", end).attr("y1", (r, i) => y[i]).attr("y2", (r, i) => y[i]);
      rung.select(".leader").attr("x1", end + 2).attr("x2", textX - 4).attr("y1", (r, i) => y[i]).attr("y2", (r, i) => labelY[i]);
      rung.select(".rung-value").attr("x", textX).attr("y", (r, i) => labelY[i]).attr("dy", "0.35em").text((r) => fmt(r.value));
      rung.select(".rung-name").attr("y", (r, i) => labelY[i]).attr("dy", "0.35em").text((r) => r.name)
        .attr("x", function () { return textX + this.parentNode.querySelector(".rung-value").getComputedTextLength() + 8; });
    }

    /**
     * The points as sliders along x, in x order in the page (the order a screen reader meets them):
     * each named by its place and class ("point 4 of 10: red, y = 0"), its value x with its P(true
     * class) and loss (as the table shows them).
     */
    function drawPoints(state, story, sorted, at, size) {
      const [low, high] = domain;
      const place = new Map(sorted.map((p, i) => [p.id, i + 1])), index = new Map(state.points.map((p, i) => [p.id, i]));
      const name = (p) => fill(p.y === 1 ? words.point_green : words.point_red, { i: place.get(p.id), n: sorted.length });
      const value = (p) => fill(words.point_value, {
        x: p.x, p: fmt(story.probTrueClass[index.get(p.id)]), loss: fmt(story.shownLosses[index.get(p.id)]),
      });
      const selection = points.selectAll("g.point").data(state.points, (p) => p.id).join((enter) => {
        const g = enter.append("g").attr("class", "point").attr("tabindex", 0).attr("role", "slider")
          .attr("aria-orientation", "horizontal");
        g.append("rect").attr("class", "hit"); // a touch target bigger than the marker (WCAG 2.5.8)
        g.append("circle").attr("class", "marker");
        g.append("rect").attr("class", "marker");
        return g;
      })
        .attr("class", (p) => `point ${p.y === 1 ? "green" : "red"}${p.id === state.selected ? " selected" : ""}`)
        .attr("transform", (p) => `translate(${at(p)},${prob(p.y)})`)
        .attr("aria-valuemin", low).attr("aria-valuemax", high).attr("aria-valuenow", (p) => p.x)
        .attr("aria-label", name).attr("aria-valuetext", value);
      const hit = Math.max(HIT, size + 8);
      selection.select(".hit").attr("x", -hit / 2).attr("y", -hit / 2).attr("width", hit).attr("height", hit);
      selection.select("circle").attr("r", size / 2);
      selection.select("rect.marker").attr("x", -size * 0.42).attr("y", -size * 0.42).attr("width", size * 0.84).attr("height", size * 0.84);
      const node = new Map(selection.nodes().map((n) => [n.__data__.id, n]));
      orderNodes(points.node(), sorted.map((p) => node.get(p.id)));
      return points.selectAll("g.point");
    }

    // Redraw when the box changes (a turned phone, a resized window), a frame later: drawing inside
    // the observer would resize the svg again within the same frame (a ResizeObserver loop error).
    // The lab's box too: words above the chart that wrap anew move it without resizing it.
    const redraw = () => requestAnimationFrame(() => {
      if (last && svg.getBoundingClientRect().width && stale()) draw(last.state, last.story);
    });
    if (typeof ResizeObserver !== "undefined") {
      const observer = new ResizeObserver(redraw);
      observer.observe(svg);
      if (svg.closest(".lab")) observer.observe(svg.closest(".lab"));
    }
    addEventListener("resize", redraw); // a shorter window: the same width, a lower chart

    /** Whether the chart drawn is not the one its box asks for now. */
    function stale() {
      const width = svg.getBoundingClientRect().width;
      return width !== drawn.width || (drawn.wide && Math.abs(wideHeight() - drawn.height) >= 1);
    }

    return { draw, x, prob };

    /** H(q)'s line and the legend, wrapped to `at.width` from (at.x, at.y); returns their height. */
    function placeNotes(items, at) {
      let y = at.y;
      for (const item of items) {
        const text = words[item.word] || "";
        item.group.attr("display", text ? null : "none").attr("transform", `translate(${at.x},${y})`);
        if (!text) continue;
        item.text.attr("x", 26);
        y += Math.max(LINE, wrap(item.text.node(), text, at.width - 26)) + at.gaps[item === items[0] ? 0 : 1];
      }
      return y - at.y;
    }
  }

  /** The notes' groups, once: a swatch of what each line explains, then its words. */
  function makeNotes(parent) {
    const item = (word, swatch) => {
      const group = parent.append("g").attr("class", `note ${word}`);
      swatch(group.append("g").attr("class", "swatch").attr("aria-hidden", "true"));
      return { word, group, text: group.append("text").attr("class", "note-text") };
    };
    const line = (className) => (g) => g.append("line").attr("class", className).attr("x1", 0).attr("x2", 20).attr("y1", 8).attr("y2", 8);
    const twoBars = (g) => {
      g.append("rect").attr("class", "bar green").attr("x", 3).attr("y", 2).attr("width", 6).attr("height", 14);
      g.append("rect").attr("class", "bar red").attr("x", 11).attr("y", 7).attr("width", 6).attr("height", 9);
    };
    return [
      item("ladder_rate_note", (g) => g.append("g").attr("class", "rung rate").call(line("rung-line"))),
      item("legend_prob", twoBars),
      item("legend_loss", twoBars),
      item("legend_mean", line("mean-line")),
    ];
  }

  function rootSigmoid(z) {
    return root.bceModel.sigmoid(z);
  }

  root.bceChart = { create, dodge };
})(typeof self !== "undefined" ? self : this);
