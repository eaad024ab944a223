import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assetUrl, contentHash, registerAsset } from '../../apps/platform/src/views/assets';
import { createEdition } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

const YEAR = 'public, max-age=31536000, immutable';

describe('stylesheets and scripts as files, served by content hash', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startPlatform();
  });

  afterAll(async () => {
    await platform.dispose();
  });

  it('names every file of the assets folder by the hash of its content', () => {
    for (const name of ['site.css', 'site.js', 'screen.css', 'screen.js', 'give-amount.js', 'checkout-tax.js']) {
      const body = readFileSync(join(__dirname, '../../apps/platform/src/assets', name));
      const [base, extension] = name.split(/\.(?=[a-z]+$)/);
      expect(assetUrl(name)).toBe(`/assets/${base}.${contentHash(body)}.${extension}`);
    }
    expect(() => assetUrl('nothing.css')).toThrow('no asset nothing.css');
  });

  it('serves a hashed address for a year, immutable, with its type', async () => {
    const css = await platform.http.get(assetUrl('site.css')).expect(200);
    expect(css.headers['cache-control']).toBe(YEAR);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.text).toContain('.skip-link');
    const js = await platform.http.get(assetUrl('screen.js')).expect(200);
    expect(js.headers['cache-control']).toBe(YEAR);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('sends the old address to the current version, without caching the redirect', async () => {
    const old = await platform.http.get('/assets/site.css').expect(302);
    expect(old.headers.location).toBe(assetUrl('site.css'));
    expect(old.headers['cache-control']).toBe('no-cache');
    await platform.http.get('/assets/site.00000000.css').expect(404);
    await platform.http.get('/assets/nothing.js').expect(404);
    await platform.http.get('/assets/__proto__').expect(404);
  });

  it('gives a changed file a new address, and the old version is gone', async () => {
    registerAsset('probe.js', 'js', 'console.log(1);\n');
    const first = assetUrl('probe.js');
    expect((await platform.http.get(first).expect(200)).text).toBe('console.log(1);\n');
    registerAsset('probe.js', 'js', 'console.log(2);\n');
    const second = assetUrl('probe.js');
    expect(second).not.toBe(first);
    expect((await platform.http.get(second).expect(200)).text).toBe('console.log(2);\n');
    await platform.http.get(first).expect(404);
  });

  it('names the assets of a page by their hashed address, under a policy that allows only the site itself', async () => {
    const edition = await createEdition(platform);
    const screen = await platform.http.get(`/editions/${edition.id}/screen`).expect(200);
    expect(screen.text).toContain(`<link rel="stylesheet" href="${assetUrl('screen.css')}"/>`);
    expect(screen.text).toContain(`<script src="${assetUrl('screen.js')}" defer></script>`);
    expect(screen.headers['content-security-policy']).toContain("script-src 'self'");
    const login = await platform.http.get('/desk/login').expect(200);
    expect(login.text).toContain(`<link rel="stylesheet" href="${assetUrl('site.css')}"`);
    expect(login.text).toContain(`<script src="${assetUrl('site.js')}" defer></script>`);
    expect(login.text).not.toMatch(/\/assets\/site\.(css|js)"/);
  });
});
