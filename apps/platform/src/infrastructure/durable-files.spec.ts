import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { DonorKeyStore, type EffectClaims, type EventStore, SqliteEventStore } from '@rw/event-store';
import { SchemaTooNew, schemaVersion } from '@rw/event-store/sqlite-migrations';
import { ReadModelDatabase } from '@rw/read-models';
import type { PrivateLinks } from '../accounts/private-links';
import { loadConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import { MAIL_SENT_FILE, MailDispatcher } from '../mail/mail-dispatcher';
import type { MailSender } from '../mail/mail-sender';
import { OutboxMailSender } from '../mail/outbox-mail-sender';
import { REACTIONS_FILE, ReactorRunner } from '../reactors/reactor-runner';
import { DONOR_KEY_FILE, EVENT_STORE_FILE, READ_MODEL_FILE } from './event-store.factory';
import type { ProjectionService } from './projection.service';

/**
 * Every durable SQLite file of DATA_DIR, opened through the platform's own code. `legacy` is the schema exactly as
 * the releases before schema migrations wrote it (user_version 0); such files are in the field and must open as
 * they are, rows and all, at schema version 1.
 */
interface DurableFile {
  name: string;
  legacy: string;
  rows: string;
  /** Opens the file as the platform does and returns how to close it. */
  open(dataDir: string): Promise<() => Promise<void>> | (() => Promise<void>);
  /** Reads the legacy rows back (after the file was opened by the platform). */
  read(db: DatabaseSync): unknown;
  expected: unknown;
  /** Reads the legacy rows back through the platform's own code, where it has a reading. */
  throughCode?(dataDir: string): void;
}

const quiet = { info() {}, error() {}, warn() {} } as unknown as Logger;
const lookupSecret = 'a secret kept in the vault file since its first start';
const lookupOf = (email: string) => createHmac('sha256', lookupSecret).update(email).digest('hex');

const files: DurableFile[] = [
  {
    name: EVENT_STORE_FILE,
    legacy: `
      CREATE TABLE IF NOT EXISTS events (
        position    INTEGER PRIMARY KEY,
        event_id    TEXT    NOT NULL UNIQUE,
        stream_id   TEXT    NOT NULL,
        revision    INTEGER NOT NULL,
        type        TEXT    NOT NULL,
        data        TEXT    NOT NULL,
        metadata    TEXT    NOT NULL,
        recorded_at TEXT    NOT NULL,
        UNIQUE (stream_id, revision)
      );`,
    rows: `INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at)
           VALUES ('e-1', 'walker-1', 0, 'Walked', '{"km":5}', '{}', '2026-05-01T10:00:00.000Z')`,
    open: (dir) => {
      const store = new SqliteEventStore(join(dir, EVENT_STORE_FILE));
      return () => store.close();
    },
    read: (db) => db.prepare('SELECT stream_id, type, data FROM events').all(),
    expected: [{ stream_id: 'walker-1', type: 'Walked', data: '{"km":5}' }],
  },
  {
    name: DONOR_KEY_FILE,
    legacy: `
      CREATE TABLE IF NOT EXISTS donor_keys (
        lookup   TEXT PRIMARY KEY,
        donor_id TEXT NOT NULL UNIQUE,
        key      BLOB NOT NULL
      );
      CREATE TABLE IF NOT EXISTS vault_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);`,
    rows: `INSERT INTO vault_settings VALUES ('lookup_secret', '${lookupSecret}');
           INSERT INTO donor_keys VALUES ('${lookupOf('ada@example.org')}', 'donor-ada', zeroblob(32));`,
    open: (dir) => {
      const keys = new DonorKeyStore(join(dir, DONOR_KEY_FILE));
      return async () => keys.close();
    },
    throughCode: (dir) => {
      const keys = new DonorKeyStore(join(dir, DONOR_KEY_FILE));
      // the stored lookup secret is still the one in use: the donor is found again, not given a new key
      expect(keys.keyFor('Ada@example.org').donorId).toBe('donor-ada');
      keys.close();
    },
    read: (db) => db.prepare('SELECT donor_id FROM donor_keys').all(),
    expected: [{ donor_id: 'donor-ada' }],
  },
  {
    name: READ_MODEL_FILE,
    legacy: `
      CREATE TABLE IF NOT EXISTS projection_checkpoints (
        name     TEXT PRIMARY KEY,
        version  INTEGER NOT NULL,
        position INTEGER
      );
      CREATE TABLE IF NOT EXISTS webhook_deliveries (
        provider    TEXT NOT NULL,
        delivery_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (provider, delivery_id)
      );
      CREATE INDEX IF NOT EXISTS webhook_deliveries_by_age ON webhook_deliveries (received_at);`,
    rows: `INSERT INTO projection_checkpoints VALUES ('teams', 3, 42);
           INSERT INTO webhook_deliveries VALUES ('stripe', 'evt_1', '2026-05-01T10:00:00.000Z');`,
    open: (dir) => {
      const database = new ReadModelDatabase(join(dir, READ_MODEL_FILE));
      return async () => database.close();
    },
    read: (db) => [
      db.prepare('SELECT * FROM projection_checkpoints').all(),
      db.prepare('SELECT delivery_id FROM webhook_deliveries').all(),
    ],
    expected: [[{ name: 'teams', version: 3, position: 42 }], [{ delivery_id: 'evt_1' }]],
  },
  {
    name: REACTIONS_FILE,
    legacy: `
      CREATE TABLE IF NOT EXISTS reactor_checkpoints (
        reactor  TEXT PRIMARY KEY,
        position INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS reactions (
        effect_key  TEXT PRIMARY KEY,
        reactor     TEXT NOT NULL,
        payload     TEXT NOT NULL,
        position    INTEGER NOT NULL,
        next_try_at INTEGER NOT NULL,
        failures    INTEGER NOT NULL DEFAULT 0,
        done        INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX IF NOT EXISTS reactions_pending ON reactions (done, next_try_at);`,
    rows: `INSERT INTO reactor_checkpoints VALUES ('pledges-due', 7);
           INSERT INTO reactions (effect_key, reactor, payload, position, next_try_at) VALUES ('k-1', 'pledges-due', '{}', 7, 0);`,
    open: (dir) => {
      const runner = new ReactorRunner(
        loadConfig({ DATA_DIR: dir }),
        undefined as unknown as EventStore,
        undefined as unknown as ProjectionService,
        undefined as unknown as EffectClaims,
        [],
        quiet,
      );
      return () => runner.onApplicationShutdown();
    },
    read: (db) => [
      db.prepare('SELECT * FROM reactor_checkpoints').all(),
      db.prepare('SELECT effect_key, done FROM reactions').all(),
    ],
    expected: [[{ reactor: 'pledges-due', position: 7 }], [{ effect_key: 'k-1', done: 0 }]],
  },
  {
    name: MAIL_SENT_FILE,
    legacy: `
      CREATE TABLE IF NOT EXISTS mail_sent (
        mail_key   TEXT PRIMARY KEY,
        message_id TEXT NOT NULL,
        sent_at    TEXT NOT NULL
      );`,
    rows: "INSERT INTO mail_sent VALUES ('receipt-d1', '<m1@example.org>', '2026-05-01T10:00:00.000Z')",
    open: (dir) => {
      const dispatcher = new MailDispatcher(
        loadConfig({ DATA_DIR: dir }),
        undefined as unknown as ProjectionService,
        undefined as unknown as PrivateLinks,
        undefined as unknown as EffectClaims,
        {} as MailSender,
        quiet,
        () => new Date(),
      );
      return () => dispatcher.onModuleDestroy();
    },
    read: (db) => db.prepare('SELECT mail_key FROM mail_sent').all(),
    expected: [{ mail_key: 'receipt-d1' }],
  },
  {
    name: 'mail-outbox.sqlite',
    legacy: `
      CREATE TABLE IF NOT EXISTS outbox_mail (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id TEXT NOT NULL UNIQUE,
        recipient  TEXT NOT NULL,
        subject    TEXT NOT NULL,
        text       TEXT NOT NULL,
        html       TEXT NOT NULL,
        sent_at    TEXT NOT NULL
      );`,
    rows: `INSERT INTO outbox_mail (message_id, recipient, subject, text, html, sent_at)
           VALUES ('<m1@example.org>', 'ada@example.org', 'Thank you', 'text', '<p>html</p>', '2026-05-01T10:00:00.000Z')`,
    open: (dir) => {
      const outbox = new OutboxMailSender(join(dir, 'mail-outbox.sqlite'), quiet);
      return async () => outbox.close();
    },
    throughCode: (dir) => {
      const outbox = new OutboxMailSender(join(dir, 'mail-outbox.sqlite'), quiet);
      expect(outbox.list().map((mail) => mail.subject)).toEqual(['Thank you']);
      outbox.close();
    },
    read: (db) => db.prepare('SELECT recipient FROM outbox_mail').all(),
    expected: [{ recipient: 'ada@example.org' }],
  },
];

const schemaOf = (file: string): string[] => {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return (
      db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all() as { sql: string | null }[]
    ).map((row) => JSON.stringify(row));
  } finally {
    db.close();
  }
};
const versionOf = (file: string): number => {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return schemaVersion(db);
  } finally {
    db.close();
  }
};

