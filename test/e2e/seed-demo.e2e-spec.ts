import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { leaderboard } from '@rw/read-models';
import { demoPlan } from '../../apps/cli/src/seed-demo/plan';
import { EventStoreNotEmpty, type SeedReport, seedDemo } from '../../apps/cli/src/seed-demo/seed-demo';
import { loadConfig } from '../../apps/platform/src/config/config';
import { createLogger } from '../../apps/platform/src/logging/logger';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

/** The small demo in a fresh DATA_DIR, and its leaderboards without the (random) ids. */
async function seedSmall(dir: string): Promise<{ report: SeedReport; boards: unknown }> {
  const report = await seedDemo(loadConfig({ DATA_DIR: dir }), 'small', { logger });
  const db = new DatabaseSync(join(dir, 'read-models.sqlite'), { readOnly: true });
  try {
    const board = (kind: 'teams' | 'walkers') =>
      leaderboard(db, report.ids.editionId, { kind, limit: 100 }).map(({ id: _id, ...entry }) => entry);
    return { report, boards: { teams: board('teams'), walkers: board('walkers') } };
  } finally {
    db.close();
  }
}

describe('seed-demo: a deterministic demo edition written through the command handlers', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-seed-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('plans the same demo on every call', () => {
    expect(demoPlan('small')).toEqual(demoPlan('small'));
    const edition = demoPlan('edition').expected;
    expect(edition).toMatchObject({ teams: 329, walkers: 2142, supporters: 12_096 });
    expect(edition.raisedCents).toBeGreaterThan(470_000_00);
    expect(edition.raisedCents).toBeLessThan(490_000_00);
    expect(edition.oneOff.donors / edition.supporters).toBeCloseTo(0.735, 2);
    expect(edition.monthly.raisedCents / edition.monthly.payments).toBeCloseTo(13_87, -2);
  });

  it('shows exactly the small demo’s figures, and the same ones in a second fresh folder', async () => {
    const first = await seedSmall(freshDir());
    expect(first.report.stats).toEqual({
      teams: 5,
      walkers: 20,
      supporters: 55,
      raisedCents: 1_610_29,
      pledgedOpenCents: 0,
    });
    expect(first.report.expected).toMatchObject({
      teams: 5,
      walkers: 20,
      supporters: 55,
      raisedCents: 1_610_29,
      oneOff: { donors: 44, gifts: 47, raisedCents: 1_460_29 },
      monthly: { donors: 11, payments: 15, raisedCents: 150_00 },
      unpaidGifts: 2,
      fees: { paid: 18, waived: 2, pending: 0 },
    });
    expect(first.report.ids.donationIds).toHaveLength(60);

    const second = await seedSmall(freshDir());
    expect(second.report.stats).toEqual(first.report.stats);
    expect(second.boards).toEqual(first.boards);
    expect(second.report.ids.editionId).not.toBe(first.report.ids.editionId);
  });

  it('refuses an event store that already holds events, and writes nothing', async () => {
    const dir = freshDir();
    await seedDemo(loadConfig({ DATA_DIR: dir }), 'small', { logger });
    const events = () => {
      const db = new DatabaseSync(join(dir, 'events.sqlite'), { readOnly: true });
      try {
        return Number((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n);
      } finally {
        db.close();
      }
    };
    const before = events();
    await expect(seedDemo(loadConfig({ DATA_DIR: dir }), 'small', { logger })).rejects.toThrow(EventStoreNotEmpty);
    expect(events()).toBe(before);
  });
});
