import { readFile } from 'node:fs/promises';
import { MetricsFileError } from '../errors.js';

/** How a predictions / references file is laid out. */
export type RecordFormat = 'auto' | 'jsonl' | 'text';

/** One record per line: a prediction, or one reference / a list of references. */
export type TextRecord = string | string[];

const FIELDS = ['prediction', 'predictions', 'reference', 'references', 'text'] as const;

function fromJson(value: unknown, file: string, line: number): TextRecord {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      if (typeof v !== 'string') {
        throw new MetricsFileError(
          file,
          `${file}:${line}: element ${i} of the array is ${typeof v}; expected a string`,
          {
            line,
          },
        );
      }
    });
    return value as string[];
  }
  if (value !== null && typeof value === 'object') {
    for (const key of FIELDS) {
      if (key in value) return fromJson((value as Record<string, unknown>)[key], file, line);
    }
    throw new MetricsFileError(
      file,
      `${file}:${line}: object has none of the fields ${FIELDS.join(', ')}; found ${Object.keys(value).join(', ') || 'no fields'}`,
      { line },
    );
  }
  throw new MetricsFileError(
    file,
    `${file}:${line}: expected a JSON string, array of strings or object, found ${String(value)}`,
    { line },
  );
}

/**
 * Reads one record per line. JSON lines (`.jsonl` / `.ndjson`, or `format: 'jsonl'`): each line a JSON string, an
 * array of strings (several references) or an object with a `prediction`, `reference(s)` or `text` field; this is
 * the only way to carry text with newlines (rougeLsum). Plain text: each line is one record, `\r` stripped. A final
 * newline does not add an empty record.
 */
export async function readRecords(file: string, format: RecordFormat = 'auto'): Promise<TextRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new MetricsFileError(file, `cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  const jsonl = format === 'jsonl' || (format === 'auto' && /\.(jsonl|ndjson)$/i.test(file));
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (!jsonl) return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  return lines.map((l, i) => {
    let value: unknown;
    try {
      value = JSON.parse(l);
    } catch (err) {
      throw new MetricsFileError(file, `${file}:${i + 1}: not valid JSON (${(err as Error).message})`, {
        line: i + 1,
        cause: err,
      });
    }
    return fromJson(value, file, i + 1);
  });
}
