/*
 * The lab's points as text: reading a CSV (or the page's address) with the same rules and one-line
 * messages as `bce_math check`. (To be written.)
 */
(function (root) {
  "use strict";
  root.bcePoints = {};
})(typeof self !== "undefined" ? self : this);
