/**
 * The SLO page's script, served as a file from /assets (script-src 'self', no inline script). It draws
 * the charts with uPlot from the JSON the page embeds, and fills each chart's data table when it is
 * opened (thousands of rows are not worth rendering for every visit). Series differ in dash pattern
 * and legend label, not only in colour. Plain ES2017, no build step.
 */
export const SLO_PAGE_SCRIPT = `(function () {
  'use strict';
  var source = document.getElementById('chart-data');
  if (!source || typeof uPlot !== 'function') return;
  var data = JSON.parse(source.textContent);
  var charts = {};
  function percent(v, digits) { return v === null || v === undefined ? '\\u2013' : (v * 100).toFixed(digits) + '%'; }
  function utc(sec) { return new Date(sec * 1000).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'; }
  function constant(v) { return data.t.map(function () { return v; }); }
  function rate(v) { return v === null || v === undefined ? '\u2013' : (Math.round(v * 100) / 100) + '\u00d7'; }
  var WINDOW_DASHES = [undefined, [10, 4], [2, 3], [12, 3, 3, 3]];
  var WINDOW_COLOURS = ['#8250df', '#0969da', '#bc4c00', '#1a7f37'];
  var specs = {
    budget: { digits: 1, series: [
      { label: 'budget remaining', values: data.remaining, stroke: '#0969da', width: 2 },
      { label: 'spent (0%)', values: constant(0), stroke: '#cf222e', width: 1.5, dash: [8, 5] }
    ] },
    sli: { digits: data.sliDigits, series: [
      { label: 'SLI', values: data.sli, stroke: '#1a7f37', width: 2 },
      { label: 'objective', values: constant(data.objective), stroke: '#953800', width: 1.5, dash: [3, 4] }
    ] }
  };
  // One chart per alert tier: each window its own dash pattern, each pair's threshold a dotted line.
  data.burn.forEach(function (chart) {
    specs['burn-' + chart.tier] = { format: rate, series: chart.windows.map(function (w, i) {
      return { label: w + ' burn rate', values: chart.rates[i], stroke: WINDOW_COLOURS[i % 4], width: 2, dash: WINDOW_DASHES[i % 4] };
    }).concat(chart.thresholds.map(function (t) {
      return { label: 'threshold ' + t.factor + '\u00d7', values: constant(t.factor), stroke: '#cf222e', width: 1, dash: [1, 4] };
    })) };
  });
  function format(spec, v) { return spec.format ? spec.format(v) : percent(v, spec.digits); }
  function draw(name) {
    var el = document.getElementById('plot-' + name);
    var spec = specs[name];
    if (!el || !spec) return;
    var opts = {
      width: Math.max(280, el.clientWidth),
      height: 240,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
      series: [{ label: 'time (UTC)', value: function (u, v) { return v === null ? '\\u2013' : utc(v); } }].concat(spec.series.map(function (s) {
        return { label: s.label, stroke: s.stroke, width: s.width, dash: s.dash, points: { show: false }, value: function (u, v) { return format(spec, v); } };
      })),
      axes: [{}, { size: 72, values: function (u, splits) { return splits.map(function (v) { return format(spec, v); }); } }],
      hooks: { draw: [function () {
        // What the bench and the tests wait for: the first chart on screen.
        if (!window.burnrateFirstChartAt) window.burnrateFirstChartAt = performance.now();
        el.setAttribute('data-drawn', 'true');
      }] }
    };
    charts[name] = new uPlot(opts, [data.t].concat(spec.series.map(function (s) { return s.values; })), el);
  }
  function fill(details) {
    var spec = specs[details.getAttribute('data-chart')];
    var body = details.querySelector('tbody');
    if (!spec || !body || body.childElementCount > 0) return;
    var rows = document.createDocumentFragment();
    data.t.forEach(function (t, i) {
      var tr = document.createElement('tr');
      var cells = [utc(t)].concat(spec.series.map(function (s) { return format(spec, s.values[i]); }), [data.resolution[i]]);
      cells.forEach(function (text, c) {
        var td = document.createElement(c === 0 ? 'th' : 'td');
        if (c === 0) td.setAttribute('scope', 'row');
        else td.className = 'num';
        td.textContent = text;
        tr.appendChild(td);
      });
      rows.appendChild(tr);
    });
    body.appendChild(rows);
  }
  Object.keys(specs).forEach(draw);
  document.querySelectorAll('details.points').forEach(function (details) {
    details.addEventListener('toggle', function () { if (details.open) fill(details); });
  });
  // Charts are drawn at the width of their box; follow it when the window is resized.
  var resizing = 0;
  window.addEventListener('resize', function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      Object.keys(charts).forEach(function (name) {
        var el = document.getElementById('plot-' + name);
        charts[name].setSize({ width: Math.max(280, el.clientWidth), height: 240 });
      });
    }, 150);
  });
  window.burnrateCharts = charts;
})();
`;
