/**
 * Seeds the demo edition (`seed-demo`, through the real command handlers) into a DATA_DIR in a process of its own,
 * so that the seeding's memory does not count in the peak RSS of the scenario that then serves it.
 * `node demo-edition.js <dir> <scale>`.
 */
import { fork } from 'node:child_process';
import { demoPlan, type DemoScale } from '../../apps/cli/src/seed-demo/plan';
import { seedDemo } from '../../apps/cli/src/seed-demo/seed-demo';
import { loadConfig } from '../../apps/platform/src/config/config';
import { createLogger } from '../../apps/platform/src/logging/logger';
import { MailDispatcher } from '../../apps/platform/src/mail/mail-dispatcher';
import { createPlatform } from '../../apps/platform/src/platform';

export interface DemoEdition {
  scale: DemoScale;
  editionId: string;
  teamIds: string[];
  walkerIds: string[];
  /** For each walker (same index), the index of their team in `teamIds`. */
  walkerTeams: number[];
  raisedCents: number;
  seedSeconds: number;
}

/** The whole edition (329 teams, 2,142 walkers, 12,096 supporters) at scale 1; the small demo for a smoke run. */
export function demoScaleFor(benchScale: number): DemoScale {
  return benchScale >= 0.5 ? 'edition' : 'small';
}

/** `settings`: more of the platform's configuration (EVENT_STORE and its connection string to seed EventStoreDB). */
export function seedDemoInOwnProcess(
  dir: string,
  scale: DemoScale,
  settings: Record<string, string> = {},
): Promise<DemoEdition> {
  return new Promise((done, fail) => {
    const child = fork(__filename, [dir, scale, JSON.stringify(settings)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let seeded: DemoEdition | undefined;
    child.on('message', (message) => {
      seeded = message as DemoEdition;
    });
    child.on('error', fail);
    child.on('exit', (code, signal) =>
      code === 0 && seeded ? done(seeded) : fail(new Error(`seeding failed (code ${code}, signal ${signal})`)),
    );
  });
}

async function main(dir: string, scale: DemoScale, settings: Record<string, string>): Promise<void> {
  const config = loadConfig({ DATA_DIR: dir, ...settings });
  const logger = createLogger('silent');
  const report = await seedDemo(config, scale, { logger });
  // seed-demo leaves the mail the demo decided (welcomes, receipts) to the platform: sent here, before the clock
  // starts, so that no scenario measures the platform sending thousands of mails in the background
  const platform = await createPlatform({ config, logger });
  await platform.get(MailDispatcher).drain();
  await platform.close();
  const edition: DemoEdition = {
    scale,
    editionId: report.ids.editionId,
    teamIds: report.ids.teamIds,
    walkerIds: report.ids.walkerIds,
    walkerTeams: demoPlan(scale).walkers.map((w) => w.team),
    raisedCents: report.stats.raisedCents,
    seedSeconds: report.milliseconds / 1000,
  };
  await new Promise<void>((sent) => process.send?.(edition, () => sent()));
}

if (require.main === module) {
  const [dir, scale, settings] = process.argv.slice(2);
  main(dir, scale as DemoScale, JSON.parse(settings ?? '{}') as Record<string, string>).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
