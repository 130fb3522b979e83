import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { DatasetError } from '../errors/dataset-error.js';

/** One parquet row with its 0-based index in the file. */
export interface ParquetRow {
  row: number;
  values: Record<string, unknown>;
}

/**
 * Streams the rows of a parquet file one row group at a time (memory stays at one row group), reading only
 * `columns`. Every codec parquet allows is accepted (snappy, gzip, zstd, brotli, lz4) through hyparquet, which
 * is pure JavaScript. A column missing from the file is an error naming the file, the column and the columns
 * that are there.
 *
 * @example
 * for await (const { row, values } of readParquetRows('train.parquet', ['sql_prompt', 'sql'])) { ... }
 */
export async function* readParquetRows(path: string, columns: readonly string[]): AsyncGenerator<ParquetRow> {
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    file = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new DatasetError({ file: path }, `not a readable parquet file (${(error as Error).message})`, {
      cause: error,
    });
  }
  const present = parquetSchema(metadata).children.map((child) => child.element.name);
  for (const column of columns) {
    if (!present.includes(column)) {
      throw new DatasetError(
        { file: path, field: column },
        `column missing from the parquet schema; found columns: ${present.join(', ')}`,
      );
    }
  }
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await parquetReadObjects({
      file,
      metadata,
      columns: [...columns],
      rowStart,
      rowEnd,
      compressors,
    });
    for (let i = 0; i < rows.length; i++) yield { row: rowStart + i, values: rows[i] };
    rowStart = rowEnd;
  }
}
