import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';

/** One stylesheet for every page, mobile first: the narrow layout is the default, wider screens add to it. */
const SITE_CSS = `
:root { --ink: #1d1d1f; --muted: #4a4a4f; --brand: #b3261e; --brand-dark: #8c1d17; --accent: #1f6f43; --line: #d5d5da; --soft: #f6f4f1; --focus: #1a56db; }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 1.0625rem; line-height: 1.55; color: var(--ink); background: #fff; }
.wrap { width: 100%; max-width: 60rem; margin: 0 auto; padding: 0 1rem; }
.skip-link { position: absolute; left: -999px; top: 0; background: var(--ink); color: #fff; padding: .75rem 1rem; z-index: 10; }
.skip-link:focus { left: 0; }
a { color: var(--brand-dark); text-underline-offset: .15em; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
main:focus { outline: none; }
.site-header { background: var(--brand); color: #fff; }
.header-row { display: flex; align-items: center; justify-content: space-between; gap: 1rem; min-height: 3.5rem; }
.brand { color: #fff; font-weight: 800; font-size: 1.2rem; text-decoration: none; letter-spacing: .01em; }
.languages { display: flex; gap: .25rem; list-style: none; margin: 0; padding: 0; }
.languages a, .languages span { display: inline-block; min-width: 2.75rem; min-height: 2.75rem; line-height: 2.75rem; text-align: center; color: #fff; border-radius: .4rem; font-weight: 600; }
.languages span { background: rgba(0,0,0,.25); }
.languages a:hover { background: rgba(255,255,255,.15); }
main.wrap { padding-top: 1.5rem; padding-bottom: 3rem; }
h1 { font-size: 1.75rem; line-height: 1.2; margin: .5rem 0 1rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; }
.lead { font-size: 1.15rem; color: var(--muted); }
.site-footer { border-top: 1px solid var(--line); background: var(--soft); color: var(--muted); font-size: .95rem; padding: 1rem 0; }
.card > :first-child { margin-top: 0; }
.card { background: var(--soft); border-radius: .75rem; padding: 1rem; margin: 1rem 0; }
.stats { display: grid; grid-template-columns: repeat(3, 1fr); gap: .75rem; list-style: none; padding: 0; margin: 1rem 0; }
.stats li { background: var(--soft); border-radius: .75rem; padding: .75rem; }
.stats strong { display: block; font-size: 1.5rem; }
.progress-figures { margin: .5rem 0; }
.raised { font-size: 1.6rem; }
progress { width: 100%; height: 1rem; border-radius: .5rem; overflow: hidden; appearance: none; border: 1px solid var(--line); background: #fff; }
progress::-webkit-progress-bar { background: #fff; }
progress::-webkit-progress-value { background: var(--accent); }
progress::-moz-progress-bar { background: var(--accent); }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1.25rem 0; }
.button, button { display: inline-flex; align-items: center; justify-content: center; min-height: 2.9rem; padding: .6rem 1.25rem; font: inherit; font-weight: 700; border-radius: .6rem; border: 2px solid var(--brand); background: #fff; color: var(--brand-dark); text-decoration: none; cursor: pointer; }
.button.primary, button.primary { background: var(--brand); color: #fff; }
.button.primary:hover, button.primary:hover { background: var(--brand-dark); }
.banner { background: #fff4d6; border: 1px solid #c9971c; padding: .75rem 1rem; border-radius: .5rem; }
.notice { background: #e6f4ea; border: 1px solid var(--accent); padding: .75rem 1rem; border-radius: .5rem; }
.error-summary { background: #fdecea; border: 2px solid var(--brand); padding: .75rem 1rem; border-radius: .5rem; }
.amount { font-size: 2rem; font-weight: 800; margin: 1rem 0; }
.story { white-space: pre-line; }
form .field { margin: 0 0 1.1rem; }
label, legend { display: block; font-weight: 650; margin-bottom: .3rem; }
fieldset { border: 1px solid var(--line); border-radius: .6rem; padding: .75rem 1rem; margin: 0 0 1.1rem; }
input[type=text], input[type=email], input[type=number], input[type=password], input[type=date], input[type=search], select, textarea { width: 100%; font: inherit; padding: .6rem .7rem; border: 2px solid #767676; border-radius: .45rem; background: #fff; color: var(--ink); }
textarea { min-height: 7rem; }
.card form + form, .card form + details, .card details + form { margin-top: 1.25rem; padding-top: 1rem; border-top: 1px solid var(--line); }
.choices { display: flex; flex-wrap: wrap; gap: .5rem; }
.choice { display: inline-flex; align-items: center; gap: .4rem; font-weight: 500; min-height: 2.75rem; padding: .25rem .75rem; border: 1px solid var(--line); border-radius: .5rem; background: #fff; }
.choice input { width: 1.2rem; height: 1.2rem; margin: 0; flex: none; }
.amount-choice .field { margin: 1rem 0 0; }
.hint { color: var(--muted); font-size: .95rem; margin: .2rem 0; }
.field-error { color: var(--brand-dark); font-weight: 650; margin: .3rem 0 0; }
[aria-invalid=true] { border-color: var(--brand) !important; }
.wall { list-style: none; padding: 0; margin: 0; display: grid; gap: .75rem; }
.wall li { border: 1px solid var(--line); border-radius: .6rem; padding: .75rem 1rem; }
.wall .who { font-weight: 700; }
.wall .gift { float: right; font-weight: 700; color: var(--accent); }
.wall q { display: block; margin-top: .25rem; color: var(--muted); quotes: none; }
.walkers { list-style: none; padding: 0; display: grid; gap: .6rem; }
.walkers li { border: 1px solid var(--line); border-radius: .6rem; padding: .6rem .9rem; }
.walkers .raised { font-size: 1.1rem; }
.walkers progress { height: .6rem; }
.share-link { width: 100%; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (min-width: 48rem) {
  h1 { font-size: 2.4rem; }
  .stats { grid-template-columns: repeat(3, 1fr); }
  .columns { display: grid; grid-template-columns: 3fr 2fr; gap: 2rem; align-items: start; }
  .narrow { max-width: 36rem; }
}
.mail-text { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--soft); padding: 1rem; }
`;

/** Niceties only: every page works without it. "Copy the link" on share boxes. */
const SITE_JS = `
document.addEventListener('click', function (event) {
  var button = event.target.closest && event.target.closest('[data-copy]');
  if (!button) return;
  var input = document.getElementById(button.getAttribute('data-copy'));
  if (!input || !navigator.clipboard) return;
  navigator.clipboard.writeText(input.value).then(function () {
    button.textContent = button.getAttribute('data-copied') || button.textContent;
  });
});
document.querySelectorAll('[data-copy]').forEach(function (button) { button.hidden = !navigator.clipboard; });
`;

const ASSETS: Record<string, { type: string; body: string }> = {
  'site.css': { type: 'text/css; charset=utf-8', body: SITE_CSS },
  'site.js': { type: 'text/javascript; charset=utf-8', body: SITE_JS },
};

/** Other helpers add their page scripts here (for example the leaderboard screen's live updates). */
export function registerAsset(name: string, type: 'css' | 'js', body: string): void {
  ASSETS[name] = { type: type === 'css' ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8', body };
}

@Controller('assets')
export class AssetsController {
  @Get(':name')
  @Header('Cache-Control', 'public, max-age=300')
  asset(@Param('name') name: string, @Res() response: Response) {
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw new NotFoundException(`no asset ${name}`);
    response.type(asset.type).send(asset.body);
  }
}
