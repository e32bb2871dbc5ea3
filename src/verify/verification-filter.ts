/**
 * The status filter of the verification page: a small script, inline so that the page works
 * from file://. Without it the status badges stay inert (disabled buttons), the "all" button and
 * the count line stay hidden, and every entry is shown.
 */

/**
 * The filter script: it enables the buttons of `.vfilter`; the one with `data-status="all"` shows
 * every card, any other only the cards of its status; chapters and figures left without a visible
 * card are hidden, and the live line says how many cards are shown (its `data-template`, "{shown} of {total}").
 */
export const verificationFilterScript = `<script>
(function () {
  var bar = document.querySelector(".vfilter");
  if (!bar) return;
  var buttons = bar.querySelectorAll("button[data-status]");
  var cards = document.querySelectorAll(".vcard");
  var line = bar.querySelector(".vshown");
  function show(status) {
    var shown = 0;
    cards.forEach(function (c) { var on = status === "all" || c.getAttribute("data-status") === status; c.hidden = !on; if (on) shown++; });
    document.querySelectorAll(".vfigure, .vchapter").forEach(function (s) { s.hidden = !s.querySelector(".vcard:not([hidden])"); });
    buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b.getAttribute("data-status") === status)); });
    if (line) line.textContent = line.getAttribute("data-template").replace("{shown}", shown).replace("{total}", cards.length);
  }
  buttons.forEach(function (b) { b.disabled = false; b.hidden = false; b.addEventListener("click", function () { show(b.getAttribute("data-status")); }); });
  if (line) line.hidden = false;
  show("all");
})();
</script>`;