describe('the durable SQLite files of DATA_DIR, each at schema version 1', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rw-durable-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe.each(files)('$name', (durable) => {
    const legacyFile = (name = durable.name) => {
      const db = new DatabaseSync(join(dir, 'legacy', name));
      db.exec(durable.legacy);
      db.exec(durable.rows);
      db.close();
      return join(dir, 'legacy', name);
    };

    beforeEach(() => {
      rmSync(join(dir, 'legacy'), { recursive: true, force: true });
      mkdirSync(join(dir, 'legacy'), { recursive: true });
    });

    it('is created at version 1 with the schema the code before migrations made', async () => {
      const close = await durable.open(join(dir, 'fresh'));
      await close();
      const fresh = join(dir, 'fresh', durable.name);
      expect(versionOf(fresh)).toBe(1);
      const legacy = legacyFile();
      expect(schemaOf(fresh)).toEqual(schemaOf(legacy));
    });

    it('opens a file written before migrations (version 0) with its rows, and marks it version 1', async () => {
      const file = legacyFile();
      const before = schemaOf(file);
      const close = await durable.open(join(dir, 'legacy'));
      await close();
      expect(versionOf(file)).toBe(1);
      expect(schemaOf(file)).toEqual(before);
      const db = new DatabaseSync(file, { readOnly: true });
      expect(durable.read(db)).toEqual(durable.expected);
      db.close();
      durable.throughCode?.(join(dir, 'legacy'));
    });

    it('refuses a file of a newer release with a clear message, and leaves it as it was', async () => {
      const file = legacyFile();
      const db = new DatabaseSync(file);
      db.exec('PRAGMA user_version = 2');
      db.close();
      const before = schemaOf(file);
      await expect(async () => (await durable.open(join(dir, 'legacy')))()).rejects.toThrow(SchemaTooNew);
      await expect(async () => (await durable.open(join(dir, 'legacy')))()).rejects.toThrow(
        `${file} has schema version 2, but this release knows versions up to 1: it was written by a newer release of the platform`,
      );
      expect(versionOf(file)).toBe(2);
      expect(schemaOf(file)).toEqual(before);
      const reread = new DatabaseSync(file, { readOnly: true });
      expect(durable.read(reread)).toEqual(durable.expected);
      reread.close();
    });
  });
});
