/**
 * The status page's inline script (progressive enhancement: without it the filter is a GET form and a
 * <noscript> meta refresh reloads the page; submitting the form applies the status, team, service and sort
 * filters on the server). With it: filtering as you type, and a refresh that fetches
 * this same page and swaps its live parts in place, keeping the filter and the open group lists.
 * Plain ES2017 so every browser an operator has runs it as written.
 */
export const PAGE_SCRIPT = `(function () {
  'use strict';
  var input = document.getElementById('filter');
    var note = document.getElementById('refresh-note');
  function apply() {
    var terms = input.value.trim().toLowerCase().split(/\\s+/).filter(Boolean);
    var rows = document.querySelectorAll('tbody.slo');
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-search') || '';
      var match = terms.every(function (t) { return text.indexOf(t) !== -1; });
      row.hidden = !match;
      if (match) shown++;
    });
    var total = Number(document.getElementById('shown').getAttribute('data-total'));
    document.getElementById('shown').textContent = terms.length || rows.length < total ? 'showing ' + shown + ' of ' + total : '';
    var url = new URL(location.href);
    if (terms.length) url.searchParams.set('q', input.value.trim()); else url.searchParams.delete('q');
    history.replaceState(null, '', url);
  }
  input.addEventListener('input', apply);
  function refresh() {
    if (document.hidden) return;
    fetch(location.href, { headers: { accept: 'text/html' }, cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.text();
      })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, 'text/html');
        var open = Array.prototype.map.call(document.querySelectorAll('details[open]'), function (d) { return d.getAttribute('data-slo'); });
        ['evaluation', 'live'].forEach(function (id) {
          var next = doc.getElementById(id);
          var now = document.getElementById(id);
          if (!next || !now) throw new Error('unexpected page');
          now.replaceWith(next);
        });
        open.forEach(function (id) {
          var d = document.querySelector('details[data-slo="' + CSS.escape(id) + '"]');
          if (d) d.open = true;
        });
        apply();
        note.textContent = '';
      })
      .catch(function (error) {
        note.textContent = 'refresh failed (' + error.message + ') at ' + new Date().toLocaleTimeString() + '; showing the previous data';
      });
  }
  var seconds = Number(document.body.getAttribute('data-refresh'));
  if (seconds > 0) setInterval(refresh, seconds * 1000);
})();
`;
