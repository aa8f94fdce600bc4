/*
 * The language switch of a page in more than one language (make course LANGS=en,zh): each
 * language's part of the page (its player, chapters, transcript, clips, deck) is a .language block;
 * the switch shows one, carries the place in the story over to the other cut (the same chapter, the
 * same share of it: the narrated cuts are timed by their own speech), with its playing, sound and
 * subtitle state, and gives the lab the language's words. The choice stays in the address
 * (#lang=zh), beside the lab's points (#lang=zh&points=...); lang= edited there switches too.
 */
(function (root) {
  "use strict";

  /**
   * Where time in one cut is in another: the same chapter, the same share of it.
   * from, to: each cut's chapters as [{start, seconds}], in order.
   */
  function storyTime(from, to, time) {
    let index = 0;
    while (index + 1 < from.length && from[index + 1].start <= time) index++;
    const chapter = from[index], other = to[index];
    const share = chapter.seconds > 0 ? Math.min(1, Math.max(0, (time - chapter.start) / chapter.seconds)) : 0;
    return other.start + share * other.seconds;
  }

  function chaptersOf(block) {
    return [...block.querySelectorAll(".chapters li")].map((item) => ({
      start: Number(item.dataset.start),
      seconds: Number(item.dataset.seconds),
    }));
  }

  /** Seek video to time, now or once it knows its length. */
  function seek(video, time) {
    if (video.readyState >= 1) video.currentTime = time;
    else video.addEventListener("loadedmetadata", () => { video.currentTime = time; }, { once: true });
  }

  function showSubtitles(video, language, on) {
    for (const track of video.textTracks) track.mode = on && track.language === language ? "showing" : "disabled";
  }

  function show(language, buttons) {
    const blocks = [...document.querySelectorAll(".language[data-language]")];
    const shown = blocks.find((block) => !block.hidden);
    const wanted = blocks.filter((block) => block.dataset.language === language);
    const button = buttons.find((b) => b.dataset.switch === language);
    if (!button) return; // a language the page has not
    // (lab.html of both languages has no .language blocks, only the lab's words to switch)
    const from = shown && shown.querySelector("video.story");
    const to = wanted.length ? wanted[0].querySelector("video.story") : null;
    if (from && to && from !== to) {
      const playing = !from.paused;
      const subtitles = [...from.textTracks].some((track) => track.mode === "showing");
      from.pause();
      seek(to, storyTime(chaptersOf(shown), chaptersOf(wanted[0]), from.currentTime));
      to.muted = from.muted;
      to.volume = from.volume;
      to.playbackRate = from.playbackRate;
      showSubtitles(to, language, subtitles);
      if (playing) to.play().catch(() => {});
    }
    for (const block of blocks) block.hidden = block.dataset.language !== language;
    for (const button of buttons) button.setAttribute("aria-pressed", String(button.dataset.switch === language));
    document.documentElement.lang = language;
    const title = (wanted.length && wanted[0].dataset.title) || button.dataset.title;
    if (title) document.title = title;
    const lab = root.bceLab && root.bceLab.instance;
    if (lab && lab.languages && lab.languages[language]) lab.setWords(lab.languages[language]);
    history.replaceState(null, "", withLanguage(location.hash, language));
  }

  /** The hash with lang=language, its other key=value pairs (the lab's points=) kept: #lang=zh&points=... */
  function withLanguage(hash, language) {
    const others = hash.replace(/^#/, "").split("&").filter((pair) => pair && !pair.startsWith("lang="));
    return "#" + [`lang=${language}`, ...others].join("&");
  }

  root.bceLanguages = { storyTime, show, withLanguage };
  if (typeof document === "undefined") return;
  document.addEventListener("DOMContentLoaded", () => {
    const buttons = [...document.querySelectorAll("[data-switch]")];
    if (!buttons.length) return;
    for (const button of buttons) button.addEventListener("click", () => show(button.dataset.switch, buttons));
    /** The address's lang=, when it is not the page's language now. */
    const asked = () => {
      const found = /(?:^#|&)lang=(\w+)(?:&|$)/.exec(location.hash);
      return found && found[1] !== document.documentElement.lang ? found[1] : null;
    };
    // After the lab has started (its DOMContentLoaded handler was added first).
    const opening = asked();
    if (opening) setTimeout(() => show(opening, buttons));
    // lang= edited in the address of the open page (show() itself writes it with replaceState: no event).
    addEventListener("hashchange", () => { if (asked()) show(asked(), buttons); });
  });
})(typeof self !== "undefined" ? self : this);
