/*
 * The lab's points as text: a CSV file the learner loads, and the page's address (#points=...).
 *
 * A CSV is read with exactly the rules and the one-line messages of `python -m bce_math check`
 * (bce_math/dataset.py: load_dataset), so a file the page refuses is one the video refuses, with
 * the same words: "name:line: problem". tests/publish/test_lab_points.py holds the two together.
 * Each error also names its rule (a key of RULES) and the values its words quote, so the lab can
 * say it in the page's language (its words `check_<rule>`, the same placeholders).
 *
 * The address holds the points as `points=x1,y1;x2,y2;...` among other `key=value` pairs joined by
 * `&` (the course page keeps its language there too: #lang=zh&points=...), so a teacher can share a
 * link to a setup.
 *
 * A classic script (pages opened from file:// cannot load modules); in Node a CommonJS module.
 */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.bcePoints = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // bce_math.dataset's limits.
  const MIN_POINTS = 2, MAX_POINTS = 40, MAX_ABS_X = 1e15, MAX_ABS_X_TEXT = "1e15";
  // Lines end as in Python's universal newlines (\r\n, \r or \n): line numbers match the checker's.
  const LINE_BREAK = /\r\n|\r|\n/;
  // What the checker reads as a number: ASCII digits, optional sign, fraction and exponent.
  const NUMBER = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
  const NOT_FINITE = /^[+-]?(?:nan|inf|infinity)$/i;
  // The characters Python's str.strip() removes (str.isspace), which differ from JS's trim().
  const PY_SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "g");
  // What Python's repr() escapes: characters str.isprintable() refuses (space excepted).
  const NOT_PRINTABLE = /[\p{C}\p{Zl}\p{Zp}\p{Zs}]/u;

  // The checker's words for each rule, {placeholders} filled from a PointsError's values.
  const RULES = {
    x_finite: "x must be finite, got {got}",
    x_number: "x must be a number, got {got}",
    x_range: "x must be between -{max} and {max}, got {got}",
    y_label: "y must be 0 or 1, got {got}",
    too_few: "need at least {min} points, found {found}",
    one_class: "both classes needed, every y is {only} (add a point with y={other})",
    not_utf8: "not UTF-8 text (save the file as UTF-8)",
    header: "header must be 'x,y', got {got}",
    no_header: "no header: the first line must be 'x,y'",
    fields: "expected 2 values 'x,y', got {count}",
    too_many: "too many points: at most {max} keep the video legible",
  };

  /** template with each {key} replaced by values[key] (what is filled in is not read again). */
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
  }

  /** A broken rule (a key of RULES) and the values its words quote, before the line is known. */
  const broken = (rule, values = {}) => ({ rule, values });

  /**
   * A broken rule: line (0: the file as a whole), the problem in the checker's words, and the rule
   * and values those words are filled from (for the same words in another language).
   */
  class PointsError extends Error {
    constructor(name, line, rule, values = {}) {
      const problem = fill(RULES[rule], values);
      super(`${name}:${line}: ${problem}`);
      this.file = name;
      this.line = line;
      this.problem = problem;
      this.rule = rule;
      this.values = values;
    }
  }

  function strip(text) {
    return text.replace(PY_STRIP, "");
  }

  /** Python's repr() of a str, as the checker's messages quote what they got. */
  function pyRepr(text) {
    const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
    let out = "";
    for (const char of text) {
      const code = char.codePointAt(0);
      if (char === "\\" || char === quote) out += "\\" + char;
      else if (char === "\n") out += "\\n";
      else if (char === "\r") out += "\\r";
      else if (char === "\t") out += "\\t";
      else if (char !== " " && NOT_PRINTABLE.test(char)) out += escape(code);
      else out += char;
    }
    return quote + out + quote;
  }

  function escape(code) {
    if (code < 0x100) return "\\x" + code.toString(16).padStart(2, "0");
    if (code < 0x10000) return "\\u" + code.toString(16).padStart(4, "0");
    return "\\U" + code.toString(16).padStart(8, "0");
  }

  /** x from text, or the checker's broken rule thrown. */
  function parseX(text) {
    if (NOT_FINITE.test(text)) throw broken("x_finite", { got: pyRepr(text) });
    if (!NUMBER.test(text)) throw broken("x_number", { got: pyRepr(text) });
    const value = Number(text);
    if (!(Math.abs(value) <= MAX_ABS_X)) { // 1e999 reads as Infinity
      throw broken("x_range", { max: MAX_ABS_X_TEXT, got: pyRepr(text) });
    }
    return value;
  }

  function parseY(text) {
    if (text !== "0" && text !== "1") throw broken("y_label", { got: pyRepr(text) });
    return Number(text);
  }

  /** The broken rule of the whole set (too few, one class), or null. */
  function setProblem(ys) {
    if (ys.length < MIN_POINTS) return broken("too_few", { min: MIN_POINTS, found: ys.length });
    if (new Set(ys).size < 2) return broken("one_class", { only: ys[0], other: 1 - ys[0] });
    return null;
  }

  /**
   * Where UTF-8 bytes first go wrong (the start of the bad sequence, as Python's
   * UnicodeDecodeError.start), or -1 when they are all good.
   */
  function firstBadByte(bytes) {
    let i = 0;
    while (i < bytes.length) {
      const lead = bytes[i];
      let length, low = 0x80, high = 0xbf;
      if (lead < 0x80) { i++; continue; }
      if (lead >= 0xc2 && lead <= 0xdf) length = 2;
      else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        if (lead === 0xe0) low = 0xa0;
        if (lead === 0xed) high = 0x9f; // no surrogates
      } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        if (lead === 0xf0) low = 0x90;
        if (lead === 0xf4) high = 0x8f; // nothing past U+10FFFF
      } else return i;
      for (let k = 1; k < length; k++) {
        const byte = bytes[i + k];
        const [from, to] = k === 1 ? [low, high] : [0x80, 0xbf];
        if (byte === undefined || byte < from || byte > to) return i;
      }
      i += length;
    }
    return -1;
  }

  /** Text of a file's bytes (UTF-8, a BOM dropped), or the checker's "not UTF-8" error. */
  function decode(bytes, name) {
    const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const body = bom ? bytes.subarray(3) : bytes;
    const bad = firstBadByte(body);
    if (bad >= 0) {
      const before = new TextDecoder("latin1").decode(body.subarray(0, bad)); // one char per byte
      const line = before.split(LINE_BREAK).length;
      throw new PointsError(name, line, "not_utf8");
    }
    return new TextDecoder("utf-8", { ignoreBOM: true }).decode(body);
  }

  /**
   * The points [[x, y], ...] of a CSV's text (or bytes), by load_dataset's rules: header x,y;
   * `#` comments and blank lines skipped; the first rule broken throws a PointsError.
   */
  function parseCsv(content, name) {
    const text = typeof content === "string" ? content.replace(/^\ufeff/, "") : decode(content, name);
    const points = [];
    let headerLine = 0, lastLine = 0;
    const lines = text.split(LINE_BREAK);
    for (let index = 0; index < lines.length; index++) {
      const number = index + 1;
      const content = strip(lines[index].split("#", 1)[0]);
      if (!content) continue;
      lastLine = number;
      const fields = content.split(",").map(strip);
      if (!headerLine) {
        if (fields.length !== 2 || fields[0].toLowerCase() !== "x" || fields[1].toLowerCase() !== "y") {
          throw new PointsError(name, number, "header", { got: pyRepr(content) });
        }
        headerLine = number;
        continue;
      }
      addPoint(points, fields, name, number);
    }
    if (!headerLine) throw new PointsError(name, 1, "no_header");
    const problem = setProblem(points.map(([, y]) => y));
    if (problem) throw new PointsError(name, lastLine, problem.rule, problem.values);
    return points;
  }

  /** One more point from its two fields (a CSV line, a link's x,y), by the rules; a PointsError naming where. */
  function addPoint(points, fields, name, number) {
    if (fields.length !== 2) throw new PointsError(name, number, "fields", { count: fields.length });
    if (points.length === MAX_POINTS) throw new PointsError(name, number, "too_many", { max: MAX_POINTS });
    try {
      points.push([parseX(fields[0]), parseY(fields[1])]);
    } catch (problem) {
      if (!problem || !problem.rule) throw problem;
      throw new PointsError(name, number, problem.rule, problem.values);
    }
  }

  /** The `key=value` pairs of an address's hash (#a=1&b=2), in order; values decoded. */
  function hashPairs(hash) {
    return hash.replace(/^#/, "").split("&").filter(Boolean).map((pair) => {
      const at = pair.indexOf("=");
      const key = at < 0 ? pair : pair.slice(0, at), value = at < 0 ? "" : pair.slice(at + 1);
      try {
        return [key, decodeURIComponent(value)];
      } catch (error) {
        return [key, value]; // a stray % is left for the rules to refuse
      }
    });
  }

  /** The hash with key set to value (null: removed), the other pairs kept in their order. */
  function withPair(hash, key, value) {
    const pairs = hashPairs(hash);
    const at = pairs.findIndex(([k]) => k === key);
    if (value === null) { if (at >= 0) pairs.splice(at, 1); }
    else if (at >= 0) pairs[at][1] = value;
    else pairs.push([key, value]);
    // `,` and `;` stay readable in a link; anything else unusual is escaped.
    const text = pairs.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/gi, ",").replace(/%3B/gi, ";")}`);
    return text.length ? "#" + text.join("&") : "";
  }

  /** The address's form of points: x1,y1;x2,y2;... */
  function toAddress(points) {
    return points.map(([x, y]) => `${x},${y}`).join(";");
  }

  /**
   * The points of an address's `points=` value, by the CSV's rules (a point is `x,y`; the rules'
   * words). Throws a PointsError whose line is the point's number (0: the points as a whole).
   */
  function parseAddress(value, name = "link") {
    const pairs = value.split(";").map(strip).filter(Boolean);
    const points = [];
    for (let index = 0; index < pairs.length; index++) {
      const number = index + 1;
      const fields = pairs[index].split(",").map(strip);
      addPoint(points, fields, name, number);
    }
    const problem = setProblem(points.map(([, y]) => y));
    if (problem) throw new PointsError(name, 0, problem.rule, problem.values); // line 0: the link as a whole, as the checker's file
    return points;
  }

  return {
    MIN_POINTS, MAX_POINTS, MAX_ABS_X, RULES, PointsError, fill, pyRepr, parseCsv, parseAddress, toAddress, hashPairs, withPair,
  };
});
