/**
 * Parts of a scenario that must run in a process of their own (a platform instance, the EventStoreDB stand-in), so
 * that each has its own event loop as it would in production: `node own-process.js <part> [args…]`. The part
 * sends what the scenario needs (an address) once ready, and stops when told to.
 */
import { fork } from 'node:child_process';
import { EsdbStandIn } from '../esdb-stand-in/server';
import { startBenchPlatform } from './http';

export interface OwnProcess {
  /** What the part sent once ready: the platform's address or the stand-in's connection string. */
  address: string;
  stop(): Promise<void>;
}

/** Starts a part and resolves once it is ready. */
export function startOwnProcess(part: 'stand-in' | 'platform', args: string[] = []): Promise<OwnProcess> {
  return new Promise((ready, fail) => {
    const child = fork(__filename, [part, ...args], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`${part} exited before it was ready (${code ?? signal})`)));
    child.once('message', (message) =>
      ready({
        address: (message as { address: string }).address,
        stop: async () => {
          child.send('stop');
          await exited;
        },
      }),
    );
  });
}

async function main([part, ...args]: string[]): Promise<void> {
  let stop: () => Promise<void>;
  let address: string;
  if (part === 'stand-in') {
    const standIn = await EsdbStandIn.start();
    address = standIn.connectionString;
    stop = () => standIn.stop();
  } else if (part === 'platform') {
    const [dir, connectionString, secret] = args;
    const platform = await startBenchPlatform(dir, {
      EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: connectionString,
      PERSONAL_DATA_SECRET: secret,
    });
    address = platform.url;
    stop = () => platform.close();
  } else {
    throw new Error(`no part named ${part}`);
  }
  process.once('message', () => {
    void stop().finally(() => process.exit(0));
  });
  process.send?.({ address });
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
