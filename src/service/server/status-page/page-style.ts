/** The status page's only stylesheet, inlined: no external assets, so the page works offline. */
export const PAGE_STYLE = `
:root { --green: #1a7f37; --yellow: #d4a72c; --orange: #e16f24; --red: #cf222e; --grey: #8c959f; --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem 1.5rem 2rem; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: #1f2328; background: #f6f8fa; }
header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1.5rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 0 0 .25rem; }
code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; background: #eaeef2; padding: 1px 4px; border-radius: 4px; }
a { color: #0969da; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
form { margin: .75rem 0; display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
input[type=search] { font: inherit; padding: .35rem .5rem; width: min(22rem, 100%); border: 1px solid var(--line); border-radius: 6px; }
button { font: inherit; padding: .35rem .75rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
.empty { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 8px; padding: .75rem 1rem; margin: .75rem 0; }
.chips { display: flex; flex-wrap: wrap; gap: .4rem; margin: .5rem 0; padding: 0; list-style: none; align-items: center; }
.chip { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; border: 1px solid transparent; white-space: nowrap; }
.status-ok, .gate-open, .summary-ok { background: #dafbe1; color: var(--green); }
.status-partial, .gate-unknown, .summary-partial, .summary-burning { background: #fff1e5; color: #953800; }
.status-no-data, .status-pending, .status-unsupported, .summary-no-data, .summary-pending, .summary-unsupported { background: #eaeef2; color: var(--muted); border-color: var(--grey); }
.gate-frozen, .summary-spent { background: #ffebe9; color: var(--red); }
table.slos { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
table.slos > thead th { text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; padding: .5rem; border-bottom: 1px solid var(--line); }
tbody.slo > tr > td { padding: .5rem; vertical-align: top; border-top: 1px solid var(--line); }
tbody.slo tr.groups > td { border-top: 0; padding-top: 0; }
td.budget { min-width: 11rem; }
.bar { height: 10px; border-radius: 5px; background: #eaeef2; overflow: hidden; margin: 4px 0 2px; }
.bar .fill { display: block; height: 100%; }
.bar-green .fill { background: var(--green); }
.bar-yellow .fill { background: var(--yellow); }
.bar-orange .fill { background: var(--orange); }
.bar-red { background: #ffcecb; }
.bar-none { background: repeating-linear-gradient(135deg, #eaeef2 0 6px, #d0d7de 6px 12px); }
.bar-red + .budget-text { color: var(--red); font-weight: 600; }
.bar-none + .budget-text { color: var(--muted); font-style: italic; }
table.pairs { border-collapse: collapse; font-size: 12px; }
table.pairs th, table.pairs td { padding: 0 .5rem 0 0; text-align: left; font-weight: normal; white-space: nowrap; }
table.pairs th { color: var(--muted); }
table.pairs tr.over td.rate { color: var(--red); font-weight: 700; }
td.factor { color: var(--muted); }
.stale { font-size: 12px; color: #953800; margin-top: 2px; }
.stale-clusters { display: inline; margin: 0; padding: 0; list-style: none; }
.stale-clusters li { display: inline; }
.stale-clusters li + li::before { content: ", "; }
details summary { cursor: pointer; color: var(--muted); font-size: 12px; }
table.group-table { border-collapse: collapse; margin: .25rem 0 0 1rem; font-size: 13px; }
table.group-table th { text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; padding: 2px .75rem 2px 0; }
table.group-table td { padding: 2px .75rem 2px 0; vertical-align: top; }
td.labels { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; }
.problems { background: #ffebe9; border: 1px solid var(--red); border-radius: 8px; padding: .5rem 1rem; margin: .75rem 0; }
.problems ul { margin: .25rem 0; padding-left: 1.25rem; }
.error { color: var(--red); overflow-wrap: anywhere; }
#catalog-sources { margin-top: 1rem; }
table.sources { border-collapse: collapse; background: #fff; border: 1px solid var(--line); }
table.sources th { text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
table.sources td.count { white-space: nowrap; }
table.sources td { padding: .35rem .5rem; vertical-align: top; border-top: 1px solid var(--line); }
.source-ok { background: #dafbe1; color: var(--green); }
.source-stale { background: #fff1e5; color: #953800; }
.source-failed { background: #ffebe9; color: var(--red); }
.refused { color: var(--red); font-size: 12px; }
#refresh-note { color: #953800; min-height: 1em; }
footer { margin-top: 1rem; color: var(--muted); font-size: 12px; }
`;
