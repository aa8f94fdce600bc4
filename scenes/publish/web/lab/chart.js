/*
 * The lab's picture, drawn with d3 (scales, axes, selections): the story's chart for the points
 * in the lab. Above: the points on x in their rows (green circle y = 1, red square y = 0), the
 * fitted curve P(green), and each point's bar of the probability of its true class (green bars
 * stand on 0 up to the curve, red ones hang from 1 down to it). Below: each point's loss -ln p in
 * its class colour, and their mean, the BCE. Beside: the ladder (coin flip, class rate H(q), this fit).
 * It computes nothing: every number comes from bceModel.story.
 */
(function (root) {
  "use strict";
  const d3 = root.d3;
  const WIDTH = 960, TOP = 24, PROB_BOTTOM = 300, LOSS_TOP = 350, LOSS_BOTTOM = 560, LEFT = 80, RIGHT = 700;
  const LADDER_LEFT = 770, LADDER_RIGHT = 940, CURVE_SAMPLES = 160, POINT_RADIUS = 8;

  function niceLossTop(story) {
    return Math.max(1, Math.ceil(Math.max(...story.losses, Math.LN2) * 1.1 * 2) / 2);
  }

  /** Make the chart's groups once inside svg; returns draw(state, story). */
  function create(svg, options) {
    const { domain, words, fmt } = options;
    const root = d3.select(svg).attr("viewBox", `0 0 ${WIDTH} 600`)
      .attr("preserveAspectRatio", "xMinYMin meet"); // kept at the left, above the buttons, when the screen is short
    const x = d3.scaleLinear().domain(domain).range([LEFT + 20, RIGHT - 20]);
    const prob = d3.scaleLinear().domain([0, 1]).range([PROB_BOTTOM, TOP]);
    const loss = d3.scaleLinear().range([LOSS_BOTTOM, LOSS_TOP]);
    const layer = (name) => root.append("g").attr("class", name);
    const axes = {
      x: layer("axis x-axis").attr("transform", `translate(0,${LOSS_BOTTOM})`),
      prob: layer("axis prob-axis").attr("transform", `translate(${LEFT},0)`),
      loss: layer("axis loss-axis").attr("transform", `translate(${LEFT},0)`),
      ladder: layer("axis ladder-axis").attr("transform", `translate(${LADDER_LEFT},0)`),
    };
    root.append("text").attr("class", "axis-title").attr("transform", `translate(22,${(TOP + PROB_BOTTOM) / 2}) rotate(-90)`).attr("data-word", "prob_axis").text(words.prob_axis);
    root.append("text").attr("class", "axis-title").attr("transform", `translate(22,${(LOSS_TOP + LOSS_BOTTOM) / 2}) rotate(-90)`).attr("data-word", "loss_axis").text(words.loss_axis);
    root.append("text").attr("class", "axis-title").attr("x", RIGHT - 10).attr("y", LOSS_BOTTOM + 40).text("x");
    root.append("text").attr("class", "axis-title").attr("x", LADDER_LEFT - 50).attr("y", TOP - 6).attr("data-word", "ladder").text(words.ladder);
    const bars = layer("prob-bars"), lossBars = layer("loss-bars"), mean = layer("mean");
    const curve = root.append("path").attr("class", "curve");
    const ladder = layer("ladder"), points = layer("points");

    function draw(state, story) {
      const lossTop = niceLossTop(story);
      loss.domain([0, lossTop]);
      axes.x.call(d3.axisBottom(x).ticks(8));
      axes.prob.call(d3.axisLeft(prob).ticks(2));
      axes.loss.call(d3.axisLeft(loss).ticks(4));
      const ladderScale = d3.scaleLinear().domain([0, Math.max(Math.LN2, story.meanLoss) * 1.15]).range([PROB_BOTTOM, TOP + 10]);
      axes.ladder.call(d3.axisLeft(ladderScale).ticks(4));

      const spacing = Math.min(...state.points.map((p, i) => Math.min(...state.points.map((q, j) => (i === j ? Infinity : Math.abs(x(p.x) - x(q.x)))))));
      const barWidth = Math.max(3, Math.min(22, 0.7 * spacing));
      const [start, end] = x.domain();
      const samples = d3.range(CURVE_SAMPLES + 1).map((k) => {
        const at = start + (k / CURVE_SAMPLES) * (end - start);
        return `${x(at).toFixed(2)},${prob(root_sigmoid(story.w * at + story.b)).toFixed(2)}`;
      });
      curve.attr("d", `M${samples.join("L")}`);

      bars.selectAll("rect").data(state.points, (p) => p.id).join("rect")
        .attr("class", (p) => `bar ${p.y === 1 ? "green" : "red"}`)
        .attr("x", (p) => x(p.x) - barWidth / 2).attr("width", barWidth)
        .attr("y", (p, i) => (p.y === 1 ? prob(story.probGreen[i]) : prob(1)))
        .attr("height", (p, i) => Math.abs(prob(0) - prob(story.probTrueClass[i])));
      lossBars.selectAll("rect").data(state.points, (p) => p.id).join("rect")
        .attr("class", (p) => `bar ${p.y === 1 ? "green" : "red"}`)
        .attr("x", (p) => x(p.x) - barWidth / 2).attr("width", barWidth)
        .attr("y", (p, i) => loss(Math.min(story.losses[i], lossTop)))
        .attr("height", (p, i) => LOSS_BOTTOM - loss(Math.min(story.losses[i], lossTop)));
      mean.selectAll("line").data([story.meanLoss]).join("line").attr("class", "mean-line")
        .attr("x1", LEFT).attr("x2", RIGHT).attr("y1", (m) => loss(m)).attr("y2", (m) => loss(m));
      mean.selectAll("text").data([story.meanLoss]).join("text").attr("class", "mean-value")
        .attr("x", RIGHT + 6).attr("y", (m) => loss(m) + 5).text((m) => fmt(m));

      const rungs = [
        { key: "coin", name: words.ladder_coin, value: story.ladder.coin },
        { key: "rate", name: words.ladder_rate, value: story.ladder.rate },
        { key: "fit", name: words.ladder_fit, value: story.ladder.fit },
      ];
      const rung = ladder.selectAll("g").data(rungs, (r) => r.key).join((enter) => {
        const g = enter.append("g").attr("class", (r) => `rung ${r.key}`);
        g.append("line"); g.append("text").attr("class", "rung-name"); g.append("text").attr("class", "rung-value");
        return g;
      });
      const labelY = spreadLabels(rungs.map((r) => ladderScale(r.value)), 40);
      rung.select("line").attr("x1", LADDER_LEFT).attr("x2", LADDER_LEFT + 40).attr("y1", (r) => ladderScale(r.value)).attr("y2", (r) => ladderScale(r.value));
      rung.select(".rung-name").attr("x", LADDER_LEFT + 48).attr("y", (r, i) => labelY[i] - 2).text((r) => r.name);
      rung.select(".rung-value").attr("x", LADDER_LEFT + 48).attr("y", (r, i) => labelY[i] + 15).text((r) => fmt(r.value));

      points.selectAll("g.point").data(state.points, (p) => p.id).join((enter) => {
        const g = enter.append("g").attr("class", "point").attr("tabindex", 0).attr("role", "button");
        g.append("circle").attr("r", POINT_RADIUS * 1.15);
        g.append("rect").attr("width", POINT_RADIUS * 1.9).attr("height", POINT_RADIUS * 1.9)
          .attr("x", -POINT_RADIUS * 0.95).attr("y", -POINT_RADIUS * 0.95);
        return g;
      })
        .attr("class", (p) => `point ${p.y === 1 ? "green" : "red"}${p.id === state.selected ? " selected" : ""}`)
        .attr("transform", (p) => `translate(${x(p.x)},${prob(p.y)})`)
        .attr("aria-label", (p) => (p.y === 1 ? words.point_green : words.point_red).replace("{x}", String(p.x)));
      return points.selectAll("g.point");
    }

    return { draw, x, prob };
  }

  /** Label heights at least `gap` apart, each as near its rung as that allows. */
  function spreadLabels(heights, gap) {
    const order = heights.map((h, i) => i).sort((a, b) => heights[a] - heights[b]);
    const placed = heights.slice();
    for (let k = 1; k < order.length; k++) {
      placed[order[k]] = Math.max(placed[order[k]], placed[order[k - 1]] + gap);
    }
    return placed;
  }

  function root_sigmoid(z) {
    return root.bceModel.sigmoid(z);
  }

  root.bceChart = { create };
})(typeof self !== "undefined" ? self : this);
