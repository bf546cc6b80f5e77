/**
 * The SLO page's stylesheet, served as a file from /assets (style-src 'self'): the page carries no
 * inline style at all. uPlot's own stylesheet is served next to it.
 */
export const SLO_PAGE_STYLE = `
:root { --line: #d0d7de; --muted: #57606a; --red: #cf222e; --green: #1a7f37; }
* { box-sizing: border-box; }
body { margin: 0; padding: 1rem 1.5rem 2rem; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: #1f2328; background: #f6f8fa; }
h1 { font-size: 1.4rem; margin: .25rem 0; }
h2 { font-size: 1.1rem; margin: 1.25rem 0 .35rem; }
a { color: #0969da; }
a:focus-visible, button:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; background: #eaeef2; padding: 1px 4px; border-radius: 4px; }
.muted { color: var(--muted); }
.small { font-size: 12px; }
nav.crumbs { font-size: 13px; }
form.range { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: .75rem 0; }
select, button { font: inherit; padding: .3rem .6rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr)); gap: .5rem 1rem; margin: .5rem 0; }
dl.facts div { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .4rem .6rem; }
dl.facts dt { font-size: 12px; color: var(--muted); }
dl.facts dd { margin: 0; font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 34rem), 1fr)); gap: 1rem; }
figure.chart { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: .5rem .75rem; }
figure.chart figcaption { font-weight: 600; }
.plot { min-height: 240px; }
.chart-summary { font-size: 13px; margin: .25rem 0; }
table.data { border-collapse: collapse; background: #fff; border: 1px solid var(--line); font-size: 13px; }
table.data th { text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; padding: .3rem .6rem; border-bottom: 1px solid var(--line); }
table.data td { padding: .3rem .6rem; border-top: 1px solid var(--line); vertical-align: top; }
table.data td.num { text-align: right; font-variant-numeric: tabular-nums; }
details.points { margin-top: .35rem; }
details.points table { max-height: 20rem; display: block; overflow: auto; }
summary { cursor: pointer; color: var(--muted); font-size: 13px; }
.over { color: var(--red); font-weight: 700; }
.within { color: var(--green); }
ul.links { padding-left: 1.25rem; }
footer { margin-top: 1.5rem; color: var(--muted); font-size: 12px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
