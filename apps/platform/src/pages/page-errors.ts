import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { DomainError } from '@rw/event-store';
import type { Request, Response } from 'express';
import { statusOfDomainError } from '../http/domain-error-status';
import { LOGGER } from '../infrastructure/tokens';
import type { Logger } from '../logging/logger';
import { html } from '../sandbox/html';
import { catalogues, chooseLanguage } from './i18n';
import { layout } from './layout';

/** Page routes answer errors with a page in the visitor's language, not with JSON. */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const lang = chooseLanguage(request);
    const t = catalogues[lang];
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : exception instanceof DomainError
          ? statusOfDomainError(exception)
          : 500;
    if (status >= 500) this.logger.error({ err: exception }, 'page request failed');
    const detail = exception instanceof DomainError ? exception.message : undefined;
    const [title, text] =
      status === 404
        ? [t.notFoundTitle, t.notFound]
        : status === 403
          ? // a page opened from a private link (GET) was refused for its token, not for a form
            [t.forbiddenTitle, request.method === 'GET' ? t.linkNotValid : t.forbidden]
          : status === 429
            ? [t.invalidTitle, t.tooManyRequests]
            : status < 500
              ? [t.invalidTitle, detail ?? t.invalidRequest]
              : [t.errorTitle, t.error];
    const ctx = { lang, t, url: request.originalUrl, baseUrl: '', csrfToken: '' };
    response
      .status(status)
      .type('text/html; charset=utf-8')
      .send(
        layout(ctx, {
          title,
          body: html`<h1>${title}</h1><p role="alert">${text}</p><p><a href="/">${t.backHome}</a></p>`,
        }),
      );
  }
}
