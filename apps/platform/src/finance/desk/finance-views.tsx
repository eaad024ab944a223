import type { Language } from '@rw/kernel';
import type { BankLineRow, DonorStatistics, LedgerRow, MonthOfGifts } from '@rw/read-models';
import type { ComponentChildren } from 'preact';
import { type Catalogue, type MessageValues, t } from '../../i18n';
import { CSRF_FIELD } from '../../pages/csrf';
import { BarChart } from '../../views/bar-chart';
import { assetUrl } from '../../views/assets';
import { formatMoney, formatMoneyCompact } from '../../views/money';
import { LanguageSwitch } from '../../views/page-layout';
import { renderDocument } from '../../views/render';
import type { TaxCertificateLine } from '../tax-certificate-files';
import type { MissingDetails } from '../tax-certificate-lines';

export type FinanceKey = keyof Catalogue['finance'];

/** What every finance page needs: its language, its own address (for the language switch) and the form token. */
export interface FinanceContext {
  language: Language;
  url: string;
  csrfToken: string;
  /** Logged in: the menu and the logout button are shown. */
  loggedIn: boolean;
}

/** A form that came back: which one, what was typed, and the errors (already in the visitor's language) per field. */
export interface FormReply {
  form: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

const say = (ctx: FinanceContext, key: FinanceKey, values?: MessageValues) => t(ctx.language, `finance.${key}`, values);
const money = (ctx: FinanceContext, cents: number) => formatMoney(cents, ctx.language);

type Section = 'ledger' | 'gift' | 'bank-lines' | 'certificates' | 'donors' | 'stats';
const MENU: [Section, string, FinanceKey][] = [
  ['ledger', '/finance/ledger', 'navLedger'],
  ['gift', '/finance/gifts', 'navGift'],
  ['bank-lines', '/finance/bank-lines', 'navBankLines'],
  ['certificates', '/finance/certificates', 'navCertificates'],
  ['donors', '/finance/donors', 'navDonors'],
  ['stats', '/finance/stats', 'navStats'],
];

function Layout(props: { ctx: FinanceContext; title: string; section?: Section; children: ComponentChildren }) {
  const { ctx } = props;
  return (
    <html lang={ctx.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${say(ctx, 'title')}`}</title>
        <link rel="stylesheet" href={assetUrl('site.css')} />
        <link rel="stylesheet" href={assetUrl('finance.css')} />
        <link rel="icon" href="data:," />
      </head>
      <body class="finance-desk">
        <a class="skip-link" href="#main">
          {say(ctx, 'skipToContent')}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={ctx.loggedIn ? '/finance/ledger' : '/finance/login'}>
              {say(ctx, 'title')}
            </a>
            <LanguageSwitch current={ctx.language} url={ctx.url} label={say(ctx, 'chooseLanguage')} />
          </div>
        </header>
        {ctx.loggedIn ? (
          <nav class="finance-menu" aria-label={say(ctx, 'navLabel')}>
            <div class="wrap">
              <ul>
                {MENU.map(([section, href, key]) => (
                  <li key={section}>
                    <a href={href} aria-current={section === props.section ? 'page' : undefined}>
                      {say(ctx, key)}
                    </a>
                  </li>
                ))}
              </ul>
              <form method="post" action="/finance/logout">
                <CsrfField ctx={ctx} />
                <button type="submit">{say(ctx, 'logOut')}</button>
              </form>
            </div>
          </nav>
        ) : null}
        <main id="main" class="wrap finance" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}

const CsrfField = ({ ctx }: { ctx: FinanceContext }) => <input type="hidden" name={CSRF_FIELD} value={ctx.csrfToken} />;

/** An input with its label and, when its form came back, what was typed and the error under it. */
function Field(props: {
  reply?: FormReply;
  form: string;
  name: string;
  label: string;
  type?: string;
  value?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'decimal' | 'email';
  required?: boolean;
}) {
  const id = `${props.form}-${props.name}`;
  const mine = props.reply?.form === props.form ? props.reply : undefined;
  const error = mine?.errors[props.name];
  const value = props.name === 'password' ? '' : (mine?.values[props.name] ?? props.value ?? '');
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={value}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The error of a whole form (a refusal that names no field), above it. */
function FormError({ reply, form }: { reply?: FormReply; form: string }) {
  const message = reply?.form === form ? reply.errors.form : undefined;
  return message ? (
    <p class="error-summary" role="alert">
      {message}
    </p>
  ) : null;
}

const Notice = ({ text }: { text?: string }) =>
  text ? (
    <p class="notice" role="status">
      {text}
    </p>
  ) : null;

/** A wide table scrolls on its own on a phone, not the page. */
/** A table's head: one column header per catalogue key, in the page's language. */
const ColumnHeads = ({ ctx, keys }: { ctx: FinanceContext; keys: readonly FinanceKey[] }) => (
  <thead>
    <tr>
      {keys.map((key) => (
        <th scope="col" key={key}>
          {say(ctx, key)}
        </th>
      ))}
    </tr>
  </thead>
);

const TableBox = ({ label, children }: { label: string; children: ComponentChildren }) => (
  <section class="table-box" aria-label={label} tabindex={0}>
    {children}
  </section>
);

// --- login and refusals ---

export function loginPage(ctx: FinanceContext, reply?: FormReply): string {
  return renderDocument(
    <Layout ctx={ctx} title={say(ctx, 'loginTitle')}>
      <div class="narrow">
        <h1>{say(ctx, 'title')}</h1>
        <form method="post" action="/finance/login" novalidate>
          <CsrfField ctx={ctx} />
          <FormError reply={reply} form="login" />
          <Field
            reply={reply}
            form="login"
            name="email"
            label={say(ctx, 'email')}
            type="email"
            autocomplete="username"
          />
          <Field
            reply={reply}
            form="login"
            name="password"
            label={say(ctx, 'password')}
            type="password"
            autocomplete="current-password"
          />
          <button class="primary" type="submit">
            {say(ctx, 'logIn')}
          </button>
        </form>
      </div>
    </Layout>,
  );
}

/** Logged in without the finance role: said plainly, with the way out. */
export function refusedPage(ctx: FinanceContext): string {
  return renderDocument(
    <Layout ctx={ctx} title={say(ctx, 'refusedTitle')}>
      <h1>{say(ctx, 'refusedTitle')}</h1>
      <p role="alert">{say(ctx, 'refusedText')}</p>
      <form method="post" action="/finance/logout">
        <CsrfField ctx={ctx} />
        <button class="primary" type="submit">
          {say(ctx, 'loginAgain')}
        </button>
      </form>
    </Layout>,
  );
}

export function errorPage(ctx: FinanceContext, title: string, text: string): string {
  return renderDocument(
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p role="alert">{text}</p>
      <p>
        <a href="/finance/ledger">{say(ctx, 'navLedger')}</a>
      </p>
    </Layout>,
  );
}

// --- ledger ---

export interface LedgerView {
  from: string;
  to: string;
  /** Absent when the period is wrong (the form says why). */
  rows?: LedgerRow[];
  /** How many movements in all (the page shows the first `rows.length`). */
  total: number;
  subtotals: LedgerSubtotal[];
  reply?: FormReply;
}

export interface LedgerSubtotal {
  kind: string;
  count: number;
  grossCents: number;
  feeCents: number;
  netCents: number;
}

export function ledgerPage(ctx: FinanceContext, view: LedgerView): string {
  const period = new URLSearchParams({ from: view.from, to: view.to }).toString();
  const all = view.subtotals.reduce(
    (sum, s) => ({
      grossCents: sum.grossCents + s.grossCents,
      feeCents: sum.feeCents + s.feeCents,
      netCents: sum.netCents + s.netCents,
    }),
    { grossCents: 0, feeCents: 0, netCents: 0 },
  );
  return renderDocument(
    <Layout ctx={ctx} title={say(ctx, 'ledgerTitle')} section="ledger">
      <h1>{say(ctx, 'ledgerTitle')}</h1>
      <p class="lead">{say(ctx, 'ledgerIntro')}</p>
      <form method="get" action="/finance/ledger" class="inline-form" novalidate>
        <Field reply={view.reply} form="period" name="from" label={say(ctx, 'from')} type="date" value={view.from} />
        <Field reply={view.reply} form="period" name="to" label={say(ctx, 'to')} type="date" value={view.to} />
        <button type="submit">{say(ctx, 'show')}</button>
      </form>
      {view.rows ? (
        <>
          <p class="actions">
            <a class="button" href={`/finance/ledger/download?${period}&format=csv`} download>
              {say(ctx, 'downloadCsv')}
            </a>
            <a class="button" href={`/finance/ledger/download?${period}&format=xlsx`} download>
              {say(ctx, 'downloadXlsx')}
            </a>
          </p>
          {view.total === 0 ? (
            <p>{say(ctx, 'noMovements')}</p>
          ) : (
            <>
              <h2>{say(ctx, 'subtotalsTitle')}</h2>
              <TableBox label={say(ctx, 'subtotalsTitle')}>
                <table class="figures" id="subtotals">
                  <ColumnHeads
                    ctx={ctx}
                    keys={['columnMovement', 'columnCount', 'columnGross', 'columnFee', 'columnNet']}
                  />
                  <tbody>
                    {view.subtotals.map((s) => (
                      <tr key={s.kind} data-kind={s.kind}>
                        <th scope="row">{say(ctx, 'movement', { kind: s.kind })}</th>
                        <td>{s.count}</td>
                        <td>{money(ctx, s.grossCents)}</td>
                        <td>{money(ctx, s.feeCents)}</td>
                        <td>{money(ctx, s.netCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">{say(ctx, 'total')}</th>
                      <td>{view.total}</td>
                      <td>{money(ctx, all.grossCents)}</td>
                      <td>{money(ctx, all.feeCents)}</td>
                      <td>{money(ctx, all.netCents)}</td>
                    </tr>
                  </tfoot>
                </table>
              </TableBox>
              <h2>{say(ctx, 'movementCount', { count: view.total })}</h2>
              {view.rows.length < view.total ? <p>{say(ctx, 'firstRowsOnly', { count: view.rows.length })}</p> : null}
              <TableBox label={say(ctx, 'ledgerTitle')}>
                <table class="figures" id="movements">
                  <ColumnHeads
                    ctx={ctx}
                    keys={[
                      'columnDate',
                      'columnMovement',
                      'columnDonor',
                      'columnBeneficiary',
                      'columnGross',
                      'columnFee',
                      'columnNet',
                    ]}
                  />
                  <tbody>
                    {view.rows.map((row) => (
                      <tr key={row.movementId}>
                        <td>{row.effectiveOn}</td>
                        <td>
                          {row.donationId ? (
                            <a href={`/finance/gifts/${encodeURIComponent(row.donationId)}`}>
                              {say(ctx, 'movement', { kind: row.kind })}
                            </a>
                          ) : (
                            say(ctx, 'movement', { kind: row.kind })
                          )}
                        </td>
                        <td>{row.donorName ?? ''}</td>
                        <td>{row.beneficiaryName ?? ''}</td>
                        <td>{money(ctx, row.grossCents)}</td>
                        <td>{money(ctx, row.feeCents)}</td>
                        <td>{money(ctx, row.netCents)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableBox>
            </>
          )}
        </>
      ) : null}
    </Layout>,
  );
}

// --- a gift ---

export function giftLookupPage(ctx: FinanceContext, reply?: FormReply): string {
  return renderDocument(
    <Layout ctx={ctx} title={say(ctx, 'giftLookupTitle')} section="gift">
      <h1>{say(ctx, 'giftLookupTitle')}</h1>
      <form method="get" action="/finance/gifts" class="inline-form" novalidate>
        <Field reply={reply} form="gift" name="id" label={say(ctx, 'giftId')} />
        <button type="submit">{say(ctx, 'open')}</button>
      </form>
    </Layout>,
  );
}

export interface GiftView {
  id: string;
  status: string;
  frequency: string;
  amountCents: number;
  beneficiaryName: string;
  history: { what: string; at: string; amountCents?: number }[];
  charges: {
    chargeId: string;
    providerReference: string;
    paidCents: number;
    refundedCents: number;
    refundableCents: number;
  }[];
  refundableCents: number;
  /** A fresh key per rendered refund form: the same form sent twice asks the provider for one refund. */
  refundKey: () => string;
  notice?: string;
  reply?: FormReply;
}

export function giftPage(ctx: FinanceContext, view: GiftView): string {
  const action = `/finance/gifts/${encodeURIComponent(view.id)}/refunds`;
  return renderDocument(
    <Layout ctx={ctx} title={say(ctx, 'giftTitle', { id: view.id })} section="gift">
      <h1>{say(ctx, 'giftTitle', { id: view.id })}</h1>
      <Notice text={view.notice} />
      <p class="lead">
        {say(ctx, 'giftSummary', { amount: money(ctx, view.amountCents), beneficiary: view.beneficiaryName })} ·{' '}
        {say(ctx, 'frequency', { frequency: view.frequency })} ·{' '}
        <strong data-status={view.status}>{say(ctx, 'giftStatus', { status: view.status })}</strong>
      </p>
      <h2>{say(ctx, 'historyTitle')}</h2>
      <TableBox label={say(ctx, 'historyTitle')}>
        <table class="figures" id="history">
          <ColumnHeads ctx={ctx} keys={['historyWhen', 'historyWhat', 'historyAmount']} />
          <tbody>
            {view.history.map((entry, index) => (
              <tr key={`${entry.what}-${index}`} data-what={entry.what}>
                <td>
                  <time dateTime={entry.at}>{when(ctx, entry.at)}</time>
                </td>
                <td>{say(ctx, 'history', { what: entry.what })}</td>
                <td>{entry.amountCents === undefined ? '' : money(ctx, entry.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      <h2>{say(ctx, 'chargesTitle')}</h2>
      <FormError reply={view.reply} form="refund" />
      {view.charges.length > 0 ? (
        <TableBox label={say(ctx, 'chargesTitle')}>
          <table class="figures" id="charges">
            <thead>
              <tr>
                <th scope="col">{say(ctx, 'chargeReference')}</th>
                <th scope="col">{say(ctx, 'chargePaid')}</th>
                <th scope="col">{say(ctx, 'chargeRefunded')}</th>
                <th scope="col">{say(ctx, 'chargeRefundable')}</th>
                <th scope="col">
                  <span class="visually-hidden">{say(ctx, 'refundCharge')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {view.charges.map((charge) => (
                <tr key={charge.chargeId} data-charge={charge.chargeId}>
                  <td>{charge.providerReference}</td>
                  <td>{money(ctx, charge.paidCents)}</td>
                  <td>{money(ctx, charge.refundedCents)}</td>
                  <td>{money(ctx, charge.refundableCents)}</td>
                  <td>
                    {charge.refundableCents > 0 ? (
                      <form method="post" action={action}>
                        <CsrfField ctx={ctx} />
                        <input type="hidden" name="refundKey" value={view.refundKey()} />
                        <input type="hidden" name="chargeId" value={charge.chargeId} />
                        <button type="submit">{say(ctx, 'refundCharge')}</button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      ) : null}
      {view.refundableCents > 0 ? (
        <form method="post" action={action} id="refund-whole">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="refundKey" value={view.refundKey()} />
          <p class="hint">{say(ctx, 'refundWholeHint')}</p>
          <button class="primary" type="submit">
            {say(ctx, 'refundWhole', { amount: money(ctx, view.refundableCents) })}
          </button>
        </form>
      ) : (
        <p>{say(ctx, 'nothingToRefund')}</p>
      )}
    </Layout>,
  );
}

/** An instant as Brussels wall-clock time in the visitor's language. */
function when(ctx: FinanceContext, at: string): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return new Intl.DateTimeFormat(`${ctx.language}-BE`, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  }).format(date);
}

// --- bank lines ---

export const BANK_LINE_FILTERS = ['unmatched', 'assigned', 'matched', 'all'] as const;
export type BankLineFilter = (typeof BANK_LINE_FILTERS)[number];

export interface BankLinesView {
  filter: BankLineFilter;
  lines: BankLineRow[];
  total: number;
  offset: number;
  pageSize: number;
  notice?: string;
  reply?: FormReply;
}

export function bankLinesPage(ctx: FinanceContext, view: BankLinesView): string {
  const page = (offset: number) =>
    `/finance/bank-lines?${new URLSearchParams({ status: view.filter, offset: String(offset) })}`;
  return renderDocument(
    <Layout ctx={ctx} title={say(ctx, 'bankLinesTitle')} section="bank-lines">
      <h1>{say(ctx, 'bankLinesTitle')}</h1>
      <Notice text={view.notice} />
      {/* a refusal for a line no longer shown with its form (assigned meanwhile) is said at the top */}
      {view.reply && !view.lines.some((l) => l.status === 'unmatched' && `assign-${l.id}` === view.reply?.form) ? (
        <FormError reply={view.reply} form={view.reply.form} />
      ) : null}
      <nav aria-label={say(ctx, 'statusFilter')}>
        <ul class="filters">
          {BANK_LINE_FILTERS.map((filter) => (
            <li key={filter}>
              <a
                href={`/finance/bank-lines?status=${filter}`}
                aria-current={filter === view.filter ? 'page' : undefined}
              >
                {say(ctx, 'status', { status: filter })}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p>{say(ctx, 'lineCount', { count: view.total })}</p>
      {view.lines.length === 0 ? <p>{say(ctx, 'noBankLines')}</p> : null}
      <ul class="bank-lines">
        {view.lines.map((line) => (
          <li key={line.id} id={`line-${line.id}`} class="card" data-status={line.status}>
            <p>
              <strong>{money(ctx, line.amountCents)}</strong> · {say(ctx, 'valueDate')} {line.valueOn} ·{' '}
              {say(ctx, 'status', { status: line.status })}
              {line.reason ? ` (${say(ctx, 'reason', { reason: line.reason })})` : ''}
            </p>
            <dl class="facts">
              <dt>{say(ctx, 'counterparty')}</dt>
              <dd>{[line.counterpartyName, line.counterpartyIban].filter(Boolean).join(' · ') || '–'}</dd>
              <dt>{say(ctx, 'communication')}</dt>
              <dd>{line.structuredCommunication ?? line.communication ?? '–'}</dd>
            </dl>
            {line.donationId ? (
              <p>
                <a href={`/finance/gifts/${encodeURIComponent(line.donationId)}`}>
                  {say(ctx, 'giftTitle', { id: line.donationId })}
                </a>
              </p>
            ) : null}
            {line.status === 'unmatched' ? <AssignForm ctx={ctx} line={line} view={view} /> : null}
          </li>
        ))}
      </ul>
      <p class="actions">
        {view.offset > 0 ? (
          <a class="button" href={page(Math.max(0, view.offset - view.pageSize))}>
            {say(ctx, 'previous')}
          </a>
        ) : null}
        {view.offset + view.lines.length < view.total ? (
          <a class="button" href={page(view.offset + view.lines.length)}>
            {say(ctx, 'next')}
          </a>
        ) : null}
      </p>
    </Layout>,
  );
}

function AssignForm({ ctx, line, view }: { ctx: FinanceContext; line: BankLineRow; view: BankLinesView }) {
  const form = `assign-${line.id}`;
  const mine = view.reply?.form === form ? view.reply : undefined;
  const chosen = mine?.values.beneficiaryType ?? 'edition';
  const typeError = mine?.errors.beneficiaryType;
  return (
    <details open={mine !== undefined}>
      <summary>{say(ctx, 'assignTitle')}</summary>
      <form method="post" action={`/finance/bank-lines/${encodeURIComponent(line.id)}/assign`} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="status" value={view.filter} />
        <FormError reply={view.reply} form={form} />
        <fieldset aria-describedby={typeError ? `${form}-beneficiaryType-error` : undefined}>
          <legend>{say(ctx, 'beneficiaryType')}</legend>
          <div class="choices">
            {(
              [
                ['walker', 'beneficiaryWalker'],
                ['team', 'beneficiaryTeam'],
                ['edition', 'beneficiaryEdition'],
              ] as const
            ).map(([value, key]) => (
              <label class="choice" key={value}>
                <input type="radio" name="beneficiaryType" value={value} checked={chosen === value} />
                {say(ctx, key)}
              </label>
            ))}
          </div>
          {typeError ? (
            <p class="field-error" id={`${form}-beneficiaryType-error`}>
              {typeError}
            </p>
          ) : null}
        </fieldset>
        <Field reply={view.reply} form={form} name="beneficiaryId" label={say(ctx, 'beneficiaryId')} />
        <Field
          reply={view.reply}
          form={form}
          name="donorName"
          label={say(ctx, 'donorName')}
          value={line.counterpartyName ?? ''}
        />
        <Field reply={view.reply} form={form} name="donorEmail" label={say(ctx, 'donorEmail')} type="email" />
        <button type="submit">{say(ctx, 'assign')}</button>
      </form>
    </details>
  );
}

// --- tax certificates ---

export interface CertificatesView {
  year: number;
  minimumCents: number;
  lines: TaxCertificateLine[];
  missing: MissingDetails[];
  /** Why there is no Belcotax file now, in words; absent when it can be made. */
  belcotaxUnavailable?: string;
  notice?: string;
  reply?: FormReply;
}

export function certificatesPage(ctx: FinanceContext, view: CertificatesView): string {
  const year = String(view.year);
  return renderDocument(
    <Layout ctx={ctx} title={say(ctx, 'certificatesTitle')} section="certificates">
      <h1>{say(ctx, 'certificatesTitle')}</h1>
      <Notice text={view.notice} />
      <form method="get" action="/finance/certificates" class="inline-form" novalidate>
        <Field reply={view.reply} form="year" name="year" label={say(ctx, 'year')} inputmode="numeric" value={year} />
        <button type="submit">{say(ctx, 'show')}</button>
      </form>
      <p>{say(ctx, 'certificatesIntro', { amount: money(ctx, view.minimumCents) })}</p>
      <form method="post" action="/finance/certificates/issue">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="year" value={year} />
        <FormError reply={view.reply} form="issue" />
        <button class="primary" type="submit">
          {say(ctx, 'issue', { year })}
        </button>
      </form>
      <h2>{say(ctx, 'downloads')}</h2>
      <ul class="downloads">
        <li>
          <a href={`/finance/certificates/download?year=${year}&format=csv`} download>
            {say(ctx, 'listCsv')}
          </a>
        </li>
        <li>
          <a href={`/finance/certificates/download?year=${year}&format=xlsx`} download>
            {say(ctx, 'listXlsx')}
          </a>
        </li>
        <li>
          {view.belcotaxUnavailable ? (
            <span>{say(ctx, 'labelled', { label: say(ctx, 'belcotax'), text: view.belcotaxUnavailable })}</span>
          ) : (
            <a href={`/finance/certificates/download?year=${year}&format=belcotax`} download>
              {say(ctx, 'belcotax')}
            </a>
          )}
        </li>
      </ul>
      <h2>{say(ctx, 'certificateCount', { count: view.lines.length })}</h2>
      {view.lines.length === 0 ? (
        <p>{say(ctx, 'noCertificates')}</p>
      ) : (
        <TableBox label={say(ctx, 'certificatesTitle')}>
          <table class="figures" id="certificates">
            <ColumnHeads ctx={ctx} keys={['number', 'donor', 'amount', 'columnStatus', 'pdf']} />
            <tbody>
              {view.lines.map((line) => (
                <tr key={line.donorKey} data-status={line.status}>
                  <td>{line.number ?? '–'}</td>
                  <td>{line.name}</td>
                  <td>{money(ctx, line.amountCents)}</td>
                  <td>{say(ctx, 'certificateStatus', { status: line.status })}</td>
                  <td>
                    {line.number === undefined ? (
                      '–'
                    ) : (
                      <a
                        href={`/finance/certificates/${year}/${line.number}.pdf`}
                        aria-label={say(ctx, 'pdfOf', { number: line.number })}
                      >
                        {say(ctx, 'pdf')}
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      {view.missing.length > 0 ? (
        <>
          <h2>{say(ctx, 'missingTitle')}</h2>
          <ul id="missing">
            {view.missing.map((donor) => (
              <li key={donor.donorKey}>
                {say(ctx, 'labelled', {
                  label: `${donor.name} (${money(ctx, donor.amountCents)})`,
                  text: donor.missing.map((what) => say(ctx, 'missing', { what })).join(', '),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Layout>,
  );
}

// --- donors ---

export function donorsPage(ctx: FinanceContext, view: { notice?: string; reply?: FormReply }): string {
  return renderDocument(
    <Layout ctx={ctx} title={say(ctx, 'donorsTitle')} section="donors">
      <h1>{say(ctx, 'donorsTitle')}</h1>
      <Notice text={view.notice} />
      <p class="lead">{say(ctx, 'donorsIntro')}</p>
      <section class="card" aria-labelledby="access-title">
        <h2 id="access-title">{say(ctx, 'accessTitle')}</h2>
        <p class="hint">{say(ctx, 'accessHint')}</p>
        <form method="post" action="/finance/donors/access" novalidate>
          <CsrfField ctx={ctx} />
          <FormError reply={view.reply} form="access" />
          <Field reply={view.reply} form="access" name="email" label={say(ctx, 'email')} type="email" />
          <button type="submit">{say(ctx, 'downloadAccess')}</button>
        </form>
      </section>
      <section class="card" aria-labelledby="erasure-title">
        <h2 id="erasure-title">{say(ctx, 'erasureTitle')}</h2>
        <p class="hint">{say(ctx, 'erasureHint')}</p>
        <form method="post" action="/finance/donors/erase" novalidate>
          <CsrfField ctx={ctx} />
          <FormError reply={view.reply} form="erase" />
          <Field reply={view.reply} form="erase" name="email" label={say(ctx, 'email')} type="email" />
          <ConfirmBox ctx={ctx} reply={view.reply} />
          <button class="primary" type="submit">
            {say(ctx, 'erase')}
          </button>
        </form>
      </section>
    </Layout>,
  );
}

function ConfirmBox({ ctx, reply }: { ctx: FinanceContext; reply?: FormReply }) {
  const error = reply?.form === 'erase' ? reply.errors.confirm : undefined;
  return (
    <div class="field">
      <label class="choice">
        <input
          type="checkbox"
          name="confirm"
          value="yes"
          id="erase-confirm"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'erase-confirm-error' : undefined}
        />
        {say(ctx, 'confirmErasure')}
      </label>
      {error ? (
        <p class="field-error" id="erase-confirm-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

// --- statistics ---

export interface StatsView {
  year: number;
  statistics?: DonorStatistics;
  months: MonthOfGifts[];
  reply?: FormReply;
}

export function statsPage(ctx: FinanceContext, view: StatsView): string {
  const monthName = new Intl.DateTimeFormat(`${ctx.language}-BE`, { month: 'short', timeZone: 'UTC' });
  const longMonth = new Intl.DateTimeFormat(`${ctx.language}-BE`, { month: 'long', timeZone: 'UTC' });
  const name = (month: number, format: Intl.DateTimeFormat) =>
    format.format(new Date(Date.UTC(view.year, month - 1, 15)));
  const figures = (key: 'oneOff' | 'monthly') => {
    const f = view.statistics?.[key];
    return f ? (
      <li data-kind={key}>
        <span>{say(ctx, key)}</span>
        <strong>{say(ctx, 'donorCount', { count: f.donors })}</strong>
        {say(ctx, 'giftCount', { count: f.gifts })}, {say(ctx, 'average', { amount: money(ctx, f.averageGiftCents) })}
      </li>
    ) : null;
  };
  return renderDocument(
    <Layout ctx={ctx} title={say(ctx, 'statsTitle')} section="stats">
      <h1>{say(ctx, 'statsTitle')}</h1>
      <form method="get" action="/finance/stats" class="inline-form" novalidate>
        <Field
          reply={view.reply}
          form="year"
          name="year"
          label={say(ctx, 'statsYear')}
          inputmode="numeric"
          value={String(view.year)}
        />
        <button type="submit">{say(ctx, 'show')}</button>
      </form>
      {view.statistics ? (
        <>
          <ul class="stats finance-stats">
            {figures('oneOff')}
            {figures('monthly')}
          </ul>
          <h2>{say(ctx, 'chartTitle', { year: String(view.year) })}</h2>
          <figure class="chart">
            <BarChart
              bars={view.months.map((m) => ({ label: name(m.month, monthName), value: m.sumCents }))}
              title={say(ctx, 'chartTitle', { year: String(view.year) })}
              description={say(ctx, 'chartDescription')}
              format={(cents) => formatMoneyCompact(cents, ctx.language)}
            />
          </figure>
          <TableBox label={say(ctx, 'chartTitle', { year: String(view.year) })}>
            <table class="figures" id="months">
              <ColumnHeads ctx={ctx} keys={['month', 'gifts', 'amount']} />
              <tbody>
                {view.months.map((m) => (
                  <tr key={m.month} data-month={m.month}>
                    <th scope="row">{name(m.month, longMonth)}</th>
                    <td>{m.gifts}</td>
                    <td>{money(ctx, m.sumCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        </>
      ) : null}
    </Layout>,
  );
}
