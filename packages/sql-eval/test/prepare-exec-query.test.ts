import { describe, expect, it } from 'vitest';
import { firstStatementWithoutDistinct, prepareExecQuery, replaceCurYear } from '../src/index.js';

// Reference: test-suite-sql-eval's postprocess + parse.remove_distinct (sqlparse 0.6) + replace_cur_year; also
// compared on 5,000 random SQL-like strings (identical up to whitespace and comments after the final `;`).
describe('prepareExecQuery', () => {
  it('drops DISTINCT words but not quoted text or longer identifiers', () => {
    expect(firstStatementWithoutDistinct('SELECT DISTINCT a, count(DISTINCT b) FROM t')).toBe(
      'SELECT  a, count( b) FROM t',
    );
    expect(firstStatementWithoutDistinct(`SELECT "distinct", 'distinct', x_distinct FROM t`)).toBe(
      `SELECT "distinct", 'distinct', x_distinct FROM t`,
    );
  });

  it('keeps only the first statement, splitting at ; outside parentheses and strings', () => {
    expect(firstStatementWithoutDistinct('SELECT a FROM t; DROP TABLE t')).toBe('SELECT a FROM t;');
    expect(firstStatementWithoutDistinct("SELECT ';' FROM t; x")).toBe("SELECT ';' FROM t;");
    // An unbalanced parenthesis keeps sqlparse from splitting.
    expect(firstStatementWithoutDistinct('Distinct(1; FROM t')).toBe('(1; FROM t');
  });

  it('glues spaced comparison operators and replaces YEAR(CURDATE())', () => {
    expect(prepareExecQuery('SELECT a FROM t WHERE b > = 1 AND c ! = 2')).toBe(
      'SELECT a FROM t WHERE b >= 1 AND c != 2',
    );
    expect(replaceCurYear('SELECT YEAR(CURDATE()) - age FROM t')).toBe('SELECT 2020- age FROM t');
  });
});
