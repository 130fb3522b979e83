import { DatasetOptionError } from '../errors/datasets-error.js';
import { encodeSqlTarget } from '../target-encoding/encode-sql-target.js';
import {
  DEFAULT_SQL_TARGET_ENCODING,
  type SqlTargetEncoding,
  assertSqlTargetEncoding,
} from '../target-encoding/sql-target-encoding.js';
import type { TextToSqlRecord } from '../types.js';

/**
 * A prompt template: `source` becomes the encoder input, `target` the labels. Placeholders are `{question}`,
 * `{context}`, `{sql}` and `{db_id}`; `{{` and `}}` are literal braces.
 */
export interface PromptTemplate {
  name: string;
  source: string;
  target: string;
  /**
   * How the rendered target is spelled for the model, and so how generated text is read back
   * (`decodeSqlTarget`). Default `t5-escape`: T5's vocabulary has no `<` (nor `{ } ~ ^ \` and the backquote), and
   * the escaped target survives its tokenizer exactly. `none` keeps the SQL as it is.
   */
  sqlEncoding?: SqlTargetEncoding;
}

const PLACEHOLDERS = new Set(['question', 'context', 'sql', 'db_id']);

function fill(text: string, record: TextToSqlRecord, templateName: string): string {
  return text.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (match, key: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    if (key === undefined || !PLACEHOLDERS.has(key)) {
      throw new DatasetOptionError(
        `Prompt template '${templateName}': unknown placeholder '${match}'; expected {question}, {context}, {sql} or {db_id}.`,
      );
    }
    if (key === 'db_id') return record.dbId ?? '';
    return record[key as 'question' | 'context' | 'sql'];
  });
}

/**
 * Renders a record with a template. Pure string substitution in one pass, so values containing braces are
 * never re-expanded and the result depends only on the record and the template. The target is then spelled
 * with the template's `sqlEncoding` (`encodeSqlTarget`; `t5-escape` unless the template says `none`).
 *
 * @example
 * renderPrompt(getTemplate('flan-t5'), record); // { source: 'Given the database schema ...', target: 'SELECT ...' }
 * renderPrompt(getTemplate('t5-instruct'), { ...record, sql: 'SELECT a FROM t WHERE b < 2' }).target;
 * // 'SELECT a FROM t WHERE b #lt 2'
 */
export function renderPrompt(
  template: PromptTemplate,
  record: TextToSqlRecord,
): { source: string; target: string } {
  const encoding = template.sqlEncoding ?? DEFAULT_SQL_TARGET_ENCODING;
  assertSqlTargetEncoding(encoding, `Prompt template '${template.name}'`);
  return {
    source: fill(template.source, record, template.name),
    target: encodeSqlTarget(fill(template.target, record, template.name), encoding),
  };
}
