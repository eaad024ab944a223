import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { built } from '../support/built';

// The read side (read models, pages, screen, desk) must not load the payment SDKs or the EventStoreDB gRPC client:
// each entry point, compiled for this run, is required in a fresh node process and the
// process's require.cache is searched for them. The whole application does load them, which shows the probe works.
const root = join(__dirname, '..', '..');
const ADAPTER_PACKAGES = /[\\/]node_modules[\\/](stripe|@mollie|@grpc|@eventstore)[\\/]/;

function adapterPackagesLoadedBy(entry: string): string[] {
  const script = `
    require(${JSON.stringify(built(entry))});
    const pattern = ${ADAPTER_PACKAGES.toString()};
    const found = Object.keys(require.cache).filter((file) => pattern.test(file)).map((file) => pattern.exec(file)[1]);
    process.stdout.write(JSON.stringify([...new Set(found)].sort()));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' })) as string[];
}

describe('entry points of the read side load no adapter', () => {
  it.each([
    'libs/read-models/src/index.js',
    'libs/fundraising/src/index.js',
    'apps/platform/src/pages/pages.module.js',
    'apps/platform/src/screen/screen.module.js',
    'apps/platform/src/desk/desk.module.js',
  ])('%s loads neither stripe, @mollie, @grpc nor @eventstore', (entry) => {
    expect(adapterPackagesLoadedBy(entry)).toEqual([]);
  });

  it('the whole application does load them (the write side opens the configured adapters)', () => {
    expect(adapterPackagesLoadedBy('apps/platform/src/app.module.js')).toEqual([
      '@eventstore',
      '@grpc',
      '@mollie',
      'stripe',
    ]);
  });
});
