import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError, SQL_CREATE_CONTEXT_FILE, loadSqlCreateContext } from '../src/index.js';
import { tempDir } from './helpers.js';

// Records in the published file's shape (b-mc2/sql-create-context, sql_create_context_v4.json).
const RECORDS = [
  {
    answer: 'SELECT COUNT(*) FROM head WHERE age > 56',
    question: 'How many heads of the departments are older than 56 ?',
    context: 'CREATE TABLE head (age INTEGER)',
  },
  {
    answer: 'SELECT name, born_state, age FROM head ORDER BY age',
    question: 'List the name, born state and age of the heads of departments ordered by age.',
    context: 'CREATE TABLE head (name VARCHAR, born_state VARCHAR, age VARCHAR)',
  },
];

describe('loadSqlCreateContext', () => {
  it('reads a local file, or a folder holding sql_create_context_v4.json', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, SQL_CREATE_CONTEXT_FILE), JSON.stringify(RECORDS, null, 2));
    const byDir = await loadSqlCreateContext({ path: dir });
    const byFile = await loadSqlCreateContext({ path: join(dir, SQL_CREATE_CONTEXT_FILE) });
    expect(byDir).toEqual(byFile);
    expect(byDir.records).toEqual([
      {
        id: 'sql-create-context-0',
        question: RECORDS[0].question,
        context: RECORDS[0].context,
        sql: RECORDS[0].answer,
      },
      {
        id: 'sql-create-context-1',
        question: RECORDS[1].question,
        context: RECORDS[1].context,
        sql: RECORDS[1].answer,
      },
    ]);
  });

  it('names file, line and column of malformed JSON', async () => {
    const path = join(tempDir(), 'bad.json');
    writeFileSync(path, '[\n  {"question": "q", "context": "c", "answer": "a"},\n  {"question": }\n]');
    const call = loadSqlCreateContext({ path });
    await expect(call).rejects.toBeInstanceOf(DatasetError);
    await expect(call).rejects.toThrow(/bad\.json: malformed JSON: line 3, column 16: /);
  });

  it('names file, row and field of a bad record; skips with a count when asked', async () => {
    const path = join(tempDir(), 'rows.json');
    writeFileSync(path, JSON.stringify([RECORDS[0], { question: 'q', context: 'c' }, RECORDS[1], 'oops']));
    await expect(loadSqlCreateContext({ path })).rejects.toThrow(
      `${path}, row 1, field 'answer': expected a string, found no such field`,
    );
    const { records, skipped } = await loadSqlCreateContext({ path, onBadRow: 'skip' });
    expect(records.map((r) => r.id)).toEqual(['sql-create-context-0', 'sql-create-context-2']);
    expect(skipped.map((s) => s.row)).toEqual([1, 3]);
    expect(skipped[1].reason).toMatch(/row 3: expected an object/);
  });

  it('rejects a blank question or answer naming file, row and field', async () => {
    const path = join(tempDir(), 'blank.json');
    writeFileSync(path, JSON.stringify([RECORDS[0], { ...RECORDS[1], question: '   ' }]));
    await expect(loadSqlCreateContext({ path })).rejects.toThrow(
      `${path}, row 1, field 'question': expected text, found only whitespace ("   ")`,
    );
    writeFileSync(path, JSON.stringify([{ ...RECORDS[0], answer: '' }]));
    await expect(loadSqlCreateContext({ path })).rejects.toThrow(
      `${path}, row 0, field 'answer': expected text, found an empty string`,
    );
  });

  it('rejects a file that is not an array', async () => {
    const path = join(tempDir(), 'obj.json');
    writeFileSync(path, '{"data": []}');
    await expect(loadSqlCreateContext({ path })).rejects.toThrow(
      `${path}: expected a JSON array of records, found object`,
    );
  });
});
