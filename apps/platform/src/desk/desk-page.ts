import { csrfField, layout, type PageContext } from '../pages/layout';
import { euros, html, raw } from '../sandbox/html';
import type { FieldErrors } from './desk-forms';
import { type DeskMessages, deskCatalogues } from './desk-messages';
import type { FoundTeam, FoundWalker, OpenPledge, PendingFee } from '@rw/read-models';

/** A form that was sent back: which one, what was typed, what is wrong. */
export interface FormReply {
  form: string;
  values: Record<string, string>;
  errors: FieldErrors;
}

function fieldError(reply: FormReply | undefined, form: string, field: string, id: string) {
  const message = reply?.form === form ? reply.errors[field] : undefined;
  return message ? raw(html`<p class="field-error" id="${id}-error">${message}</p>`) : '';
}

/** An input with its label and, when the form came back, its value and error (linked with aria-describedby). */
function input(
  reply: FormReply | undefined,
  form: string,
  field: string,
  label: string,
  attributes: { type?: string; value?: string; inputmode?: string; autocomplete?: string } = {},
) {
  const id = `${form}-${field}`;
  const error = reply?.form === form ? reply.errors[field] : undefined;
  const value = reply?.form === form && field !== 'password' ? (reply.values[field] ?? '') : (attributes.value ?? '');
  return raw(html`<div class="field">
<label for="${id}">${label}</label>
<input id="${id}" name="${field}" type="${attributes.type ?? 'text'}" value="${value}"${raw(
    attributes.inputmode ? html` inputmode="${attributes.inputmode}"` : '',
  )}${raw(attributes.autocomplete ? html` autocomplete="${attributes.autocomplete}"` : '')}${raw(
    error ? html` aria-invalid="true" aria-describedby="${id}-error"` : '',
  )}>
${fieldError(reply, form, field, id)}
</div>`);
}

function formError(reply: FormReply | undefined, form: string) {
  const message = reply?.form === form ? reply.errors.form : undefined;
  return message ? raw(html`<p class="error-summary" role="alert">${message}</p>`) : '';
}

/** The desk's words in the page's language. */
const wordsOf = (ctx: PageContext): DeskMessages => deskCatalogues[ctx.lang];

export function deskLoginPage(ctx: PageContext, reply?: FormReply): string {
  const t = wordsOf(ctx);
  return layout(ctx, {
    title: t.loginTitle,
    body: html`<div class="narrow">
<h1>${t.deskTitle}</h1>
<form method="post" action="/desk/login" novalidate>
${csrfField(ctx)}
${formError(reply, 'login')}
${input(reply, 'login', 'email', t.email, { type: 'email', autocomplete: 'username' })}
${input(reply, 'login', 'password', t.password, { type: 'password', autocomplete: 'current-password' })}
<button class="primary" type="submit">${t.logIn}</button>
</form>
</div>`,
  });
}

export interface DeskView {
  query: string;
  found?: { walkers: FoundWalker[]; teams: FoundTeam[] };
  pendingFees: PendingFee[];
  openPledges: OpenPledge[];
  notice?: string;
  reply?: FormReply;
  today: string;
  /** A fresh key per gift form, so a double click records one gift. */
  giftKey: () => string;
}

function giftForm(ctx: PageContext, view: DeskView, type: 'walker' | 'team', id: string, name: string) {
  const t = wordsOf(ctx);
  const form = `gift-${type}-${id}`;
  const reply = view.reply;
  const chosen = reply?.form === form ? reply.values.method : 'cash';
  const key = reply?.form === form && reply.values.giftKey ? reply.values.giftKey : view.giftKey();
  return raw(html`<details${raw(reply?.form === form ? ' open' : '')}>
<summary>${t.offlineGiftFor(name)}</summary>
<form method="post" action="/desk/gifts" novalidate>
${csrfField(ctx)}
<input type="hidden" name="beneficiaryType" value="${type}">
<input type="hidden" name="beneficiaryId" value="${id}">
<input type="hidden" name="giftKey" value="${key}">
<input type="hidden" name="q" value="${view.query}">
${formError(reply, form)}
${input(reply, form, 'amount', t.amountLabel, { inputmode: 'decimal' })}
${input(reply, form, 'donorName', t.donorNameLabel, { autocomplete: 'off' })}
${input(reply, form, 'donorEmail', t.donorEmailLabel, { type: 'email', autocomplete: 'off' })}
<fieldset><legend>${t.receivedAs}</legend><div class="choices">
<label class="choice"><input type="radio" name="method" value="cash"${raw(chosen === 'cash' ? ' checked' : '')}> ${t.cash}</label>
<label class="choice"><input type="radio" name="method" value="bank_transfer"${raw(chosen === 'bank_transfer' ? ' checked' : '')}> ${t.bankTransfer}</label>
</div>${fieldError(reply, form, 'method', `${form}-method`)}</fieldset>
${input(reply, form, 'receivedOn', t.receivedOnLabel, { type: 'date', value: view.today })}
${input(reply, form, 'reference', t.referenceLabel)}
<button class="primary" type="submit">${t.recordGift}</button>
</form>
</details>`);
}

