import type { Language } from '@rw/kernel';
import type { FoundTeam, FoundWalker, OpenPledge, PendingDistanceProposal, PendingFee } from '@rw/read-models';
import type { ComponentChildren, VNode } from 'preact';
import { type Translate, translator } from '../i18n';
import { type PageContext, renderPage } from '../pages/layout';
import { CsrfField } from '../views/csrf-field';
import { formatMoney } from '../views/money';
import { profileFigures, TrackProfile } from '../views/track-profile';
import type { FieldErrors } from './desk-forms';

/** A form that was sent back: which one, what was typed, what is wrong (by field; `form` for the form as a whole). */
export interface FormReply {
  form: string;
  values: Record<string, string>;
  errors: FieldErrors;
}

/** What every desk form needs: the page's words and token, and the reply if this form came back. */
interface FormScope {
  t: Translate;
  csrfToken: string;
  form: string;
  reply?: FormReply;
}

/** The reply, only when it is this form's. */
const replyOf = (scope: FormScope) => (scope.reply?.form === scope.form ? scope.reply : undefined);

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p class="field-error" id={`${id}-error`}>
      {message}
    </p>
  ) : null;
}

interface FieldProps {
  scope: FormScope;
  name: string;
  label: string;
  type?: string;
  value?: string;
  inputmode?: 'decimal' | 'numeric' | 'email' | 'text';
  autocomplete?: string;
  /** A sentence under the label that says what the field is for (linked by aria-describedby). */
  hint?: string;
  required?: boolean;
}

/** An input with its label and, when the form came back, its value and error (linked by aria-describedby). */
function Field({ scope, name, label, type = 'text', value, inputmode, autocomplete, hint, required }: FieldProps) {
  const id = `${scope.form}-${name}`;
  const reply = replyOf(scope);
  const error = reply?.errors[name];
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  // a password is never sent back to the browser
  const shown = reply && name !== 'password' ? (reply.values[name] ?? '') : (value ?? '');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={type}
        value={shown}
        inputmode={inputmode}
        autocomplete={autocomplete}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
      <FieldError id={id} message={error} />
    </div>
  );
}

/**
 * The form's own problem (a refused command, a token to reload), and any problem about a field the form does not
 * show: nothing said about a form is lost.
 */
function FormError({ scope, fields }: { scope: FormScope; fields: readonly string[] }) {
  const errors = replyOf(scope)?.errors ?? {};
  const messages = Object.entries(errors)
    .filter(([field]) => !fields.includes(field))
    .map(([, message]) => message);
  return messages.length > 0 ? (
    <p class="error-summary" role="alert">
      {messages.join(' ')}
    </p>
  ) : null;
}

/** A desk form: posted to `action`, with the form token, the search to come back to, and its summary of problems. */
function DeskForm({
  scope,
  action,
  query,
  fields,
  children,
}: {
  scope: FormScope;
  action: string;
  query?: string;
  fields: readonly string[];
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={action} novalidate>
      <CsrfField token={scope.csrfToken} />
      {query === undefined ? null : <input type="hidden" name="q" value={query} />}
      <FormError scope={scope} fields={fields} />
      {children}
    </form>
  );
}

const LOGIN_FIELDS = ['email', 'password'] as const;

export function DeskLogin({ t, csrfToken, reply }: { t: Translate; csrfToken: string; reply?: FormReply }) {
  const scope: FormScope = { t, csrfToken, form: 'login', reply };
  return (
    <div class="narrow">
      <h1>{t('desk.deskTitle')}</h1>
      <DeskForm scope={scope} action="/desk/login" fields={LOGIN_FIELDS}>
        <Field scope={scope} name="email" label={t('desk.email')} type="email" autocomplete="username" />
        <Field
          scope={scope}
          name="password"
          label={t('desk.password')}
          type="password"
          autocomplete="current-password"
        />
        <button class="primary" type="submit">
          {t('desk.logIn')}
        </button>
      </DeskForm>
    </div>
  );
}

export interface DeskView {
  query: string;
  found?: { walkers: FoundWalker[]; teams: FoundTeam[] };
  pendingFees: PendingFee[];
  /** Distances walkers proposed from their tracks, waiting for an organiser. */
  distanceProposals: PendingDistanceProposal[];
  openPledges: OpenPledge[];
  notice?: string;
  reply?: FormReply;
  today: string;
  /** A fresh key per gift form, so a double click records one gift. */
  giftKey: () => string;
}

