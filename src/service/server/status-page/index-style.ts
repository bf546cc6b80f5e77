/** Styles of the index's filter controls and budget trends, beside the page's base stylesheet. */
export const INDEX_STYLE = `
form#filter-form { display: block; }
.controls { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; }
select { font: inherit; padding: .3rem .4rem; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
fieldset#status-filter { border: 0; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
fieldset#status-filter legend { float: left; margin-right: .5rem; color: var(--muted); }
:focus-visible { outline: 2px solid #0969da; outline-offset: 2px; }
.trend-none { display: block; }
svg.trend { display: block; margin-top: 2px; color: #57606a; border-bottom: 1px dotted var(--grey); }
svg.trend path { fill: none; stroke: currentColor; stroke-width: 1.5; stroke-linejoin: round; stroke-linecap: round; }
`;
