import { BadRequestException, Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { isLanguage, LANGUAGES, type Language } from '@rw/kernel';
import { fundraiserIdOf } from '@rw/read-models';
import type { Request, Response } from 'express';
import { PlatformConfig } from '../../config/config';
import { chooseLanguage } from '../../i18n';
import { ProjectionService } from '../../infrastructure/projection.service';
import { qrCodeSvg } from '../../screen/give-qr';
import { CardCache, cardETag, drawCard } from './card-png';
import { type CardKind, cardRequest, publicPageUrl } from './page-card';

/**
 * How long a browser or a social network may show a card without asking again; after that it asks with its ETag
 * and gets a 304 until the figures change.
 */
const CARD_MAX_AGE_SECONDS = 300;

/**
 * The share card of a walker's or team's page (its Open Graph image) and the page's QR code for print. Both are
 * public, like the pages; the card is drawn again only when its figures change.
 */
// no error page: an image's address is read by programs (social networks, printers' tools), the refusal says why
@Controller()
export class ShareCardsController {
  private readonly cards = new CardCache();

  constructor(
    private readonly config: PlatformConfig,
    private readonly projections: ProjectionService,
  ) {}

  @Get('walkers/:id/card.png')
  walkerCard(@Param('id') id: string, @Req() request: Request, @Res() response: Response) {
    return this.card('walker', id, request, response);
  }

  @Get('teams/:id/card.png')
  teamCard(@Param('id') id: string, @Req() request: Request, @Res() response: Response) {
    return this.card('team', id, request, response);
  }

  @Get('walkers/:id/qr.svg')
  walkerQr(@Param('id') id: string, @Res() response: Response) {
    return this.qr('walker', id, response);
  }

  @Get('teams/:id/qr.svg')
  teamQr(@Param('id') id: string, @Res() response: Response) {
    return this.qr('team', id, response);
  }

  /** The card's language: `?lang=` (the page's own, as its og:image names it), else the visitor's; no cookie set. */
  private language(request: Request): Language {
    const asked = request.query.lang;
    if (asked !== undefined && !isLanguage(asked)) {
      throw new BadRequestException(`lang must be one of ${LANGUAGES.join(', ')}`);
    }
    return chooseLanguage(request);
  }

  private async card(kind: CardKind, idOrSlug: string, request: Request, response: Response) {
    const language = this.language(request);
    const id = fundraiserIdOf(this.projections.db, kind, idOrSlug);
    const card = id && cardRequest(this.projections.db, this.config.PUBLIC_BASE_URL, kind, id, language);
    if (!card) throw new NotFoundException(`no ${kind} ${idOrSlug}`);
    const etag = cardETag(card);
    response.setHeader('ETag', etag);
    response.setHeader('Cache-Control', `public, max-age=${CARD_MAX_AGE_SECONDS}`);
    // without ?lang= the card follows the visitor's cookie or browser language
    response.setHeader('Vary', 'Accept-Language, Cookie');
    if (ifNoneMatch(request, etag)) {
      response.status(304).end();
      return;
    }
    const png = await this.cards.get(etag, () => drawCard(card));
    response.type('image/png').send(png);
  }

  private async qr(kind: CardKind, idOrSlug: string, response: Response) {
    const id = fundraiserIdOf(this.projections.db, kind, idOrSlug);
    const url = id ? publicPageUrl(this.config.PUBLIC_BASE_URL, kind, id) : undefined;
    if (!id) throw new NotFoundException(`no ${kind} ${idOrSlug}`);
    // a code is only worth printing with the platform's public address: a phone cannot open a path alone
    if (!url) throw new NotFoundException('no QR code: the platform has no public address (PUBLIC_BASE_URL)');
    response.setHeader('Cache-Control', 'public, max-age=86400');
    response.setHeader('Content-Disposition', `attachment; filename="qr-${kind}-${id}.svg"`);
    response.type('image/svg+xml').send(await qrCodeSvg(url));
  }
}

/** Whether the request's If-None-Match names this ETag (a list, weak tags and `*` as HTTP allows). */
function ifNoneMatch(request: Request, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etag || tag === '*');
}
