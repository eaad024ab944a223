import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import { DomainError } from '@rw/event-store';
import type { Request, Response } from 'express';
import { statusOfDomainError } from '../http/domain-error-status';
import { LOGGER } from '../infrastructure/tokens';
import type { Logger } from '../logging/logger';
import { chooseLanguage, refusal, translator } from '../i18n';
import type { PageContext } from './layout';
import { errorPage } from './views/error-page';

/** Page routes answer errors with a page in the visitor's language, not with JSON. */
@Catch()
export class PageErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const lang = chooseLanguage(request);
    const t = translator(lang);
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : exception instanceof DomainError
          ? statusOfDomainError(exception)
          : 500;
    if (status >= 500) this.logger.error({ err: exception }, 'page request failed');
    // a refusal in the visitor's language, not the English of the JSON API
    const detail = exception instanceof DomainError ? refusal(lang, exception).message : undefined;
    const [title, text] =
      status === 404
        ? [t('pages.notFoundTitle'), t('pages.notFound')]
        : status === 403
          ? // a page opened from a private link (GET) was refused for its token, not for a form
            [t('pages.forbiddenTitle'), t(request.method === 'GET' ? 'pages.linkNotValid' : 'pages.forbidden')]
          : status === 429
            ? [t('pages.invalidTitle'), t('pages.tooManyRequests')]
            : status < 500
              ? [t('pages.invalidTitle'), detail ?? t('pages.invalidRequest')]
              : [t('pages.errorTitle'), t('pages.error')];
    const ctx: PageContext = { lang, t, url: request.originalUrl, baseUrl: '', csrfToken: '' };
    response
      .status(status)
      .type('text/html; charset=utf-8')
      .send(errorPage(ctx, title, text));
  }
}
