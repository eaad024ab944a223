import { Module } from 'node:module';

/**
 * nock 15 is ESM only and Jest (without --experimental-vm-modules) cannot require it: Node's own loader can, and
 * nock then patches the core http/https modules that Jest shares with the code under test.
 */
export const nock: typeof import('nock').default = (
  Module as unknown as { _load(request: string): typeof import('nock') }
)._load(require.resolve('nock')).default;
