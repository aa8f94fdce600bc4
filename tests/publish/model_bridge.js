// The lab's model (scenes/publish/web/lab/model.js) for the Python tests: one JSON request per
// line on stdin, one JSON answer per line on stdout.
"use strict";
const readline = require("readline");
const model = require("../../scenes/publish/web/lab/model.js");

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const request = JSON.parse(line);
  let answer;
  if (request.op === "story") answer = model.story(request.xs, request.ys);
  else if (request.op === "fmt") answer = request.values.map((value) => model.fmt(value, request.digits));
  process.stdout.write(JSON.stringify(answer) + "\n");
});
