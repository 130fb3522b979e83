/**
 * A stretch of SQL text: `code` (keywords, names, numbers, operators and the whitespace between them), a `quoted`
 * literal or quoted name (quotes included), or a `comment` (markers included; a `--` comment keeps the newline
 * that ends it).
 */
export interface SqlSegment {
  kind: 'code' | 'quoted' | 'comment';
  text: string;
}

/** Opening quote → closing quote. A doubled closing quote inside (`''`, `""`, ` `` `) is part of the text. */
const QUOTES: ReadonlyMap<string, string> = new Map([
  ["'", "'"],
  ['"', '"'],
  ['`', '`'],
  ['[', ']'],
]);

/** End (exclusive) of the quoted stretch opening at `start`; an unterminated one runs to the end. */
function quotedEnd(sql: string, start: number): number {
  const close = QUOTES.get(sql[start]);
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === close) {
      // `[...]` has no escape; the other quotes escape themselves by doubling.
      if (close !== ']' && sql[i + 1] === close) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}

/** End (exclusive) of the comment opening at `start` (`--` through its newline, or `/* ... *\/`). */
function commentEnd(sql: string, start: number): number {
  if (sql[start] === '-') {
    const newline = sql.indexOf('\n', start);
    return newline === -1 ? sql.length : newline + 1;
  }
  const close = sql.indexOf('*/', start + 2);
  return close === -1 ? sql.length : close + 2;
}

/**
 * Splits SQL into code, quoted and comment stretches the way SQLite's tokenizer sees them: `'...'` strings,
 * `"..."`, `` `...` `` and `[...]` names (a doubled quote stays inside), `--` and `/* *\/` comments. Unterminated
 * quotes and comments run to the end of the text, so no character that may belong to a literal is ever taken for
 * code. Joining the texts gives the input back.
 *
 * @example
 * splitSqlSegments("SELECT a FROM t WHERE b = 'x  y'");
 * // [{ kind: 'code', text: 'SELECT a FROM t WHERE b = ' }, { kind: 'quoted', text: "'x  y'" }]
 */
export function splitSqlSegments(sql: string): SqlSegment[] {
  const segments: SqlSegment[] = [];
  let code = '';
  let i = 0;
  const flush = () => {
    if (code) segments.push({ kind: 'code', text: code });
    code = '';
  };
  while (i < sql.length) {
    const c = sql[i];
    const pair = sql.slice(i, i + 2);
    const quoted = QUOTES.has(c);
    if (quoted || pair === '--' || pair === '/*') {
      flush();
      const end = quoted ? quotedEnd(sql, i) : commentEnd(sql, i);
      segments.push({ kind: quoted ? 'quoted' : 'comment', text: sql.slice(i, end) });
      i = end;
    } else {
      code += c;
      i++;
    }
  }
  flush();
  return segments;
}
