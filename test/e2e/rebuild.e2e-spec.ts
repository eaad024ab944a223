import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { loadConfig } from '../../apps/platform/src/config/config';
import { rebuildProjections } from '../../apps/cli/src/rebuild-projections';
import { startPlatform, type TestPlatform } from '../support/platform';
import { WALK_DAY } from '../support/fixtures';

/** Every row of every table of a read-model file, in a stable order. */
function dump(file: string): Record<string, unknown[]> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[];
    return Object.fromEntries(
      tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1, 2`).all()]),
    );
  } finally {
    db.close();
  }
}

describe('rebuilding the read models from zero', () => {
  let platform: TestPlatform;

  afterEach(async () => {
    await platform.dispose();
  });

  it('gives read models equal to the live ones', async () => {
    platform = await startPlatform();
    const auth = await platform.adminAuth();
    for (const name of ['Walk 2025', 'Walk 2026', 'Walk 2027']) {
      await platform.http
        .post('/api/editions')
        .set(auth)
        .send({ name, date: WALK_DAY, routes: [{ name: 'Official', distanceKm: 40, kind: 'official' }] })
        .expect(201);
    }
    await platform.http
      .post('/api/accounts')
      .set(auth)
      .send({ email: 'org@refugeewalk.test', name: 'Org', password: 'long enough password', roles: ['organiser'] })
      .expect(201);
    await platform.stop();
    const file = join(platform.dataDir, 'read-models.sqlite');
    const live = dump(file);
    expect(live.editions).toHaveLength(3);
    expect(live.accounts).toHaveLength(2);

    const report = await rebuildProjections(loadConfig({ DATA_DIR: platform.dataDir }));
    expect(report.projections).toEqual(expect.arrayContaining(['accounts', 'editions']));
    expect(dump(file)).toEqual(live);
  });

  it('refuses to rebuild while the platform runs on the same data folder', async () => {
    platform = await startPlatform();
    await expect(rebuildProjections(loadConfig({ DATA_DIR: platform.dataDir }))).rejects.toThrow(
      /in use by the platform/,
    );
  });

  it('keeps everything across a restart and does not create the first admin twice', async () => {
    platform = await startPlatform();
    const auth = await platform.adminAuth();
    const created = await platform.http
      .post('/api/editions')
      .set(auth)
      .send({ name: 'Walk', date: WALK_DAY, routes: [{ name: 'Official', distanceKm: 40, kind: 'official' }] })
      .expect(201);
    await platform.stop();
    const dataDir = platform.dataDir;
    const again = await startPlatform({}, dataDir);
    try {
      await again.http.get(`/api/editions/${created.body.id}/stats`).expect(200);
      const rows = dump(join(dataDir, 'read-models.sqlite'));
      expect(rows.accounts).toHaveLength(1);
      await again.adminAuth();
    } finally {
      await again.stop();
    }
  });
});
