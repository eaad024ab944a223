/** The finance desk's additions to the site's stylesheet: a menu, wide tables that scroll on a phone, the chart. */
export const FINANCE_CSS = `
.finance-menu { background: var(--soft); border-bottom: 1px solid var(--line); }
.finance-menu .wrap { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem; padding-top: .25rem; padding-bottom: .25rem; }
.finance-menu ul { display: flex; flex-wrap: wrap; gap: 0 .75rem; list-style: none; margin: 0; padding: 0; flex: 1 1 0%; min-width: 12rem; }
.finance-menu form { flex: none; }
.finance-menu a { display: inline-block; min-height: 2.75rem; line-height: 2.75rem; font-weight: 600; }
.finance-menu a[aria-current=page] { color: var(--ink); text-decoration-thickness: 3px; }
.finance-menu button { min-height: 2.75rem; padding: .3rem 1rem; }
body.finance-desk .wrap { max-width: 72rem; }
main.finance h1, main.finance h2 { overflow-wrap: anywhere; }
.inline-form { display: flex; flex-wrap: wrap; align-items: flex-start; gap: .75rem 1rem; }
.inline-form .field { flex: 1 1 12rem; margin: 0; }
.inline-form button { margin-top: 1.9rem; }
.table-box { overflow-x: auto; margin: .5rem 0 1.5rem; position: relative; }
.table-box:focus-visible { outline: 3px solid var(--focus); }
table.figures { border-collapse: collapse; width: 100%; font-size: .95rem; }
table.figures th, table.figures td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
table.figures td:nth-last-child(-n+3), table.figures tfoot td { font-variant-numeric: tabular-nums; white-space: nowrap; }
table.figures tfoot th, table.figures tfoot td { font-weight: 800; border-top: 2px solid var(--ink); }
.filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; list-style: none; padding: 0; }
.filters a { display: inline-block; min-height: 2.75rem; line-height: 2.75rem; }
.filters a[aria-current=page] { font-weight: 800; color: var(--ink); }
.bank-lines { list-style: none; padding: 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0; overflow-wrap: anywhere; }
.facts dt { font-weight: 650; }
.facts dd { margin: 0; }
details summary { cursor: pointer; font-weight: 700; min-height: 2.75rem; line-height: 2.75rem; }
.downloads a { display: inline-block; min-height: 2.75rem; line-height: 2.75rem; }
.finance-stats li span { display: block; color: var(--muted); }
.chart { margin: 1rem 0; }
.bar-chart { width: 100%; max-width: 48rem; height: auto; display: block; }
.bar-chart .bar { fill: var(--accent); }
.bar-chart .axis { stroke: var(--muted); stroke-width: 1; }
.bar-chart text { fill: var(--ink); font-size: 13px; font-family: system-ui, sans-serif; }
@media (max-width: 40rem) { .finance-menu ul { flex-basis: 100%; } .bar-chart text.value { display: none; } .bar-chart text.label { font-size: 22px; } .finance-stats { grid-template-columns: 1fr; } }
`;
