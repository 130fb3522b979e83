import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES, getTemplate, renderPrompt } from '../src/index.js';
import { record } from './helpers.js';

const r = {
  ...record('x', 'How many singers?', 'SELECT count(*) FROM singer', 'singer: Singer_ID, Name'),
  dbId: 'concert_singer',
};

describe('prompt templates', () => {
  it('renders the built-in templates to their documented text', () => {
    expect(renderPrompt(getTemplate('t5-instruct'), r)).toEqual({
      source: 'translate English to SQL: tables: singer: Singer_ID, Name question: How many singers? SQL:',
      target: 'SELECT count(*) FROM singer',
    });
    expect(renderPrompt(getTemplate('flan-t5'), r).source).toBe(
      'Given the database schema below, write the SQL query that answers the question.\n\n' +
        'Schema:\nsinger: Singer_ID, Name\n\nQuestion: How many singers?\n\nSQL:',
    );
    expect(renderPrompt(getTemplate('tables-question'), r).source).toBe(
      'tables: singer: Singer_ID, Name query for: How many singers?',
    );
    expect(Object.keys(BUILTIN_TEMPLATES).sort()).toEqual(['flan-t5', 't5-instruct', 'tables-question']);
  });

  it('accepts user templates, literal braces and {db_id}; never re-expands values', () => {
    const custom = getTemplate('{{db}} {db_id}: {question} -> ');
    expect(custom.name).toBe('custom');
    expect(renderPrompt(custom, r).source).toBe('{db} concert_singer: How many singers? -> ');
    const tricky = { ...r, question: 'what is {context}?' };
    expect(renderPrompt(getTemplate('Q: {question}'), tricky).source).toBe('Q: what is {context}?');
    const own = { name: 'mine', source: '{question}', target: '{sql};' };
    expect(renderPrompt(getTemplate(own), r)).toEqual({
      source: 'How many singers?',
      target: 'SELECT count(*) FROM singer;',
    });
  });

  it('names an unknown template or placeholder', () => {
    expect(() => getTemplate('t6')).toThrow(
      /Unknown prompt template 't6': expected one of t5-instruct, flan-t5/,
    );
    expect(() => renderPrompt(getTemplate('{questoin}'), r)).toThrow(/unknown placeholder '\{questoin\}'/);
  });
});
