import { Controller, Get, Header, NotFoundException, Param, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { editionStats, teamView, walkerView } from '@rw/read-models';
import type { Request, Response } from 'express';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { euros, html, raw } from '../sandbox/html';
import { CsrfGuard, CsrfTokens } from './csrf';
import { chooseLanguage, isLang } from './i18n';
import { layout, type PageContext, pageContext, progress, walkDay } from './layout';
import { PageErrorFilter } from './page-errors';
import { editionSummary, latestEditionId, walkerTargets } from '@rw/read-models';

/** A share box: the address in a field to copy, and plain links (no third-party scripts). */
export function shareBox(ctx: PageContext, url: string, text: string) {
  const encoded = encodeURIComponent(url);
  const message = encodeURIComponent(`${text} ${url}`);
  return raw(html`<section class="card" aria-labelledby="share-title">
<h2 id="share-title">${ctx.t.share}</h2>
<label for="share-url">${ctx.t.shareLink}</label>
<input id="share-url" class="share-link" type="text" readonly value="${url}">
<div class="actions">
  <button type="button" data-copy="share-url" data-copied="${ctx.t.linkCopied}" hidden>${ctx.t.copyLink}</button>
  <a class="button" href="mailto:?subject=${encodeURIComponent(text)}&amp;body=${message}">E-mail</a>
  <a class="button" href="https://wa.me/?text=${message}">WhatsApp</a>
  <a class="button" href="https://www.facebook.com/sharer/sharer.php?u=${encoded}">Facebook</a>
</div>
</section>`);
}

/** The public pages: server-rendered HTML in the visitor's language, working without JavaScript. */
@Controller()
@UseGuards(CsrfGuard)
@UseFilters(PageErrorFilter)
export class PagesController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly projections: ProjectionService,
    private readonly csrf: CsrfTokens,
  ) {}

  private context(request: Request, response: Response): PageContext {
    return pageContext(request, response, this.csrf, this.baseUrl);
  }

  private get baseUrl(): string {
    return this.config.PUBLIC_BASE_URL ?? '';
  }

  @Get()
  home(@Req() request: Request, @Res() response: Response) {
    const editionId = latestEditionId(this.projections.db);
    if (!editionId) throw new NotFoundException('no edition yet');
    // a language asked for on the way in is remembered (its cookie) and carried to the edition's page
    const asked = isLang(request.query.lang) ? chooseLanguage(request, response) : undefined;
    response.redirect(302, `/editions/${encodeURIComponent(editionId)}${asked ? `?lang=${asked}` : ''}`);
  }

  @Get('editions/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  edition(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const edition = editionSummary(this.projections.db, id);
    // the same figures as GET /api/editions/:id/stats, computed once per read-model position
    const stats = this.projections.fromReadModels(JSON.stringify(['stats', id]), () =>
      editionStats(this.projections.db, id),
    );
    if (!edition || !stats) throw new NotFoundException(`no edition ${id}`);
    const ctx = this.context(request, response);
    const { t } = ctx;
    const url = `${this.baseUrl}/editions/${id}`;
    return layout(ctx, {
      title: edition.name,
      og: { title: edition.name, description: t.editionIntro, url },
      body: html`<h1>${edition.name}</h1>
<p class="lead"><strong>${walkDay(ctx, edition.walkOn)}</strong> · ${t.editionIntro}</p>
<section class="card" aria-label="${t.raised}">
${progress(ctx, stats.raisedCents, 0, euros)}
</section>
<ul class="stats">
  <li><strong>${stats.teams}</strong> ${t.teams}</li>
  <li><strong>${stats.walkers}</strong> ${t.walkers}</li>
  <li><strong>${stats.supporters}</strong> ${t.supporters}</li>
</ul>
<div class="actions">
  <a class="button primary" href="/editions/${id}/register">${t.registerTeam}</a>
  <a class="button" href="/editions/${id}/give">${t.give}</a>
</div>
${shareBox(ctx, url, edition.name)}`,
    });
  }

  @Get('walkers/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  walker(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const walker = walkerView(this.projections.db, id);
    if (!walker) throw new NotFoundException(`no walker ${id}`);
    const team = teamView(this.projections.db, walker.teamId);
    const ctx = this.context(request, response);
    const { t } = ctx;
    const url = `${this.baseUrl}/walkers/${id}`;
    const wall = walker.supporters.length
      ? html`<ul class="wall">${raw(
          walker.supporters
            .map(
              (s) =>
                html`<li>${raw(s.amountCents === undefined ? '' : html`<span class="gift">${euros(s.amountCents)}</span>`)}<span class="who">${
                  s.name === 'anonymous' ? t.anonymous : s.name
                }</span>${raw(s.message ? html`<q>${s.message}</q>` : '')}</li>`,
            )
            .join(''),
        )}</ul>`
      : html`<p>${t.noSupportersYet}</p>`;
    return layout(ctx, {
      title: walker.name,
      og: { title: t.giveTo(walker.name), description: walker.story.slice(0, 200) || t.editionIntro, url },
      body: html`<h1>${walker.name}</h1>
${raw(team ? html`<p class="lead">${raw(t.walkerOf(html`<a href="/teams/${team.id}">${team.name}</a>`))}</p>` : '')}
<div class="columns">
<div>
<section class="card" aria-label="${t.raised}">
${progress(ctx, walker.raisedCents, walker.targetCents, euros)}
<div class="actions"><a class="button primary" href="/walkers/${id}/give">${t.giveTo(walker.name)}</a></div>
</section>
${raw(walker.story ? html`<h2>${t.story}</h2><p class="story">${walker.story}</p>` : '')}
<h2>${t.supportersWall}</h2>
${raw(wall)}
</div>
<div>${shareBox(ctx, url, t.giveTo(walker.name))}</div>
</div>`,
    });
  }

  @Get('teams/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  team(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const team = teamView(this.projections.db, id);
    if (!team) throw new NotFoundException(`no team ${id}`);
    const ctx = this.context(request, response);
    const { t } = ctx;
    const url = `${this.baseUrl}/teams/${id}`;
    const targets = walkerTargets(this.projections.db, id);
    const walkers = team.walkers
      .map(
        (w) => html`<li><a href="/walkers/${w.id}">${w.name}</a>
${progress(ctx, w.raisedCents, targets.get(w.id) ?? 0, euros)}</li>`,
      )
      .join('');
    return layout(ctx, {
      title: team.name,
      og: { title: t.giveTo(team.name), description: t.editionIntro, url },
      body: html`<h1>${t.team} ${team.name}</h1>
<div class="columns">
<div>
<section class="card" aria-label="${t.raised}">
${progress(ctx, team.raisedCents, team.targetCents, euros)}
<div class="actions"><a class="button primary" href="/teams/${id}/give">${t.giveTo(team.name)}</a></div>
</section>
<h2>${t.teamWalkers}</h2>
<ul class="walkers">${raw(walkers)}</ul>
</div>
<div>${shareBox(ctx, url, t.giveTo(team.name))}</div>
</div>`,
    });
  }
}
