import { DatasetOptionError } from '../errors/datasets-error.js';
import {
  DEFAULT_SQL_TARGET_ENCODING,
  type SqlTargetEncoding,
} from '../target-encoding/sql-target-encoding.js';
import type { PromptTemplate } from './prompt-template.js';

/**
 * The prompt templates the experiments use, by name. Each has an instruction, the schema/context, the question
 * and an answer cue; the target is the gold SQL alone, escaped for T5's vocabulary (`sqlEncoding: 't5-escape'`,
 * see `encodeSqlTarget`). T5's tokenizer turns newlines into spaces, so line breaks only matter for reading.
 */
export const BUILTIN_TEMPLATES: Readonly<Record<string, PromptTemplate>> = {
  // T5 was pre-trained with task prefixes ("translate English to German: ..."); this follows that convention.
  't5-instruct': {
    name: 't5-instruct',
    source: 'translate English to SQL: tables: {context} question: {question} SQL:',
    target: '{sql}',
    sqlEncoding: 't5-escape',
  },
  // Flan-T5 was instruction-tuned on natural-language instructions; the cue "SQL:" ends the prompt.
  'flan-t5': {
    name: 'flan-t5',
    source:
      'Given the database schema below, write the SQL query that answers the question.\n\n' +
      'Schema:\n{context}\n\nQuestion: {question}\n\nSQL:',
    target: '{sql}',
    sqlEncoding: 't5-escape',
  },
  // The minimal sql-create-context style: the tables, then the question.
  'tables-question': {
    name: 'tables-question',
    source: 'tables: {context} query for: {question}',
    target: '{sql}',
    sqlEncoding: 't5-escape',
  },
};

/** Options of {@link getTemplate}. */
export interface GetTemplateOptions {
  /** Overrides the template's target encoding; `none` trains on the SQL as it is. */
  sqlEncoding?: SqlTargetEncoding;
}

/**
 * Resolves a template: a built-in name, a custom {@link PromptTemplate}, or a source string (target `{sql}`).
 * The result always names its `sqlEncoding`: the option, else the template's, else `t5-escape`.
 *
 * @example
 * getTemplate('flan-t5');
 * getTemplate('Schema: {context} Q: {question} A:');
 * getTemplate('t5-instruct', { sqlEncoding: 'none' }); // targets are the raw SQL
 */
export function getTemplate(
  template: string | PromptTemplate,
  options: GetTemplateOptions = {},
): PromptTemplate {
  const withEncoding = (t: PromptTemplate): PromptTemplate => ({
    ...t,
    sqlEncoding: options.sqlEncoding ?? t.sqlEncoding ?? DEFAULT_SQL_TARGET_ENCODING,
  });
  if (typeof template !== 'string') return withEncoding(template);
  const builtin = BUILTIN_TEMPLATES[template];
  if (builtin) return withEncoding(builtin);
  if (template.includes('{')) return withEncoding({ name: 'custom', source: template, target: '{sql}' });
  throw new DatasetOptionError(
    `Unknown prompt template '${template}': expected one of ${Object.keys(BUILTIN_TEMPLATES).join(', ')}, ` +
      'or a template string with {question} and {context} placeholders.',
  );
}