interface DeskProps {
  language: Language;
  t: Translate;
  csrfToken: string;
  view: DeskView;
}

const GIFT_FIELDS = ['amount', 'donorName', 'donorEmail', 'collective', 'method', 'receivedOn', 'reference'] as const;

function GiftForm({ props, type, id, name }: { props: DeskProps; type: 'walker' | 'team'; id: string; name: string }) {
  const { t, csrfToken, view } = props;
  const scope: FormScope = { t, csrfToken, form: `gift-${type}-${id}`, reply: view.reply };
  const reply = replyOf(scope);
  const chosen = reply ? reply.values.method : 'cash';
  const key = reply?.values.giftKey ? reply.values.giftKey : view.giftKey();
  const methodId = `${scope.form}-method`;
  const collectiveId = `${scope.form}-collective`;
  const collectiveError = reply?.errors.collective;
  return (
    <details open={reply !== undefined}>
      <summary>{t('desk.offlineGiftFor', { name })}</summary>
      <DeskForm scope={scope} action="/desk/gifts" fields={GIFT_FIELDS}>
        <input type="hidden" name="beneficiaryType" value={type} />
        <input type="hidden" name="beneficiaryId" value={id} />
        <input type="hidden" name="giftKey" value={key} />
        <input type="hidden" name="q" value={view.query} />
        <Field scope={scope} name="amount" label={t('desk.amountLabel')} inputmode="decimal" />
        <Field scope={scope} name="donorName" label={t('desk.donorNameLabel')} autocomplete="off" />
        <Field
          scope={scope}
          name="donorEmail"
          label={t('desk.donorEmailLabel')}
          hint={t('desk.donorEmailHint')}
          type="email"
          autocomplete="off"
        />
        <div class="field">
          <label class="choice" for={collectiveId}>
            <input
              id={collectiveId}
              type="checkbox"
              name="collective"
              value="yes"
              checked={reply?.values.collective === 'yes'}
              aria-invalid={collectiveError ? 'true' : undefined}
              aria-describedby={collectiveError ? `${collectiveId}-error` : undefined}
            />{' '}
            {t('desk.collectiveLabel')}
          </label>
          <FieldError id={collectiveId} message={collectiveError} />
        </div>
        <fieldset>
          <legend>{t('desk.receivedAs')}</legend>
          <div class="choices">
            <label class="choice">
              <input type="radio" name="method" value="cash" checked={chosen === 'cash'} /> {t('desk.cash')}
            </label>
            <label class="choice">
              <input type="radio" name="method" value="bank_transfer" checked={chosen === 'bank_transfer'} />{' '}
              {t('desk.bankTransfer')}
            </label>
          </div>
          <FieldError id={methodId} message={reply?.errors.method} />
        </fieldset>
        <Field scope={scope} name="receivedOn" label={t('desk.receivedOnLabel')} type="date" value={view.today} />
        <Field scope={scope} name="reference" label={t('desk.referenceLabel')} />
        <button class="primary" type="submit">
          {t('desk.recordGift')}
        </button>
      </DeskForm>
    </details>
  );
}

function WalkerCard({ props, walker }: { props: DeskProps; walker: FoundWalker }) {
  const { language, t, csrfToken, view } = props;
  const distance: FormScope = { t, csrfToken, form: `distance-${walker.id}`, reply: view.reply };
  const fee: FormScope = { t, csrfToken, form: `fee-${walker.id}`, reply: view.reply };
  return (
    <li class="card" id={`walker-${walker.id}`}>
      <h3>
        <a href={`/walkers/${encodeURIComponent(walker.id)}`}>{walker.name}</a>
      </h3>
      <p>
        <a href={`/teams/${encodeURIComponent(walker.teamId)}`}>{t('desk.teamOf', { team: walker.teamName })}</a> ·{' '}
        <strong class="raised">{t('desk.raised', { amount: formatMoney(walker.raisedCents, language) })}</strong> ·{' '}
        {walker.km === null ? t('desk.noDistanceYet') : t('desk.km', { km: walker.km })} ·{' '}
        {t('desk.fee', { status: walker.feeStatus })}
      </p>
      <DeskForm scope={distance} action={`/desk/walkers/${walker.id}/distance`} query={view.query} fields={['km']}>
        <Field
          scope={distance}
          name="km"
          label={t('desk.distanceLabel')}
          inputmode="decimal"
          value={walker.km === null ? '' : String(walker.km)}
        />
        <button type="submit">{t('desk.recordDistance')}</button>
      </DeskForm>
      {walker.feeStatus === 'pending_fee' ? (
        <DeskForm scope={fee} action={`/desk/walkers/${walker.id}/fee-waiver`} query={view.query} fields={['reason']}>
          {/* no reason given in advance: the organiser says why, every time */}
          <Field scope={fee} name="reason" label={t('desk.waiverReasonLabel')} required />
          <button type="submit">{t('desk.waiveFee')}</button>
        </DeskForm>
      ) : null}
      <GiftForm props={props} type="walker" id={walker.id} name={walker.name} />
    </li>
  );
}

