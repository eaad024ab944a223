import { EsdbStandIn } from './server';

/**
 * `npm run esdb-stand-in -- --port 2113`: the EventStoreDB stand-in alone, in memory, until Ctrl-C, so that two
 * platform instances can be tried on one machine without a server (EVENT_STORE=esdb, EVENTSTORE_CONNECTION_STRING
 * as printed). A test double: nothing is kept when it stops.
 */
async function main(args: string[]): Promise<void> {
  let port = 2113;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = arg.startsWith('--port=') ? arg.slice('--port='.length) : arg === '--port' ? args[++i] : undefined;
    if (value === undefined) {
      throw new Error(`unknown argument ${arg}: usage npm run esdb-stand-in -- --port N`);
    }
    if (!/^\d+$/.test(value) || Number(value) > 65_535) throw new Error(`--port must be a port number, got ${value}`);
    port = Number(value);
  }
  const standIn = await EsdbStandIn.start({ port });
  process.stdout.write(`${standIn.connectionString}\n`);
  const stop = () => {
    void standIn.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`esdb-stand-in: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
