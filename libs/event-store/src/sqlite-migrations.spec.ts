import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import {
  type Migration,
  MigrationFailed,
  migrate,
  openSqliteFile,
  SchemaTooNew,
  schemaVersion,
} from './sqlite-migrations';

const notes: Migration = {
  description: 'notes',
  up: 'CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)',
};
const tags: Migration = {
  description: 'tags on notes',
  up: "ALTER TABLE notes ADD COLUMN tag TEXT NOT NULL DEFAULT 'none'; CREATE INDEX notes_by_tag ON notes (tag);",
};

const tables = (db: DatabaseSync): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (row) => row.name,
  );
const schema = (db: DatabaseSync): string[] =>
  (db.prepare('SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name').all() as { sql: string }[]).map(
    (row) => row.sql,
  );

describe('SQLite schema migrations (PRAGMA user_version)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rw-migrations-'));
    file = join(dir, 'sub', 'file.sqlite');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('brings a new file to the last version, creating its folder, each step once', () => {
    const calls: number[] = [];
    const counted = (n: number, sql: string): Migration => ({
      description: `step ${n}`,
      up: (db) => {
        calls.push(n);
        db.exec(sql);
      },
    });
    const steps = [counted(1, notes.up as string), counted(2, tags.up as string)];
    const db = openSqliteFile(file, 'PRAGMA journal_mode = WAL;', steps);
    expect(schemaVersion(db)).toBe(2);
    db.prepare("INSERT INTO notes (text, tag) VALUES ('hello', 'walk')").run();
    db.close();

    const again = openSqliteFile(file, 'PRAGMA journal_mode = WAL;', steps);
    expect(calls).toEqual([1, 2]);
    expect(again.prepare('SELECT text, tag FROM notes').all()).toEqual([{ text: 'hello', tag: 'walk' }]);
    again.close();
  });

  it('opens a file made before migrations (version 0, tables already there) without touching its rows', () => {
    const old = new DatabaseSync(join(dir, 'old.sqlite'));
    old.exec(notes.up as string);
    old.prepare("INSERT INTO notes (text) VALUES ('kept')").run();
    expect(schemaVersion(old)).toBe(0);

    migrate(old, [notes], 'old.sqlite');
    expect(schemaVersion(old)).toBe(1);
    expect(old.prepare('SELECT text FROM notes').all()).toEqual([{ text: 'kept' }]);

    const fresh = new DatabaseSync(':memory:');
    migrate(fresh, [notes], 'fresh');
    expect(schema(old)).toEqual(schema(fresh));
    old.close();
    fresh.close();
  });

  it('runs only the steps a file lacks', () => {
    const db = new DatabaseSync(join(dir, 'file.sqlite'));
    migrate(db, [notes], 'file.sqlite');
    db.prepare("INSERT INTO notes (text) VALUES ('from version 1')").run();
    let firstRanAgain = false;
    const first: Migration = { description: 'notes', up: () => (firstRanAgain = true) };
    migrate(db, [first, tags], 'file.sqlite');
    expect(firstRanAgain).toBe(false);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT text, tag FROM notes').all()).toEqual([{ text: 'from version 1', tag: 'none' }]);
    db.close();
  });

  it('refuses a file written by a newer release, saying so, and changes nothing', () => {
    const db = openSqliteFile(file, '', [notes, tags]);
    db.prepare("INSERT INTO notes (text) VALUES ('newer')").run();
    db.close();

    expect(() => openSqliteFile(file, '', [notes])).toThrow(SchemaTooNew);
    expect(() => openSqliteFile(file, '', [notes])).toThrow(
      `${file} has schema version 2, but this release knows versions up to 1: it was written by a newer release of the platform`,
    );
    const after = new DatabaseSync(file, { readOnly: true });
    expect(schemaVersion(after)).toBe(2);
    expect(after.prepare('SELECT text, tag FROM notes').all()).toEqual([{ text: 'newer', tag: 'none' }]);
    after.close();
  });

  it('leaves the file unchanged when a step fails, and names the step', () => {
    const db = openSqliteFile(file, '', [notes]);
    db.prepare("INSERT INTO notes (text) VALUES ('before')").run();
    db.close();
    const before = new DatabaseSync(file, { readOnly: true });
    const schemaBefore = schema(before);
    before.close();

    const broken: Migration = {
      description: 'a step that breaks half-way',
      up: (d) => {
        d.exec("CREATE TABLE half (id INTEGER); INSERT INTO notes (text, tag) VALUES ('half', 'x')");
        throw new Error('disk says no');
      },
    };
    expect(() => openSqliteFile(file, '', [notes, tags, broken])).toThrow(MigrationFailed);
    expect(() => openSqliteFile(file, '', [notes, tags, broken])).toThrow(
      `${file}: schema migration 3 (a step that breaks half-way) failed: disk says no; the file was left unchanged at schema version 1`,
    );

    const after = new DatabaseSync(file, { readOnly: true });
    expect(schemaVersion(after)).toBe(1);
    expect(schema(after)).toEqual(schemaBefore);
    expect(tables(after)).toEqual(['notes']);
    expect(after.prepare('SELECT * FROM notes').all()).toEqual([{ id: 1, text: 'before' }]);
    after.close();
  });

  it('leaves a new file empty when a SQL step is wrong', () => {
    const wrong: Migration = {
      description: 'a typo',
      up: 'CREATE TABLE ok (id INTEGER); CREAT TABLE typo (id INTEGER)',
    };
    expect(() => openSqliteFile(file, '', [notes, wrong])).toThrow(/schema migration 2 \(a typo\) failed: .*syntax/);
    expect(existsSync(file)).toBe(true);
    const after = new DatabaseSync(file, { readOnly: true });
    expect(schemaVersion(after)).toBe(0);
    expect(tables(after)).toEqual([]);
    after.close();
  });

  it('does not write to a file that is already at its version (a reader beside a writer is not blocked)', () => {
    const db = openSqliteFile(file, 'PRAGMA journal_mode = WAL;', [notes]);
    const writer = new DatabaseSync(file);
    writer.exec('BEGIN IMMEDIATE');
    try {
      // with the write lock held elsewhere and no busy timeout, any write attempt would fail at once
      const reader = openSqliteFile(file, 'PRAGMA busy_timeout = 0;', [notes]);
      expect(schemaVersion(reader)).toBe(1);
      reader.close();
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
      db.close();
    }
  });
});
