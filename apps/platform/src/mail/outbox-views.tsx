import type { Translate } from '../i18n';
import type { OutboxMail } from './outbox-mail-sender';

/** The sandbox outbox: the mails the platform would have sent, newest first. */
export function OutboxList({ mails, say }: { mails: OutboxMail[]; say: Translate }) {
  return (
    <>
      <h1>{say('mail.outbox.title')}</h1>
      <p class="banner">{say('mail.outbox.banner')}</p>
      {mails.length === 0 ? (
        <p>{say('mail.outbox.empty')}</p>
      ) : (
        <>
          <p>{say('mail.outbox.count', { count: mails.length })}</p>
          <ol reversed>
            {mails.map((mail) => (
              <li>
                <a href={`/sandbox/outbox/${encodeURIComponent(mail.messageId)}`}>{mail.subject}</a>
                <br />
                <small>
                  {mail.to} · <time dateTime={mail.sentAt}>{mail.sentAt}</time>
                </small>
              </li>
            ))}
          </ol>
        </>
      )}
    </>
  );
}

/** One mail of the outbox, as text, with its HTML source shown as text (never rendered). */
export function OutboxMailView({ mail, say }: { mail: OutboxMail; say: Translate }) {
  return (
    <>
      <p>
        <a href="/sandbox/outbox">{say('mail.outbox.back')}</a>
      </p>
      <h1>{mail.subject}</h1>
      <dl>
        <dt>{say('mail.outbox.to')}</dt>
        <dd>{mail.to}</dd>
        <dt>{say('mail.outbox.messageId')}</dt>
        <dd>{mail.messageId}</dd>
        <dt>{say('mail.outbox.sent')}</dt>
        <dd>
          <time dateTime={mail.sentAt}>{mail.sentAt}</time>
        </dd>
      </dl>
      <pre class="mail-text">{mail.text}</pre>
      <details>
        <summary>{say('mail.outbox.htmlVersion')}</summary>
        <pre class="mail-text">{mail.html}</pre>
      </details>
    </>
  );
}
