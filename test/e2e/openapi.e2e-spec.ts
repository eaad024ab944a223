import { startPlatform, type TestPlatform } from '../support/platform';

interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema: { $ref?: string; type?: string } }> };
}
interface Schema {
  type?: string;
  properties?: Record<string, { type?: string; $ref?: string; enum?: unknown[]; minimum?: number; format?: string }>;
  required?: string[];
  additionalProperties?: boolean;
}
interface ApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** The routes the HTTP server really serves under /api/, as `METHOD /path/{param}`; the docs' own pages aside. */
function servedApiRoutes(platform: TestPlatform): string[] {
  const express = platform.app.getHttpAdapter().getInstance();
  const stack = (express.router ?? express._router).stack as {
    route?: { path: string; methods: Record<string, boolean> };
  }[];
  return stack
    .flatMap(({ route }) =>
      route ? Object.keys(route.methods).map((method) => `${method.toUpperCase()} ${route.path}`) : [],
    )
    .filter((route) => / \/api\//.test(route) && !/ \/api\/docs(-json|\/|$)/.test(route))
    .map((route) => route.replace(/:(\w+)/g, '{$1}'))
    .sort();
}

function documentedRoutes(document: ApiDocument): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

function bodySchemaName(document: ApiDocument, method: string, path: string): string | undefined {
  return document.paths[path]?.[method]?.requestBody?.content['application/json']?.schema.$ref?.replace(
    '#/components/schemas/',
    '',
  );
}

describe('the OpenAPI document of the JSON API', () => {
  let platform: TestPlatform;
  let document: ApiDocument;

  beforeAll(async () => {
    platform = await startPlatform();
    const response = await platform.http.get('/api/docs-json').expect(200).expect('Content-Type', /json/);
    document = response.body as ApiDocument;
  });

  afterAll(async () => {
    await platform?.dispose();
  });

  it('names every /api route the server serves, with its method, and nothing else', () => {
    const served = servedApiRoutes(platform);
    expect(served.length).toBeGreaterThan(30);
    expect(served).toContain('POST /api/donations');
    expect(served).toContain('GET /api/finance/tax-certificates/{year}/{number}.pdf');
    expect(documentedRoutes(document)).toEqual(served);
    expect(document.openapi).toMatch(/^3\./);
  });

  it('describes the main request bodies by their DTO, with the rules the validation applies', () => {
    const bodies: [string, string, string][] = [
      ['post', '/api/donations', 'CreateDonationDto'],
      ['post', '/api/donations/offline', 'OfflineDonationDto'],
      ['post', '/api/donations/{id}/refunds', 'RefundDto'],
      ['post', '/api/editions', 'CreateEditionDto'],
      ['post', '/api/editions/{id}/teams', 'RegisterTeamDto'],
      ['post', '/api/teams/{id}/walkers', 'JoinTeamDto'],
      ['post', '/api/walkers/{id}/distance', 'DistanceDto'],
      ['post', '/api/pledges', 'MakePledgeDto'],
      ['post', '/api/auth/login', 'LoginDto'],
      ['post', '/api/accounts', 'CreateAccountDto'],
    ];
    for (const [method, path, dto] of bodies) {
      expect({ route: `${method} ${path}`, body: bodySchemaName(document, method, path) }).toEqual({
        route: `${method} ${path}`,
        body: dto,
      });
      const schema = document.components.schemas[dto];
      expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(0);
      // unknown fields are refused with 400 (forbidNonWhitelisted), which the document says
      expect(schema.additionalProperties).toBe(false);
    }

    const donation = document.components.schemas.CreateDonationDto;
    expect(donation.required).toEqual(expect.arrayContaining(['beneficiary', 'amountCents', 'frequency', 'donor']));
    expect(donation.required).not.toContain('message');
    expect(donation.properties?.amountCents).toEqual({ type: 'integer', minimum: 100, maximum: 10_000_000 });
    expect(donation.properties?.frequency?.enum).toEqual(['one_off', 'monthly']);
    expect(donation.properties?.donor).toEqual({ $ref: '#/components/schemas/DonorDto' });
    const donor = document.components.schemas.DonorDto;
    expect(donor.properties?.email).toMatchObject({ type: 'string', format: 'email' });
    expect(donor.properties?.address).toEqual({ $ref: '#/components/schemas/DonorAddressDto' });
    expect(donor.required).toEqual(['email']);
  });

  it('describes query DTOs as parameters, the Idempotency-Key header and which calls need a staff token', () => {
    const leaderboard = document.paths['/api/editions/{id}/leaderboard'].get as Operation & { security?: unknown };
    expect(leaderboard.parameters).toEqual(
      expect.arrayContaining([
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'kind', in: 'query', required: false, schema: { enum: ['teams', 'walkers'] } },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } },
      ]),
    );
    expect(leaderboard.security).toBeUndefined();
    const ledger = document.paths['/api/finance/export'].get as Operation & { security?: unknown };
    expect(ledger.parameters?.map((p) => [p.name, p.in, p.required])).toEqual([
      ['from', 'query', true],
      ['to', 'query', true],
      ['format', 'query', true],
    ]);
    expect(ledger.security).toEqual([{ bearer: [] }]);
    for (const path of ['/api/donations', '/api/donations/offline', '/api/donations/{id}/refunds']) {
      expect(document.paths[path].post.parameters?.map((p) => `${p.in} ${p.name}`)).toContain('header Idempotency-Key');
    }
    const cancel = document.paths['/api/donations/{id}/cancel-monthly'].post;
    expect(cancel.parameters?.map((p) => `${p.in} ${p.name}`)).toContain('query token');
    // query DTOs are parameters, not schemas of their own, unless a body has the same class
    expect(Object.keys(document.components.schemas)).not.toContain('LedgerExportQueryDto');
    expect(document.paths['/api/donors/access'].get.parameters?.map((p) => `${p.in} ${p.name}`)).toEqual([
      'query email',
    ]);
    expect(bodySchemaName(document, 'post', '/api/donors/erase')).toBe('DonorEmailDto');
    expect(document.components.schemas.DonorEmailDto.required).toEqual(['email']);
  });

  it('says what the validation does: a body the document refuses is refused with 400', async () => {
    const donation = document.components.schemas.CreateDonationDto;
    expect(donation.properties?.amountCents?.minimum).toBe(100);
    const response = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'edition', id: 'nowhere' },
        amountCents: 99,
        frequency: 'one_off',
        donor: { name: 'Ann', email: 'ann@example.org' },
      })
      .expect(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'amountCents' })]));
  });

  it('serves the documentation page under the strict script policy, its scripts as files', async () => {
    const page = await platform.http.get('/api/docs').expect(200).expect('Content-Type', /html/);
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe/);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map(([, src]) => src);
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    for (const src of scripts) {
      const script = await platform.http.get(new URL(src, 'http://host/api/docs').pathname).expect(200);
      expect(script.headers['content-type']).toMatch(/javascript/);
    }
    // the pages elsewhere keep their policy: no inline style anywhere
    const home = await platform.http.get('/health');
    expect(String(home.headers['content-security-policy'])).toContain("style-src 'self';");
  });
});
