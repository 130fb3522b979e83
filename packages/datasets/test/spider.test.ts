import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DatasetError,
  loadSpider,
  loadSpiderTables,
  parseSpiderSchema,
  serializeSchema,
} from '../src/index.js';
import { sharedData, tempDir } from './helpers.js';

const spiderDir = sharedData('spider');

// A tables.json entry with a quoted column, a composite primary key and a foreign key.
const TABLES = [
  {
    db_id: 'shop',
    table_names: ['people', 'orders'],
    table_names_original: ['people', 'orders'],
    column_names: [
      [-1, '*'],
      [0, 'people id'],
      [0, 'home town'],
      [1, 'order id'],
      [1, 'people id'],
    ],
    column_names_original: [
      [-1, '*'],
      [0, 'People_ID'],
      [0, 'Home Town'],
      [1, 'Order_ID'],
      [1, 'People_ID'],
    ],
    column_types: ['text', 'number', 'text', 'number', 'number'],
    primary_keys: [1, [3, 4]],
    foreign_keys: [[4, 1]],
  },
];

function writeSpider(dir: string, split: unknown, tables: unknown = TABLES): void {
  writeFileSync(join(dir, 'tables.json'), JSON.stringify(tables));
  writeFileSync(join(dir, 'dev.json'), typeof split === 'string' ? split : JSON.stringify(split));
}

describe('loadSpider on the shared Spider copy', () => {
  it('returns 7,000 train, 1,659 train_others and 1,034 dev examples, each with its schema', async () => {
    const tables = await loadSpiderTables(join(spiderDir, 'tables.json'));
    expect(tables.size).toBe(166);
    const expected = { train: 7000, train_others: 1659, dev: 1034 } as const;
    for (const split of ['train', 'train_others', 'dev'] as const) {
      const { records, skipped } = await loadSpider({ dir: spiderDir, split });
      expect(records).toHaveLength(expected[split]);
      expect(skipped).toEqual([]);
      for (const r of records) {
        expect(r.schema).toEqual(tables.get(r.dbId));
        expect(r.context).toBe(serializeSchema(r.schema));
        expect(r.context.split('\n').filter((l) => l.startsWith('CREATE TABLE'))).toHaveLength(
          r.schema.tables.length,
        );
      }
    }
  });

  it('reads the official dev records (all fields) and the reduced train records alike', async () => {
    const raw = JSON.parse(readFileSync(join(spiderDir, 'dev.json'), 'utf8'));
    expect(Object.keys(raw[0])).toContain('query_toks');
    const dev = await loadSpider({ dir: spiderDir, split: 'dev' });
    expect(dev.records[0]).toMatchObject({
      id: 'dev-0',
      dbId: raw[0].db_id,
      question: raw[0].question,
      sql: raw[0].query,
      split: 'dev',
    });
    const train = await loadSpider({ dir: spiderDir, split: 'train', schemaFormat: 'compact' });
    expect(train.records[0]).toMatchObject({
      dbId: 'department_management',
      question: 'How many heads of the departments are older than 56 ?',
      sql: 'SELECT count(*) FROM head WHERE age  >  56',
    });
    expect(train.records[0].context).toBe(
      'department: Department_ID, Name, Creation, Ranking, Budget_in_Billions, Num_Employees | ' +
        'head: head_ID, name, born_state, age | management: department_ID, head_ID, temporary_acting',
    );
  });

  it('adds sample values read from the SQLite database', async () => {
    const dev = await loadSpider({ dir: spiderDir, split: 'dev', schemaFormat: 'compact', sampleValues: 2 });
    const concert = dev.records.find((r) => r.dbId === 'concert_singer')!;
    expect(concert.context).toContain('singer: Singer_ID (1, 2), Name (Joe Sharp, Timbaland),');
    const ddl = await loadSpider({ dir: spiderDir, split: 'dev', sampleValues: 1 });
    expect(ddl.records.find((r) => r.dbId === 'concert_singer')!.context).toContain(
      "INSERT INTO stadium VALUES (1, 'Raith Rovers', 'Stark''s Park', 10104, 4812, 1294, 2106);",
    );
  });

  it('names a missing database file, unless told to serialize without values', async () => {
    const others = loadSpider({ dir: spiderDir, split: 'train_others', sampleValues: 1 });
    await expect(others).rejects.toThrow(/database\/geo\/geo\.sqlite/);
    const noValues = await loadSpider({
      dir: spiderDir,
      split: 'train_others',
      sampleValues: 1,
      missingDatabase: 'no-values',
    });
    expect(noValues.records).toHaveLength(1659);
  });
});