function TeamCard({ props, team }: { props: DeskProps; team: FoundTeam }) {
  const { language, t } = props;
  const membersId = `team-${team.id}-members`;
  return (
    <li class="card" id={`team-${team.id}`}>
      <h3>
        <a href={`/teams/${encodeURIComponent(team.id)}`}>{t('desk.teamOf', { team: team.name })}</a>
      </h3>
      <p>
        <strong class="raised">{t('desk.raised', { amount: formatMoney(team.raisedCents, language) })}</strong> ·{' '}
        <span id={membersId}>{t('common.walkers', { count: team.walkers })}</span>
      </p>
      {team.members.length > 0 ? (
        <ul class="members" aria-label={t('desk.membersOf', { team: team.name })}>
          {team.members.map((member) => (
            <li key={member.id} data-walker={member.id} data-fee={member.feeStatus}>
              <a href={`/desk?q=${encodeURIComponent(member.name)}`}>{member.name}</a> ·{' '}
              {t('desk.fee', { status: member.feeStatus })} ·{' '}
              {t('desk.raised', { amount: formatMoney(member.raisedCents, language) })}
            </li>
          ))}
        </ul>
      ) : null}
      <GiftForm props={props} type="team" id={team.id} name={team.name} />
    </li>
  );
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

function UnshownReply({ view }: { view: DeskView }) {
  const reply = view.reply;
  if (!reply || shownForms(view).has(reply.form)) return null;
  return (
    <p class="error-summary" role="alert">
      {Object.values(reply.errors).join(' ')}
    </p>
  );
}

function SearchResults({ props }: { props: DeskProps }) {
  const { t, view } = props;
  const found = view.found;
  if (!found) return null;
  if (found.walkers.length + found.teams.length === 0) {
    return <p role="status">{t('desk.nobodyFound', { query: view.query })}</p>;
  }
  return (
    <>
      {found.walkers.length > 0 ? (
        <>
          <h2>{t('desk.walkersHeading')}</h2>
          <ul class="walkers">
            {found.walkers.map((walker) => (
              <WalkerCard key={walker.id} props={props} walker={walker} />
            ))}
          </ul>
        </>
      ) : null}
      {found.teams.length > 0 ? (
        <>
          <h2>{t('desk.teamsHeading')}</h2>
          <ul class="walkers">
            {found.teams.map((team) => (
              <TeamCard key={team.id} props={props} team={team} />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function PendingFees({ t, fees }: { t: Translate; fees: PendingFee[] }) {
  if (fees.length === 0) return <p>{t('desk.noPendingFees')}</p>;
  return (
    <ul>
      {fees.map((fee) => (
        <li key={fee.walkerId}>
          <a href={`/desk?q=${encodeURIComponent(fee.walkerName)}`}>{fee.walkerName}</a> (
          {t('desk.pendingFeeOf', { team: fee.teamName })})
        </li>
      ))}
    </ul>
  );
}

/** Each proposal with its profile and a one-click accept (the km are recorded as a typed distance would be). */
function DistanceProposals({ props }: { props: DeskProps }) {
  const { t, csrfToken, view } = props;
  if (view.distanceProposals.length === 0) return <p>{t('desk.noProposals')}</p>;
  return (
    <ul class="cards">
      {view.distanceProposals.map((proposal) => {
        const scope: FormScope = { t, csrfToken, form: `proposal-${proposal.walkerId}`, reply: view.reply };
        return (
          <li class="card" key={proposal.walkerId} id={`proposal-${proposal.walkerId}`} data-km={String(proposal.km)}>
            <h3>
              <a href={`/desk?q=${encodeURIComponent(proposal.walkerName)}`}>{proposal.walkerName}</a>
            </h3>
            <p>
              {t('desk.teamOf', { team: proposal.teamName })} ·{' '}
              <strong>{t('desk.proposalKm', { km: proposal.km })}</strong> ·{' '}
              {proposal.recordedKm === null
                ? t('desk.noDistanceYet')
                : t('desk.proposalRecorded', { km: proposal.recordedKm })}{' '}
              · {t('desk.proposalMeasured', { points: proposal.points })}
            </p>
            {proposal.profile && (
              <TrackProfile
                profile={proposal.profile}
                title={t('pages.profileTitle', profileFigures(proposal.profile))}
              />
            )}
            <DeskForm
              scope={scope}
              action={`/desk/walkers/${proposal.walkerId}/distance-proposal`}
              query={view.query}
              fields={['proposalId']}
            >
              <input type="hidden" name="proposalId" value={proposal.proposalId} />
              <button
                class="primary"
                type="submit"
                aria-label={t('desk.acceptProposalOf', { km: proposal.km, name: proposal.walkerName })}
              >
                {t('desk.acceptProposal')}
              </button>
            </DeskForm>
          </li>
        );
      })}
    </ul>
  );
}

function OpenPledges({ language, t, pledges }: { language: Language; t: Translate; pledges: OpenPledge[] }) {
  if (pledges.length === 0) return <p>{t('desk.noOpenPledges')}</p>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{t('desk.pledgeFor')}</th>
          <th scope="col">{t('desk.pledgeKind')}</th>
          <th scope="col">{t('desk.pledged')}</th>
          <th scope="col">{t('desk.pledgeStatus')}</th>
          <th scope="col">{t('desk.pledgeDue')}</th>
        </tr>
      </thead>
      <tbody>
        {pledges.map((pledge) => {
          const amount = formatMoney(pledge.amountCents, language);
          return (
            <tr key={pledge.pledgeId}>
              <td>{pledge.beneficiaryName}</td>
              <td>{t('desk.pledgeKindOf', { kind: pledge.kind })}</td>
              <td>{pledge.kind === 'per_km' ? t('desk.perKm', { amount }) : amount}</td>
              <td>{t('desk.pledgeStatusOf', { status: pledge.status })}</td>
              <td>{pledge.status === 'due' ? formatMoney(pledge.dueCents, language) : '–'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function Desk(props: DeskProps) {
  const { language, t, csrfToken, view } = props;
  return (
    <>
      <div class="actions">
        <h1>{t('desk.deskTitle')}</h1>
        <form method="post" action="/desk/logout">
          <CsrfField token={csrfToken} />
          <button type="submit">{t('desk.logOut')}</button>
        </form>
      </div>
      {view.notice ? (
        <p class="notice" role="status">
          {view.notice}
        </p>
      ) : null}
      <UnshownReply view={view} />
      {/* biome-ignore lint/a11y/useSemanticElements: a search landmark on the form itself; <search> is too recent for the desk's browsers */}
      <form method="get" action="/desk" role="search">
        <div class="field">
          <label for="q">{t('desk.findLabel')}</label>
          <input id="q" name="q" type="text" value={view.query} />
        </div>
        <button class="primary" type="submit">
          {t('desk.search')}
        </button>
      </form>
      <SearchResults props={props} />
      <h2>{t('desk.pendingFeesHeading')}</h2>
      <PendingFees t={t} fees={view.pendingFees} />
      <h2>{t('desk.proposalsHeading')}</h2>
      <DistanceProposals props={props} />
      <h2>{t('desk.openPledgesHeading')}</h2>
      <OpenPledges language={language} t={t} pledges={view.openPledges} />
    </>
  );
}

/** The desk's pages in the site's layout (header, language switch, footer). */
function inSiteLayout(ctx: PageContext, title: string, body: VNode): string {
  return renderPage(ctx, { title }, body);
}

export function deskLoginPage(ctx: PageContext, reply?: FormReply): string {
  const t = translator(ctx.lang);
  return inSiteLayout(ctx, t('desk.loginTitle'), <DeskLogin t={t} csrfToken={ctx.csrfToken} reply={reply} />);
}

export function deskPage(ctx: PageContext, view: DeskView): string {
  const t = translator(ctx.lang);
  return inSiteLayout(
    ctx,
    t('desk.deskTitle'),
    <Desk language={ctx.lang} t={t} csrfToken={ctx.csrfToken} view={view} />,
  );
}
