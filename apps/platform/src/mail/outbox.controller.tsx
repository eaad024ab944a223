import {
  Controller,
  ForbiddenException,
  Get,
  Header,
  Inject,
  NotFoundException,
  Param,
  Req,
  Res,
  UnauthorizedException,
  UseFilters,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthService } from '../accounts/auth';
import { PlatformConfig } from '../config/config';
import { CsrfTokens } from '../pages/csrf';
import { type PageContext, pageContext, renderPage } from '../pages/layout';
import { PageErrorFilter } from '../pages/page-errors';
import { translator } from '../i18n';
import { MAIL_SENDER, type MailSender } from './mail-sender';
import { OutboxMailSender } from './outbox-mail-sender';
import { OutboxList, OutboxMailView } from './outbox-views';

/**
 * The sandbox's outbox: the mail the platform would have sent, newest first. Its mails hold walkers' private edit
 * links and join codes, so it is a page of the sandbox only (PAYMENT_PROVIDER=sandbox and MAIL=outbox; 404
 * otherwise, whatever the mailer), and only on the machine itself (a loopback client) unless an organiser's bearer
 * token comes with the request: a demo listening on every address (HOST 0.0.0.0, the default) does not show it to
 * the rest of the network, and under production settings (an https PUBLIC_BASE_URL, a sandbox put online for a
 * demo) the token is always needed. `no-store`: a shared browser or proxy keeps no copy.
 */
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

@Controller('sandbox/outbox')
@UseFilters(PageErrorFilter)
export class OutboxController {
  constructor(
    @Inject(MAIL_SENDER) private readonly sender: MailSender,
    private readonly config: PlatformConfig,
    private readonly csrf: CsrfTokens,
    private readonly auth: AuthService,
  ) {}

  private async outbox(request: Request): Promise<OutboxMailSender> {
    if (this.config.PAYMENT_PROVIDER !== 'sandbox' || !(this.sender instanceof OutboxMailSender)) {
      throw new NotFoundException('the outbox is a page of the sandbox only');
    }
    const fromThisMachine = LOOPBACK.has(request.ip ?? '');
    if ((this.config.PUBLIC_BASE_URL ?? '').startsWith('https:') || !fromThisMachine) {
      const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      const staff = token ? await this.auth.verify(token) : null;
      if (!staff) throw new UnauthorizedException('the outbox is for organisers: log in first (Authorization: Bearer)');
      if (!staff.roles.includes('organiser')) throw new ForbiddenException('the outbox is for organisers');
    }
    return this.sender;
  }

  private context(request: Request, response: Response): PageContext {
    return pageContext(request, response, this.csrf, this.config.PUBLIC_BASE_URL ?? '');
  }

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async list(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    const mails = (await this.outbox(request)).list();
    const context = this.context(request, response);
    const say = translator(context.lang);
    return renderPage(context, { title: say('mail.outbox.title') }, <OutboxList mails={mails} say={say} />);
  }

  @Get(':messageId')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async view(
    @Param('messageId') messageId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const mail = (await this.outbox(request)).get(messageId);
    if (!mail) throw new NotFoundException('no such mail in the outbox');
    const context = this.context(request, response);
    return renderPage(context, { title: mail.subject }, <OutboxMailView mail={mail} say={translator(context.lang)} />);
  }
}
