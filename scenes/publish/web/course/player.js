/*
 * The course page's player: the chapter list seeks to a chapter and shows the one playing; the
 * transcript highlights the line being spoken and seeks to a line when it is clicked.
 */
(function () {
  "use strict";

  /** The item of list whose [data-start, next start) holds time (lines: [data-start, data-end)). */
  function current(items, time) {
    let found = null;
    for (const item of items) {
      const start = Number(item.dataset.start);
      const end = item.dataset.end === undefined ? Infinity : Number(item.dataset.end);
      if (start <= time + 1e-3 && time < end) found = item;
    }
    return found;
  }

  function follow(video, items, keepInView) {
    let shown = null;
    const mark = () => {
      const now = current(items, video.currentTime);
      if (now === shown) return;
      if (shown) shown.removeAttribute("aria-current");
      if (now) {
        now.setAttribute("aria-current", "true");
        if (keepInView) {
          const list = now.closest(".transcript, .chapters");
          list.scrollTop = now.offsetTop - list.offsetTop - list.clientHeight / 3;
        }
      }
      shown = now;
    };
    video.addEventListener("timeupdate", mark);
    video.addEventListener("seeked", mark);
    for (const item of items) {
      item.querySelector("button").addEventListener("click", () => {
        video.currentTime = Number(item.dataset.start);
      });
    }
    mark();
  }

  document.addEventListener("DOMContentLoaded", () => {
    // A player per language on a page of more than one (scenes/publish/web/course/languages.js).
    for (const video of document.querySelectorAll("video.story")) {
      const watch = video.closest(".watch");
      follow(video, [...watch.querySelectorAll(".chapters li")], false);
      follow(video, [...watch.querySelectorAll(".transcript li")], true);
    }
  });
})();
