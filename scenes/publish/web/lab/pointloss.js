/*
 * One point's loss, as the losses chapter draws it: the point the reader points at (the mouse over it, or
 * the keyboard's focus on it) has its P(true class) laid on the axis of a small curve -ln p, carried
 * up to the curve and across to its loss; its upper bar and its loss bar in the chart are outlined,
 * so the eye goes bar, curve, loss bar. Nothing pointed at: the curve and a hint, no marker.
 *
 * chart.js lays the inset out (box: the right column on a wide chart, under the loss panel on a
 * phone) and calls draw after each redraw; this file only draws. The numbers are the story's
 * (bceModel.story, or storyAt in the optimiser): P(true) and the loss as the table shows them, the
 * marker at (probTrueClass, losses), which is on the curve. Only the curve's shape is computed here.
 */
(function (root) {
  "use strict";
  const d3 = root.d3, fill = root.bcePoints.fill; // points.js, loaded before this file
  const SAMPLES = 80; // the curve: as many p evenly spaced as losses evenly spaced, one path
  const LEFT = 54, RIGHT = 12, VALUE_GAP = 6;
  // Above the curve: the title and the note (their baselines); under it: the ticks, the value, the axis's name.
  // A compact box (a short screen, box.compact) keeps less room round the curve.
  const MARGINS = { TOP: 50, BOTTOM: 42, NOTE: 33 }, COMPACT = { TOP: 48, BOTTOM: 42, NOTE: 32 };

  /**
   * The inset's groups, once, in parent (the chart's svg, a d3 selection); svg is the chart's node,
   * where the points are found. Returns draw(box, story, state, lossTop): box null hides the inset.
   */
  function create(svg, parent, { words, fmt }) {
    const group = parent.append("g").attr("class", "pointloss").attr("aria-hidden", "true");
    const title = group.append("text").attr("class", "pointloss-title").attr("data-word", "pointloss_title")
      .text(words.pointloss_title);
    const note = group.append("text").attr("class", "pointloss-note");
    // Not class "axis": the chart's own four axes are those.
    const pAxis = group.append("g").attr("class", "pointloss-axis p");
    const lossAxis = group.append("g").attr("class", "pointloss-axis loss");
    const pTitle = group.append("text").attr("class", "pointloss-axis-title").attr("text-anchor", "end")
      .attr("data-word", "pointloss_axis").text(words.pointloss_axis);
    const curve = group.append("path").attr("class", "pointloss-curve");
    const marked = group.append("g").attr("class", "pointloss-point");
    const down = marked.append("line").attr("class", "pointloss-guide down");
    const across = marked.append("line").attr("class", "pointloss-guide across");
    const marker = marked.append("circle").attr("class", "pointloss-marker").attr("r", 6);
    const pValue = marked.append("text").attr("class", "pointloss-value pointloss-p").attr("text-anchor", "middle");
    const lossValue = marked.append("text").attr("class", "pointloss-value pointloss-loss").attr("text-anchor", "end");
    const p = d3.scaleLinear().domain([0, 1]);
    const loss = d3.scaleLinear();
    let hovered = null, focused = null, last = null;

    // Which point: the one under the pointer, else the one with the focus (a drag has both).
    const pointOf = (node) => {
      const g = node && node.closest ? node.closest("g.point") : null;
      return g && svg.contains(g) && g.__data__ ? g.__data__.id : null;
    };
    const hover = (id) => { if (id !== hovered) { hovered = id; render(); } };
    const focus = (id) => { if (id !== focused) { focused = id; render(); } };
    svg.addEventListener("pointerover", (event) => hover(pointOf(event.target)));
    svg.addEventListener("pointerout", (event) => hover(pointOf(event.relatedTarget)));
    svg.addEventListener("focusin", (event) => focus(pointOf(event.target)));
    svg.addEventListener("focusout", (event) => focus(pointOf(event.relatedTarget)));

    function draw(box, story, state, lossTop) {
      last = { box, story, state, lossTop };
      render();
    }

    function render() {
      if (!last) return;
      const { box, story, state, lossTop } = last;
      const id = hovered !== null ? hovered : focused;
      const index = state.points.findIndex((point) => point.id === id);
      const point = index >= 0 ? state.points[index] : null;
      // The point's two bars in the chart, outlined (chart.js sets their classes anew on each redraw).
      d3.select(svg).selectAll("g.prob-bars rect, g.loss-bars rect").classed("active", (d) => point !== null && d.id === point.id);
      // Each element hidden itself, not only its group: a hidden group's children keep their own display.
      group.selectAll("*").attr("display", box ? null : "none");
      if (!box) return;

      const { TOP, BOTTOM, NOTE } = box.compact ? COMPACT : MARGINS;
      const left = box.x + LEFT, right = box.x + box.width - RIGHT, top = box.y + TOP, bottom = box.y + box.height - BOTTOM;
      p.range([left, right]);
      loss.domain([0, lossTop]).range([bottom, top]);
      title.attr("x", box.x).attr("y", box.y + 13);
      pAxis.attr("transform", `translate(0,${bottom})`).call(d3.axisBottom(p).tickValues([0, 0.5, 1]).tickFormat(d3.format(".1f")));
      lossAxis.attr("transform", `translate(${left},0)`).call(d3.axisLeft(loss).ticks(3).tickPadding(6));
      pTitle.attr("x", right).attr("y", bottom + BOTTOM - 4);

      // -ln p from where it leaves the top (p = e^-lossTop) to p = 1.
      const least = Math.exp(-lossTop);
      const ps = d3.range(SAMPLES + 1).flatMap((k) => [least + ((1 - least) * k) / SAMPLES, Math.exp((-lossTop * k) / SAMPLES)]);
      const path = ps.sort((a, b) => a - b).map((q) => `${p(q).toFixed(2)},${loss(Math.min(-Math.log(q), lossTop)).toFixed(2)}`);
      curve.attr("d", `M${path.join("L")}`);

      const colour = point ? (point.y === 1 ? "green" : "red") : "";
      note.attr("class", `pointloss-note ${colour}`).attr("x", box.x).attr("y", box.y + NOTE)
        .text(point ? fill(point.y === 1 ? words.name_green : words.name_red, point) : words.pointloss_hint);
      marked.attr("class", `pointloss-point ${colour}`).selectAll("*").attr("display", point ? null : "none");
      if (!point) return;

      const cx = p(story.probTrueClass[index]), cy = loss(Math.min(story.losses[index], lossTop));
      marker.attr("cx", cx).attr("cy", cy);
      down.attr("x1", cx).attr("x2", cx).attr("y1", cy).attr("y2", bottom);
      across.attr("x1", cx).attr("x2", left).attr("y1", cy).attr("y2", cy);
      pValue.text(fmt(story.probTrueClass[index]));
      const half = pValue.node().getComputedTextLength() / 2;
      pValue.attr("x", Math.max(box.x + half, Math.min(box.x + box.width - half, cx))).attr("y", bottom + 16);
      lossValue.text(fmt(story.shownLosses[index])).attr("x", left - VALUE_GAP).attr("y", cy).attr("dy", "0.35em");
      hideTicksUnder(pAxis, pValue.node());
      hideTicksUnder(lossAxis, lossValue.node());
    }

    /** A tick's number the value's label would cover is not drawn. */
    function hideTicksUnder(axis, label) {
      const a = label.getBoundingClientRect();
      axis.selectAll(".tick text").attr("display", function () {
        const b = this.getBoundingClientRect();
        const apart = b.left > a.right + 3 || a.left > b.right + 3 || b.top >= a.bottom || a.top >= b.bottom;
        return apart ? null : "none";
      });
    }

    return { draw };
  }

  root.bcePointLoss = { create };
})(typeof self !== "undefined" ? self : this);
