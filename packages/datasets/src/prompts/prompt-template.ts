import type { TextToSqlRecord } from '../types.js';

/**
 * A prompt template: `source` becomes the encoder input, `target` the labels. Placeholders are `{question}`,
 * `{context}`, `{sql}` and `{db_id}`; `{{` and `}}` are literal braces.
 */
export interface PromptTemplate {
  name: string;
  source: string;
  target: string;
}

const PLACEHOLDERS = new Set(['question', 'context', 'sql', 'db_id']);

function fill(text: string, record: TextToSqlRecord, templateName: string): string {
  return text.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (match, key: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    if (key === undefined || !PLACEHOLDERS.has(key)) {
      throw new Error(
        `Prompt template '${templateName}': unknown placeholder '${match}'; expected {question}, {context}, {sql} or {db_id}.`,
      );
    }
    if (key === 'db_id') return record.dbId ?? '';
    return record[key as 'question' | 'context' | 'sql'];
  });
}

/**
 * Renders a record with a template. Pure string substitution in one pass, so values containing braces are
 * never re-expanded and the result depends only on the record and the template.
 *
 * @example
 * renderPrompt(getTemplate('flan-t5'), record); // { source: 'Given the database schema ...', target: 'SELECT ...' }
 */
export function renderPrompt(
  template: PromptTemplate,
  record: TextToSqlRecord,
): { source: string; target: string } {
  return {
    source: fill(template.source, record, template.name),
    target: fill(template.target, record, template.name),
  };
}
