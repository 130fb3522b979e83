import type { PromptTemplate } from './prompt-template.js';

/**
 * The prompt templates the experiments use, by name. Each has an instruction, the schema/context, the question
 * and an answer cue; the target is the gold SQL alone. T5's tokenizer turns newlines into spaces, so line breaks
 * only matter for reading.
 */
export const BUILTIN_TEMPLATES: Readonly<Record<string, PromptTemplate>> = {
  // T5 was pre-trained with task prefixes ("translate English to German: ..."); this follows that convention.
  't5-instruct': {
    name: 't5-instruct',
    source: 'translate English to SQL: tables: {context} question: {question} SQL:',
    target: '{sql}',
  },
  // Flan-T5 was instruction-tuned on natural-language instructions; the cue "SQL:" ends the prompt.
  'flan-t5': {
    name: 'flan-t5',
    source:
      'Given the database schema below, write the SQL query that answers the question.\n\n' +
      'Schema:\n{context}\n\nQuestion: {question}\n\nSQL:',
    target: '{sql}',
  },
  // The minimal sql-create-context style: the tables, then the question.
  'tables-question': {
    name: 'tables-question',
    source: 'tables: {context} query for: {question}',
    target: '{sql}',
  },
};

/**
 * Resolves a template: a built-in name, a custom {@link PromptTemplate}, or a source string (target `{sql}`).
 *
 * @example
 * getTemplate('flan-t5');
 * getTemplate('Schema: {context} Q: {question} A:');
 */
export function getTemplate(template: string | PromptTemplate): PromptTemplate {
  if (typeof template !== 'string') return template;
  const builtin = BUILTIN_TEMPLATES[template];
  if (builtin) return builtin;
  if (template.includes('{')) return { name: 'custom', source: template, target: '{sql}' };
  throw new Error(
    `Unknown prompt template '${template}': expected one of ${Object.keys(BUILTIN_TEMPLATES).join(', ')}, ` +
      'or a template string with {question} and {context} placeholders.',
  );
}