describe('Spider schema serialization', () => {
  const schema = parseSpiderSchema(TABLES[0], 'tables.json', 0);

  it('writes CREATE TABLE statements with keys and quoted names', () => {
    expect(serializeSchema(schema)).toBe(
      [
        'CREATE TABLE people (People_ID number, "Home Town" text, PRIMARY KEY (People_ID));',
        'CREATE TABLE orders (Order_ID number, People_ID number, PRIMARY KEY (Order_ID, People_ID), ' +
          'FOREIGN KEY (People_ID) REFERENCES people(People_ID));',
      ].join('\n'),
    );
  });

  it('writes the compact form, with values when given', () => {
    expect(serializeSchema(schema, { format: 'compact' })).toBe(
      'people: People_ID, Home Town | orders: Order_ID, People_ID',
    );
    const samples = new Map([
      ['people', { rows: [[1, "O'Hare"]], columns: { People_ID: [1, 2], 'Home Town': ["O'Hare"] } }],
    ]);
    expect(serializeSchema(schema, { format: 'compact', samples })).toBe(
      "people: People_ID (1, 2), Home Town (O'Hare) | orders: Order_ID, People_ID",
    );
    expect(serializeSchema(schema, { samples }).split('\n')[1]).toBe(
      "INSERT INTO people VALUES (1, 'O''Hare');",
    );
  });
});

describe('loadSpider on malformed files', () => {
  it('names file, line and column of malformed JSON', async () => {
    const dir = tempDir();
    writeSpider(dir, '[{"db_id": "shop", "question": "q"\n "query": "x"}]');
    const call = loadSpider({ dir, split: 'dev' });
    await expect(call).rejects.toBeInstanceOf(DatasetError);
    await expect(call).rejects.toThrow(
      new RegExp(`${join(dir, 'dev.json')}: malformed JSON: line 2, column 2: `),
    );
  });

  it('names file, row and field of a record missing a field', async () => {
    const dir = tempDir();
    writeSpider(dir, [
      { db_id: 'shop', question: 'q', query: 'SELECT 1' },
      { db_id: 'shop', question: 'q2' },
    ]);
    await expect(loadSpider({ dir, split: 'dev' })).rejects.toThrow(
      `${join(dir, 'dev.json')}, row 1, field 'query': expected a string, found no such field`,
    );
  });

  it('rejects an empty query or a whitespace-only question naming file, row and field', async () => {
    const dir = tempDir();
    writeSpider(dir, [
      { db_id: 'shop', question: 'q', query: 'SELECT 1' },
      { db_id: 'shop', question: 'q', query: '' },
      { db_id: 'shop', question: ' \t\n', query: 'SELECT 3' },
    ]);
    const file = join(dir, 'dev.json');
    await expect(loadSpider({ dir, split: 'dev' })).rejects.toThrow(
      `${file}, row 1, field 'query': expected text, found an empty string`,
    );
    const skipped = await loadSpider({ dir, split: 'dev', onBadRow: 'skip' });
    expect(skipped.records.map((r) => r.sql)).toEqual(['SELECT 1']);
    expect(skipped.skipped.map((s) => s.reason)).toEqual([
      `${file}, row 1, field 'query': expected text, found an empty string`,
      `${file}, row 2, field 'question': expected text, found only whitespace (" \\t\\n")`,
    ]);
  });

  it('names the db_id that has no schema, and skips it with a count when asked', async () => {
    const dir = tempDir();
    writeSpider(dir, [
      { db_id: 'shop', question: 'q', query: 'SELECT 1' },
      { db_id: 'nowhere', question: 'q', query: 'SELECT 2' },
      { db_id: 'shop', question: 7, query: 'SELECT 3' },
    ]);
    await expect(loadSpider({ dir, split: 'dev' })).rejects.toThrow(
      /dev\.json, row 1, field 'db_id': database 'nowhere' has no schema in .*tables\.json/,
    );
    const skipped = await loadSpider({ dir, split: 'dev', onBadRow: 'skip' });
    expect(skipped.records.map((r) => r.sql)).toEqual(['SELECT 1']);
    expect(skipped.skipped.map((s) => [s.row, s.reason.match(/field '(\w+)'/)?.[1]])).toEqual([
      [1, 'db_id'],
      [2, 'question'],
    ]);
  });

  it('names the tables.json entry and field that is malformed', async () => {
    const dir = tempDir();
    const bad = [{ ...TABLES[0], primary_keys: [99] }];
    writeSpider(dir, [], bad);
    await expect(loadSpider({ dir, split: 'dev' })).rejects.toThrow(
      /tables\.json, row 0, field 'primary_keys': column index 99/,
    );
    writeSpider(dir, [], [{ ...TABLES[0], column_types: 'text' }]);
    await expect(loadSpider({ dir, split: 'dev' })).rejects.toThrow(
      /row 0, field 'column_types': expected an array/,
    );
  });

  it('reads a database copied into a temp layout (official layout, not the shared path)', async () => {
    const dir = tempDir();
    const tables = JSON.parse(readFileSync(join(spiderDir, 'tables.json'), 'utf8'));
    writeSpider(
      dir,
      [{ db_id: 'concert_singer', question: 'How many singers?', query: 'SELECT count(*) FROM singer' }],
      tables,
    );
    mkdirSync(join(dir, 'database', 'concert_singer'), { recursive: true });
    copyFileSync(
      join(spiderDir, 'database', 'concert_singer', 'concert_singer.sqlite'),
      join(dir, 'database', 'concert_singer', 'concert_singer.sqlite'),
    );
    const { records } = await loadSpider({ dir, split: 'dev', schemaFormat: 'compact', sampleValues: 1 });
    expect(records[0].context).toContain('singer: Singer_ID (1), Name (Joe Sharp)');
  });
});
