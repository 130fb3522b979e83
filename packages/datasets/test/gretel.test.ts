import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync } from 'hyparquet';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetError, GRETEL_COLUMNS, loadGretel, loadSpider } from '../src/index.js';
import { sharedData, tempDir } from './helpers.js';

const gretelDir = sharedData('spider-as-gretel');

type Row = Record<(typeof GRETEL_COLUMNS)[number], string | bigint | null>;
function row(id: number, overrides: Partial<Row> = {}): Row {
  return {
    id: BigInt(id),
    domain: 'retail',
    domain_description: 'Shops',
    sql_complexity: 'basic SQL',
    sql_complexity_description: 'simple',
    sql_task_type: 'analytics and reporting',
    sql_task_type_description: 'reports',
    sql_prompt: `Question ${id}?`,
    sql_context: 'CREATE TABLE sales (id INT, amount DECIMAL);',
    sql: `SELECT ${id} FROM sales;`,
    sql_explanation: 'Selects.',
    ...overrides,
  };
}

/** Writes rows in Gretel's schema (int64 id, string columns) with snappy, as pyarrow does; `drop` omits a column. */
function writeGretel(path: string, rows: Row[], drop?: string): void {
  parquetWriteFile({
    filename: path,
    columnData: GRETEL_COLUMNS.filter((c) => c !== drop).map((name) => ({
      name,
      data: rows.map((r) => r[name]),
      type: name === 'id' ? ('INT64' as const) : ('STRING' as const),
    })),
    rowGroupSize: 2,
  });
}

describe('loadGretel on the shared Spider-in-Gretel-format parquet files', () => {
  it('reads 7,000 train and 1,034 test rows with every field', async () => {
    const train = await loadGretel({ path: gretelDir, split: 'train' });
    const test = await loadGretel({ path: gretelDir, split: 'test' });
    expect(train.records).toHaveLength(7000);
    expect(test.records).toHaveLength(1034);
    expect(train.files).toEqual([join(gretelDir, 'synthetic_text_to_sql_train.snappy.parquet')]);
    // The rows are Spider's (the README says so): the test split is dev.json, in order.
    const dev = await loadSpider({ dir: sharedData('spider'), split: 'dev' });
    expect(test.records.map((r) => [r.question, r.sql])).toEqual(dev.records.map((r) => [r.question, r.sql]));
    expect(test.records[0]).toMatchObject({
      id: '1',
      question: 'How many singers do we have?',
      sql: 'SELECT count(*) FROM singer',
      domain: 'concert_singer',
      sqlComplexity: 'aggregation',
    });
    expect(test.records[0].context.startsWith('CREATE TABLE "stadium"')).toBe(true);
  });
});

