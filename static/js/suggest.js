/* Suggestions for the record boxes of the filter forms.
 *
 * A box marked `data-suggest` names its <datalist> in `list`; as the visitor
 * types, the list is filled with the published records whose name or slug
 * contains the text (at most ten, from the box's suggestion URL). Picking one
 * puts its slug in the box. Without this script the box still takes a slug or
 * an exact name.
 */
(function () {
  "use strict";

  var DELAY_MS = 150;

  function fill(list, results) {
    var options = document.createDocumentFragment();
    results.forEach(function (record) {
      var option = document.createElement("option");
      option.value = record.slug;
      option.textContent = record.name;
      options.appendChild(option);
    });
    list.replaceChildren(options);
  }

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-suggest");
    var timer = null;
    var asked = null;
    var pending = null;
    if (!list || !url) {
      return;
    }

    function update() {
      var text = input.value.trim();
      if (text === asked) {
        return;
      }
      asked = text;
      if (pending) {
        pending.abort();
      }
      if (!text) {
        fill(list, []);
        return;
      }
      pending = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(text), {
        headers: { Accept: "application/json" },
        signal: pending.signal,
      })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (text === asked) {
            fill(list, data.results || []);
          }
        })
        .catch(function () {
          /* Aborted or offline: the box still takes a slug or a name. */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, DELAY_MS);
    });
  }

  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
