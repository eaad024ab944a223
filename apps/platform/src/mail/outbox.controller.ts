import { Controller, Get, Header, Inject, NotFoundException, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PlatformConfig } from '../config/config';
import { CsrfTokens } from '../pages/csrf';
import { layout, type PageContext, pageContext } from '../pages/layout';
import { PageErrorFilter } from '../pages/page-errors';
import { html, raw } from '../sandbox/html';
import { MAIL_SENDER, type MailSender } from './mail-sender';
import { OutboxMailSender } from './outbox-mail-sender';

/** The sandbox's outbox: the mail the platform would have sent, newest first. Only with MAIL=outbox. */
@Controller('sandbox/outbox')
@UseFilters(PageErrorFilter)
export class OutboxController {
  constructor(
    @Inject(MAIL_SENDER) private readonly sender: MailSender,
    private readonly config: PlatformConfig,
    private readonly csrf: CsrfTokens,
  ) {}

  private get outbox(): OutboxMailSender {
    if (!(this.sender instanceof OutboxMailSender)) throw new NotFoundException('mail is not kept in an outbox');
    return this.sender;
  }

  private context(request: Request, response: Response): PageContext {
    return pageContext(request, response, this.csrf, this.config.PUBLIC_BASE_URL ?? '');
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  list(@Req() request: Request, @Res({ passthrough: true }) response: Response): string {
    const mails = this.outbox.list();
    const rows = mails
      .map(
        (m) => html`<li><a href="/sandbox/outbox/${encodeURIComponent(m.messageId)}">${m.subject}</a>
<br><small>${m.to} · <time datetime="${m.sentAt}">${m.sentAt}</time></small></li>`,
      )
      .join('\n');
    return layout(this.context(request, response), {
      title: 'Outbox',
      body: html`<h1>Outbox</h1><p class="banner">Sandbox: this mail was not sent, only kept here.</p>
${raw(mails.length === 0 ? '<p>No mail yet.</p>' : `<ol reversed>${rows}</ol>`)}`,
    });
  }

  @Get(':messageId')
  @Header('Content-Type', 'text/html; charset=utf-8')
  view(
    @Param('messageId') messageId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): string {
    const mail = this.outbox.get(messageId);
    if (!mail) throw new NotFoundException('no such mail in the outbox');
    return layout(this.context(request, response), {
      title: mail.subject,
      body: html`<p><a href="/sandbox/outbox">Outbox</a></p>
<h1>${mail.subject}</h1>
<dl><dt>To</dt><dd>${mail.to}</dd><dt>Message-ID</dt><dd>${mail.messageId}</dd><dt>Sent</dt><dd>${mail.sentAt}</dd></dl>
<pre class="mail-text">${mail.text}</pre>
<details><summary>HTML</summary><pre class="mail-text">${mail.html}</pre></details>`,
    });
  }
}