describe('loadGretel on parquet files written by the test', () => {
  it('streams several row groups in order', async () => {
    const path = join(tempDir(), 'ok.parquet');
    writeGretel(path, [row(1), row(2), row(3), row(4), row(5)]);
    const { records } = await loadGretel({ path, split: 'train' });
    expect(records.map((r) => r.id)).toEqual(['1', '2', '3', '4', '5']);
    expect(records[4]).toMatchObject({
      question: 'Question 5?',
      sql: 'SELECT 5 FROM sales;',
      domain: 'retail',
    });
  });

  it('names the file and column when a column is missing', async () => {
    const path = join(tempDir(), 'no-sql.parquet');
    writeGretel(path, [row(1)], 'sql');
    const call = loadGretel({ path, split: 'train' });
    await expect(call).rejects.toBeInstanceOf(DatasetError);
    await expect(call).rejects.toThrow(`${path}, field 'sql': column missing from the parquet schema`);
  });

  it('names file, row and field of a null value, and skips it with a count when asked', async () => {
    const path = join(tempDir(), 'null.parquet');
    writeGretel(path, [row(1), row(2), row(3, { sql_context: null }), row(4)]);
    await expect(loadGretel({ path, split: 'train' })).rejects.toThrow(
      `${path}, row 2, field 'sql_context': expected a string, found null`,
    );
    const skipped = await loadGretel({ path, split: 'train', onBadRow: 'skip' });
    expect(skipped.records.map((r) => r.id)).toEqual(['1', '2', '4']);
    expect(skipped.skipped).toHaveLength(1);
    expect(skipped.skipped[0]).toMatchObject({ file: path, row: 2 });
  });

  it('rejects a blank sql_prompt or sql naming file, row and field', async () => {
    const path = join(tempDir(), 'blank.parquet');
    writeGretel(path, [row(1), row(2, { sql_prompt: '  ' }), row(3, { sql: '' })]);
    await expect(loadGretel({ path, split: 'train' })).rejects.toThrow(
      `${path}, row 1, field 'sql_prompt': expected text, found only whitespace ("  ")`,
    );
    const skipped = await loadGretel({ path, split: 'train', onBadRow: 'skip' });
    expect(skipped.records.map((r) => r.id)).toEqual(['1']);
    expect(skipped.skipped[1].reason).toBe(
      `${path}, row 2, field 'sql': expected text, found an empty string`,
    );
  });

  it('names the file, row group, rows and column of a file damaged in the middle', async () => {
    const path = join(tempDir(), 'damaged.parquet');
    writeGretel(path, [row(1), row(2), row(3), row(4), row(5)]);
    // Overwrite row group 1's `sql` chunk; the footer stays intact, so the damage shows only when reading it.
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path));
    const chunk = metadata.row_groups[1].columns[GRETEL_COLUMNS.indexOf('sql')].meta_data!;
    const start = Number(chunk.data_page_offset);
    const bytes = readFileSync(path);
    bytes.fill(0xff, start, start + Number(chunk.total_compressed_size));
    writeFileSync(path, bytes);
    const error = await loadGretel({ path, split: 'train' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).field).toBe('sql');
    const { message } = error as DatasetError;
    expect(
      message.startsWith(`${path}, field 'sql': row group 1 (rows 2..3) cannot be read: `),
      message,
    ).toBe(true);
    expect(message.endsWith('; the file is damaged or truncated'), message).toBe(true);
  });

  it('names a file that is not parquet', async () => {
    const path = join(tempDir(), 'x.parquet');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, 'not parquet at all');
    await expect(loadGretel({ path, split: 'test' })).rejects.toThrow(`${path}: not a readable parquet file`);
  });
});

describe('loadGretel from the hub', () => {
  // A minimal hub on 127.0.0.1 serving the shared test file under the real dataset's repo and file name.
  let server: Server;
  let endpoint: string;
  const bytes = readFileSync(join(gretelDir, 'synthetic_text_to_sql_test.snappy.parquet'));
  const etag = createHash('sha256').update(bytes).digest('hex');
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (
        req.url !==
        '/datasets/gretelai/synthetic_text_to_sql/resolve/main/synthetic_text_to_sql_test.snappy.parquet'
      ) {
        return void res.writeHead(404, { 'X-Error-Code': 'EntryNotFound' }).end();
      }
      res.writeHead(200, {
        'X-Repo-Commit': 'f'.repeat(40),
        ETag: `"${etag}"`,
        'Content-Length': bytes.length,
      });
      res.end(req.method === 'HEAD' ? undefined : bytes);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('downloads into the HF cache (datasets--gretelai--synthetic_text_to_sql) and reads it', async () => {
    const cacheDir = tempDir();
    const { records, files } = await loadGretel({
      split: 'test',
      // offline: false explicitly, so an ambient HF_HUB_OFFLINE=1 (CI sets it) does not turn this into a cache read.
      hub: { endpoint, cacheDir, quiet: true, token: false, offline: false },
    });
    expect(records).toHaveLength(1034);
    expect(files[0]).toBe(
      join(
        cacheDir,
        'datasets--gretelai--synthetic_text_to_sql',
        'snapshots',
        'f'.repeat(40),
        'synthetic_text_to_sql_test.snappy.parquet',
      ),
    );
    const offline = await loadGretel({ split: 'test', hub: { cacheDir, offline: true } });
    expect(offline.records).toHaveLength(1034);
  });
});
