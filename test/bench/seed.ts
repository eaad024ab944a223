/**
 * Seeds an event store file in a process of its own, so that the seeding's memory does not count in the peak RSS of
 * the scenario that then reads the events. `node seed.js <file> <count>`.
 */
import { fork } from 'node:child_process';
import { SqliteEventStore } from '@rw/event-store/adapters/sqlite';
import { seedDonations } from './fixtures';

export function seedInOwnProcess(file: string, count: number): Promise<void> {
  return new Promise((done, fail) => {
    const child = fork(__filename, [file, String(count)], { stdio: 'inherit' });
    child.on('error', fail);
    child.on('exit', (code, signal) =>
      code === 0 ? done() : fail(new Error(`seeding failed (code ${code}, signal ${signal})`)),
    );
  });
}

async function main(file: string, count: number): Promise<void> {
  const store = new SqliteEventStore(file);
  try {
    await seedDonations(store, count);
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  const [file, count] = process.argv.slice(2);
  main(file, Number(count)).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
