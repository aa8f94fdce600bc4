// The lab's points.js (scenes/publish/web/lab/points.js) for the Python tests: one JSON request per
// line on stdin, one JSON answer per line on stdout. A CSV comes as base64 bytes, as a file would.
"use strict";
const readline = require("readline");
const points = require("../../scenes/publish/web/lab/points.js");
const { withLanguage } = require("../../scenes/publish/web/course/languages.js").bceLanguages;

/** The points, or the error's line and problem (what load_dataset's DatasetError holds). */
function attempt(read) {
  try {
    return { points: read() };
  } catch (error) {
    if (!(error instanceof points.PointsError)) throw error;
    return { error: error.message, line: error.line, problem: error.problem };
  }
}

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const request = JSON.parse(line);
  let answer;
  if (request.op === "csv") answer = attempt(() => points.parseCsv(new Uint8Array(Buffer.from(request.bytes, "base64")), request.name));
  else if (request.op === "address") answer = attempt(() => points.parseAddress(request.value));
  else if (request.op === "toAddress") answer = points.toAddress(request.points);
  else if (request.op === "withPair") answer = points.withPair(request.hash, request.key, request.value);
  else if (request.op === "hashPairs") answer = points.hashPairs(request.hash);
  else if (request.op === "withLanguage") answer = withLanguage(request.hash, request.language);
  else if (request.op === "repr") answer = request.values.map(points.pyRepr);
  process.stdout.write(JSON.stringify(answer) + "\n");
});
