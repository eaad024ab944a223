import { csrfField, html, layout, type PageContext, raw } from '../pages/layout';
import { euros } from '../sandbox/html';
import type { FieldErrors } from './desk-forms';
import type { FoundTeam, FoundWalker, OpenPledge, PendingFee } from './desk-queries';

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

export function deskLoginPage(ctx: PageContext, reply?: FormReply): string {
  return layout(ctx, {
    title: 'Organiser desk: log in',
    body: html`<div class="narrow">
<h1>Organiser desk</h1>
<form method="post" action="/desk/login" novalidate>
${csrfField(ctx)}
${formError(reply, 'login')}
${input(reply, 'login', 'email', 'E-mail address', { type: 'email', autocomplete: 'username' })}
${input(reply, 'login', 'password', 'Password', { type: 'password', autocomplete: 'current-password' })}
<button class="primary" type="submit">Log in</button>
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

const FEE_WORDS: Record<string, string> = {
  pending_fee: 'fee not paid',
  paid: 'fee paid',
  waived: 'fee waived',
  free: 'no fee',
};

function giftForm(ctx: PageContext, view: DeskView, type: 'walker' | 'team', id: string, name: string) {
  const form = `gift-${type}-${id}`;
  const reply = view.reply;
  const chosen = reply?.form === form ? reply.values.method : 'cash';
  const key = reply?.form === form && reply.values.giftKey ? reply.values.giftKey : view.giftKey();
  return raw(html`<details${raw(reply?.form === form ? ' open' : '')}>
<summary>Record an offline gift for ${name}</summary>
<form method="post" action="/desk/gifts" novalidate>
${csrfField(ctx)}
<input type="hidden" name="beneficiaryType" value="${type}">
<input type="hidden" name="beneficiaryId" value="${id}">
<input type="hidden" name="giftKey" value="${key}">
<input type="hidden" name="q" value="${view.query}">
${formError(reply, form)}
${input(reply, form, 'amount', 'Amount in euros', { inputmode: 'decimal' })}
${input(reply, form, 'donorName', 'Donor’s name', { autocomplete: 'off' })}
${input(reply, form, 'donorEmail', 'Donor’s e-mail address', { type: 'email', autocomplete: 'off' })}
<fieldset><legend>Received as</legend><div class="choices">
<label class="choice"><input type="radio" name="method" value="cash"${raw(chosen === 'cash' ? ' checked' : '')}> Cash</label>
<label class="choice"><input type="radio" name="method" value="bank_transfer"${raw(chosen === 'bank_transfer' ? ' checked' : '')}> Bank transfer</label>
</div>${fieldError(reply, form, 'method', `${form}-method`)}</fieldset>
${input(reply, form, 'receivedOn', 'Received on', { type: 'date', value: view.today })}
${input(reply, form, 'reference', 'Reference (optional)')}
<button class="primary" type="submit">Record the gift</button>
</form>
</details>`);
}

function walkerCard(ctx: PageContext, view: DeskView, walker: FoundWalker) {
  const reply = view.reply;
  const distanceForm = `distance-${walker.id}`;
  const feeForm = `fee-${walker.id}`;
  return raw(html`<li class="card" id="walker-${walker.id}">
<h3>${walker.name}</h3>
<p>Team ${walker.teamName} · ${walker.km === null ? 'no distance yet' : `${walker.km} km`} · ${FEE_WORDS[walker.feeStatus] ?? walker.feeStatus}</p>
<form method="post" action="/desk/walkers/${walker.id}/distance" novalidate>
${csrfField(ctx)}
<input type="hidden" name="q" value="${view.query}">
${formError(reply, distanceForm)}
${input(reply, distanceForm, 'km', 'Distance walked (km)', { inputmode: 'decimal', value: walker.km === null ? '' : String(walker.km) })}
<button type="submit">Record the distance</button>
</form>
${raw(
  walker.feeStatus === 'pending_fee'
    ? html`<form method="post" action="/desk/walkers/${walker.id}/fee-waiver" novalidate>
${csrfField(ctx)}
<input type="hidden" name="q" value="${view.query}">
${formError(reply, feeForm)}
${input(reply, feeForm, 'reason', 'Why is the fee waived?', { value: 'refugee' })}
<button type="submit">Waive the fee</button>
</form>`
    : '',
)}
${giftForm(ctx, view, 'walker', walker.id, walker.name)}
</li>`);
}

function teamCard(ctx: PageContext, view: DeskView, team: FoundTeam) {
  return raw(html`<li class="card" id="team-${team.id}">
<h3>Team ${team.name}</h3>
<p>${team.walkers} walkers</p>
${giftForm(ctx, view, 'team', team.id, team.name)}
</li>`);
}

export function deskPage(ctx: PageContext, view: DeskView): string {
  const found = view.found;
  const results = found
    ? found.walkers.length + found.teams.length === 0
      ? html`<p role="status">Nobody found for “${view.query}”.</p>`
      : [
          found.walkers.length > 0
            ? html`<h2>Walkers</h2><ul class="walkers">${raw(found.walkers.map((w) => walkerCard(ctx, view, w).html).join(''))}</ul>`
            : '',
          found.teams.length > 0
            ? html`<h2>Teams</h2><ul class="walkers">${raw(found.teams.map((t) => teamCard(ctx, view, t).html).join(''))}</ul>`
            : '',
        ].join('\n')
    : '';
  const fees =
    view.pendingFees.length === 0
      ? html`<p>No fee is waiting.</p>`
      : html`<ul>${raw(
          view.pendingFees
            .map(
              (f) =>
                html`<li><a href="/desk?q=${encodeURIComponent(f.walkerName)}">${f.walkerName}</a> (team ${f.teamName})</li>`,
            )
            .join(''),
        )}</ul>`;
  const pledges =
    view.openPledges.length === 0
      ? html`<p>No pledge is waiting.</p>`
      : html`<table><thead><tr><th scope="col">For</th><th scope="col">Kind</th><th scope="col">Pledged</th><th scope="col">Status</th><th scope="col">Due</th></tr></thead><tbody>${raw(
          view.openPledges
            .map(
              (p) =>
                html`<tr><td>${p.beneficiaryName}</td><td>${p.kind === 'per_km' ? 'per km' : 'fixed'}</td><td>${euros(p.amountCents)}${p.kind === 'per_km' ? ' / km' : ''}</td><td>${p.status}</td><td>${p.status === 'due' ? euros(p.dueCents) : '–'}</td></tr>`,
            )
            .join(''),
        )}</tbody></table>`;
  return layout(ctx, {
    title: 'Organiser desk',
    body: html`<div class="actions"><h1>Organiser desk</h1>
<form method="post" action="/desk/logout">${csrfField(ctx)}<button type="submit">Log out</button></form></div>
${raw(view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : '')}
<form method="get" action="/desk" role="search">
<div class="field"><label for="q">Find a walker or team</label>
<input id="q" name="q" type="text" value="${view.query}"></div>
<button class="primary" type="submit">Search</button>
</form>
${raw(results)}
<h2>Fees not paid yet</h2>
${raw(fees)}
<h2>Open and due pledges</h2>
${raw(pledges)}`,
  });
}