function walkerCard(ctx: PageContext, view: DeskView, walker: FoundWalker) {
  const t = wordsOf(ctx);
  const reply = view.reply;
  const distanceForm = `distance-${walker.id}`;
  const feeForm = `fee-${walker.id}`;
  return raw(html`<li class="card" id="walker-${walker.id}">
<h3>${walker.name}</h3>
<p>${t.teamOf(walker.teamName)} · ${walker.km === null ? t.noDistanceYet : t.km(walker.km)} · ${t.fee(walker.feeStatus)}</p>
<form method="post" action="/desk/walkers/${walker.id}/distance" novalidate>
${csrfField(ctx)}
<input type="hidden" name="q" value="${view.query}">
${formError(reply, distanceForm)}
${input(reply, distanceForm, 'km', t.distanceLabel, { inputmode: 'decimal', value: walker.km === null ? '' : String(walker.km) })}
<button type="submit">${t.recordDistance}</button>
</form>
${raw(
  walker.feeStatus === 'pending_fee'
    ? html`<form method="post" action="/desk/walkers/${walker.id}/fee-waiver" novalidate>
${csrfField(ctx)}
<input type="hidden" name="q" value="${view.query}">
${formError(reply, feeForm)}
${input(reply, feeForm, 'reason', t.waiverReasonLabel, { value: t.waiverReasonDefault })}
<button type="submit">${t.waiveFee}</button>
</form>`
    : '',
)}
${giftForm(ctx, view, 'walker', walker.id, walker.name)}
</li>`);
}

function teamCard(ctx: PageContext, view: DeskView, team: FoundTeam) {
  const t = wordsOf(ctx);
  return raw(html`<li class="card" id="team-${team.id}">
<h3>${t.teamOf(team.name)}</h3>
<p>${t.walkerCount(team.walkers)}</p>
${giftForm(ctx, view, 'team', team.id, team.name)}
</li>`);
}

/** The forms the page shows: a reply for any other form (a walker no longer found, a fee no longer due) is shown on top. */
function shownForms(view: DeskView): Set<string> {
  const forms = new Set<string>();
  for (const walker of view.found?.walkers ?? []) {
    forms.add(`distance-${walker.id}`).add(`gift-walker-${walker.id}`);
    if (walker.feeStatus === 'pending_fee') forms.add(`fee-${walker.id}`);
  }
  for (const team of view.found?.teams ?? []) forms.add(`gift-team-${team.id}`);
  return forms;
}

function unshownReply(view: DeskView) {
  const reply = view.reply;
  if (!reply || shownForms(view).has(reply.form)) return '';
  const messages = Object.values(reply.errors);
  return raw(html`<p class="error-summary" role="alert">${messages.join(' ')}</p>`);
}

export function deskPage(ctx: PageContext, view: DeskView): string {
  const t = wordsOf(ctx);
  const found = view.found;
  const results = found
    ? found.walkers.length + found.teams.length === 0
      ? html`<p role="status">${t.nobodyFound(view.query)}</p>`
      : [
          found.walkers.length > 0
            ? html`<h2>${t.walkersHeading}</h2><ul class="walkers">${raw(found.walkers.map((w) => walkerCard(ctx, view, w).html).join(''))}</ul>`
            : '',
          found.teams.length > 0
            ? html`<h2>${t.teamsHeading}</h2><ul class="walkers">${raw(found.teams.map((t) => teamCard(ctx, view, t).html).join(''))}</ul>`
            : '',
        ].join('\n')
    : '';
  const fees =
    view.pendingFees.length === 0
      ? html`<p>${t.noPendingFees}</p>`
      : html`<ul>${raw(
          view.pendingFees
            .map(
              (f) =>
                html`<li><a href="/desk?q=${encodeURIComponent(f.walkerName)}">${f.walkerName}</a> (${t.pendingFeeOf(f.teamName)})</li>`,
            )
            .join(''),
        )}</ul>`;
  const pledges =
    view.openPledges.length === 0
      ? html`<p>${t.noOpenPledges}</p>`
      : html`<table><thead><tr><th scope="col">${t.pledgeFor}</th><th scope="col">${t.pledgeKind}</th><th scope="col">${t.pledged}</th><th scope="col">${t.pledgeStatus}</th><th scope="col">${t.pledgeDue}</th></tr></thead><tbody>${raw(
          view.openPledges
            .map(
              (p) =>
                html`<tr><td>${p.beneficiaryName}</td><td>${t.kind(p.kind)}</td><td>${euros(p.amountCents)}${p.kind === 'per_km' ? t.perKmSuffix : ''}</td><td>${t.status(p.status)}</td><td>${p.status === 'due' ? euros(p.dueCents) : '–'}</td></tr>`,
            )
            .join(''),
        )}</tbody></table>`;
  return layout(ctx, {
    title: t.deskTitle,
    body: html`<div class="actions"><h1>${t.deskTitle}</h1>
<form method="post" action="/desk/logout">${csrfField(ctx)}<button type="submit">${t.logOut}</button></form></div>
${raw(view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : '')}
${unshownReply(view)}
<form method="get" action="/desk" role="search">
<div class="field"><label for="q">${t.findLabel}</label>
<input id="q" name="q" type="text" value="${view.query}"></div>
<button class="primary" type="submit">${t.search}</button>
</form>
${raw(results)}
<h2>${t.pendingFeesHeading}</h2>
${raw(fees)}
<h2>${t.openPledgesHeading}</h2>
${raw(pledges)}`,
  });
}
