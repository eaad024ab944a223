import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';

/**
 * Stylesheets and browser scripts are files in `apps/platform/src/assets/` (linted by biome like the rest; the build
 * copies them beside the compiled code). Each is served under a name carrying a hash of its content,
 * `/assets/site.3f2a9c1b.css`, so a browser may keep it for a year: a changed file is a new address. Pages name them
 * only through `assetUrl()`; the content security policy allows scripts and styles from the site itself, so no
 * inline script or style is needed anywhere.
 */
const ASSETS_DIR = join(__dirname, '..', 'assets');

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

interface Asset {
  /** `site.css` */
  name: string;
  /** `site.3f2a9c1b.css` */
  hashedName: string;
  type: string;
  body: Buffer;
}

const byName = new Map<string, Asset>();
const byHashedName = new Map<string, Asset>();

/** The first 8 hex digits of the SHA-256 of the content: enough to tell versions of one file apart. */
export const contentHash = (body: Buffer): string => createHash('sha256').update(body).digest('hex').slice(0, 8);

function add(name: string, body: Buffer): void {
  const extension = extname(name);
  const type = TYPES[extension];
  if (!type) throw new Error(`asset ${name}: only .css and .js files are served`);
  const previous = byName.get(name);
  if (previous) byHashedName.delete(previous.hashedName);
  const asset = {
    name,
    hashedName: `${name.slice(0, -extension.length)}.${contentHash(body)}${extension}`,
    type,
    body,
  };
  byName.set(name, asset);
  byHashedName.set(asset.hashedName, asset);
}

for (const file of readdirSync(ASSETS_DIR)) {
  if (TYPES[extname(file)]) add(file, readFileSync(join(ASSETS_DIR, file)));
}

/**
 * The address of an asset, with its content hash: `assetUrl('site.css')` is `/assets/site.3f2a9c1b.css`. An unknown
 * name is a programming error and fails where the page is rendered (and in its tests), never as a 404 in a browser.
 */
export function assetUrl(name: string): string {
  const asset = byName.get(name);
  if (!asset) throw new Error(`no asset ${name} in ${ASSETS_DIR}`);
  return `/assets/${asset.hashedName}`;
}

/**
 * @deprecated A stylesheet or script is a file in `apps/platform/src/assets/`. This keeps code that still holds one
 * as a string working (served and hashed like the files) until it is moved.
 */
export function registerAsset(name: string, type: 'css' | 'js', body: string): void {
  add(name.endsWith(`.${type}`) ? name : `${name}.${type}`, Buffer.from(body));
}

const YEAR_IN_SECONDS = 365 * 24 * 3600;

@Controller('assets')
export class AssetsController {
  /**
   * A hashed name never changes content: cached for a year, `immutable` so that a reload does not even ask. The plain
   * name (`/assets/site.css`, the address before hashes, or in a page cached from then) is sent to the current
   * version, never cached itself; a hash that is not the current one is a 404.
   */
  @Get(':file')
  asset(@Param('file') file: string, @Res() response: Response) {
    const asset = byHashedName.get(file);
    if (asset) {
      response.setHeader('Cache-Control', `public, max-age=${YEAR_IN_SECONDS}, immutable`);
      response.type(asset.type).send(asset.body);
      return;
    }
    const current = byName.get(file);
    if (!current) throw new NotFoundException(`no asset ${file}`);
    response.setHeader('Cache-Control', 'no-cache');
    response.redirect(302, `/assets/${current.hashedName}`);
  }
}
