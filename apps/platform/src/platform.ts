import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication, NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { AppModule, type PlatformOptions } from './app.module';
import { verifyBody } from './http/body-limits';
import { ErrorFilter } from './http/error.filter';
import { API_DOCS_PATH, serveApiDocs } from './http/openapi';
import { noStoreForPrivateAnswers, secureCookies } from './http/private-answers';
import { createValidationPipe } from './http/validation';
import { PinoNestLogger } from './logging/logger';

/** Pages load their one stylesheet and small scripts from /assets: no inline script or style anywhere. */
const PAGE_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  // a checkout form redirects to the payment provider's hosted page
  formAction: ["'self'", 'https:'],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  upgradeInsecureRequests: null,
};

/** Builds the whole platform (used by main.ts and by the end-to-end tests), ready to listen. */
export async function createPlatform(options: PlatformOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: new PinoNestLogger(options.logger),
    bufferLogs: false,
    // the body parsers below keep the exact bytes themselves (verifyBody): webhook signatures are computed over them
    rawBody: false,
  });
  app.set(
    'trust proxy',
    options.config.TRUST_PROXY.split(',').map((part) => part.trim()),
  );
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger: options.logger,
      // A short line per request: no headers at all, so no token or cookie can reach the logs (redacting them cost
      // a copy of every request's headers, the largest part of serving a cached leaderboard)
      wrapSerializers: false,
      serializers: {
        req: (request: Request) => ({
          id: request.id,
          method: request.method,
          url: request.originalUrl ?? request.url,
          remoteAddress: request.ip,
          userAgent: request.headers['user-agent'],
        }),
        res: (response: Response) => ({ statusCode: response.statusCode }),
      },
      genReqId: (request, response) => {
        const given = request.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
        response.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (request) => /^\/health(\/|$)/.test(request.url ?? '') },
    }),
  );
  const pageHelmet = helmet({ contentSecurityPolicy: { directives: PAGE_SECURITY_POLICY } });
  // the API's documentation page (Swagger UI) has inline <style> blocks and style attributes: styles only are
  // allowed inline there; its scripts are files, as everywhere
  const docsHelmet = helmet({
    contentSecurityPolicy: { directives: { ...PAGE_SECURITY_POLICY, styleSrc: ["'self'", "'unsafe-inline'"] } },
  });
  app.use((request: Request, response: Response, next: () => void) =>
    (request.path === `/${API_DOCS_PATH}` || request.path.startsWith(`/${API_DOCS_PATH}/`) ? docsHelmet : pageHelmet)(
      request,
      response,
      next,
    ),
  );
  app.use(noStoreForPrivateAnswers);
  if ((options.config.PUBLIC_BASE_URL ?? '').startsWith('https:')) app.use(secureCookies);
  // Nest's types reserve `verify` for its own rawBody option (off here): verifyBody keeps the raw bytes instead
  app.useBodyParser('json', { limit: '256kb', verify: verifyBody } as NestExpressBodyParserOptionsFor<'json'>);
  // flat forms (extended: false): a form body cannot nest
  app.useBodyParser('urlencoded', {
    limit: '16kb',
    extended: false,
    verify: verifyBody,
  } as NestExpressBodyParserOptionsFor<'urlencoded'>);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ErrorFilter(options.logger));
  serveApiDocs(app);
  await app.init();
  return app;
}
