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
 * for await (const { row, values } of readParquetRows('train.parquet', ['sql_prompt', 'sql'])) {
 *   console.log(row, values.sql_prompt, values.sql);
 * }
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
  for (const [index, group] of metadata.row_groups.entries()) {
    const rowEnd = rowStart + Number(group.num_rows);
    const read = (cols: readonly string[]) =>
      parquetReadObjects({ file, metadata, columns: [...cols], rowStart, rowEnd, compressors });
    let rows: Awaited<ReturnType<typeof read>>;
    try {
      rows = await read(columns);
    } catch (error) {
      // hyparquet's messages ("missing eof marker") name neither the file nor the place: find the column by
      // reading each alone, and report the row group and its rows.
      let field: string | undefined;
      for (const column of columns) {
        const failed = await read([column]).then(
          () => false,
          () => true,
        );
        if (failed) {
          field = column;
          break;
        }
      }
      throw new DatasetError(
        { file: path, field },
        `row group ${index} (rows ${rowStart}..${rowEnd - 1}) cannot be read: ${(error as Error).message}; ` +
          'the file is damaged or truncated',
        { cause: error },
      );
    }
    for (let i = 0; i < rows.length; i++) yield { row: rowStart + i, values: rows[i] };
    rowStart = rowEnd;
  }
}
