/*
 * The lab's optimiser mode: the learner holds the model (w and b) and feels the loss. (To be written.)
 */
(function (root) {
  "use strict";
  root.bceOptimiser = {};
})(typeof self !== "undefined" ? self : this);
