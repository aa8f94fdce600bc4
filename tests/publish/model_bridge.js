// The lab's model (scenes/publish/web/lab/model.js) for the Python tests: one JSON request per
// line on stdin, one JSON answer per line on stdout. JSON has no Infinity: "c": null is no penalty.
"use strict";
const readline = require("readline");
const model = require("../../scenes/publish/web/lab/model.js");

const penalty = (c) => (c === null ? Infinity : c === undefined ? model.DEFAULT_C : c);
const ops = {
  story: (r) => model.story(r.xs, r.ys),
  storyAt: (r) => model.storyAt(r.xs, r.ys, r.w, r.b),
  fmt: (r) => r.values.map((value) => model.fmt(value, r.digits)),
  holdRange: (r) => model.holdRange(r.xs, r.ys, r.domain),
  lossMap: (r) => model.lossMap(r.xs, r.ys, r.wRange, penalty(r.c)),
  costAt: (r) => model.costAt(r.xs, r.ys, r.w, r.b, penalty(r.c)),
  fitFrom: (r) => model.fitFrom(r.xs, r.ys, r.start, penalty(r.c)),
  worsened: (r) => model.worsened(r.fitLosses, r.fitProbTrue, r.afterLosses),
  hasFiniteOptimum: (r) => model.hasFiniteOptimum(r.xs, r.ys),
};

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const request = JSON.parse(line);
  process.stdout.write(JSON.stringify(ops[request.op](request)) + "\n");
});
