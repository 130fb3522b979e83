/**
 * What the maintained official execution evaluation (test-suite-sql-eval `exec_eval.py`) does to a query before
 * running it, in its order: glue `> =`, `< =`, `! =` back together; drop every DISTINCT keyword (its default, since
 * `--keep_distinct` is off) — through `sqlparse`, which also keeps only the first statement; and replace
 * `YEAR(CURDATE())` with 2020.
 *
 * @example
 * prepareExecQuery('SELECT DISTINCT a FROM t WHERE b > = 1; DROP TABLE t') // 'SELECT  a FROM t WHERE b >= 1;'
 */
export function prepareExecQuery(query: string): string {
  const glued = query.replace(/> =/g, '>=').replace(/< =/g, '<=').replace(/! =/g, '!=');
  return replaceCurYear(firstStatementWithoutDistinct(glued));
}

/** `re.sub(r"YEAR\s*\(\s*CURDATE\s*\(\s*\)\s*\)\s*", "2020", q, flags=re.IGNORECASE)`. */
export function replaceCurYear(query: string): string {
  return query.replace(/YEAR\s*\(\s*CURDATE\s*\(\s*\)\s*\)\s*/gi, '2020');
}

/**
 * `''.join(t.value for t in sqlparse.parse(q)[0].flatten() if t.value.lower() != 'distinct')`: the first statement
 * (up to and including its `;`), without any DISTINCT word. Quoted strings, quoted identifiers and comments are
 * left alone, as sqlparse lexes them as single tokens. As sqlparse's statement splitter, a `;` ends the statement
 * only at split level 0 or below: `(` raises the level, `)` and the keyword END lower it.
 */
export function firstStatementWithoutDistinct(query: string): string {
  let out = '';
  let i = 0;
  let level = 0;
  while (i < query.length) {
    const ch = query[i];
    if (ch === "'" || ch === '"' || ch === '`') {
      let j = i + 1;
      while (j < query.length) {
        if (query[j] === ch) {
          if (query[j + 1] === ch) {
            j += 2;
            continue;
          }
          break;
        }
        j += 1;
      }
      out += query.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '-' && query[i + 1] === '-') {
      const end = query.indexOf('\n', i);
      const j = end < 0 ? query.length : end;
      out += query.slice(i, j);
      i = j;
      continue;
    }
    if (ch === '/' && query[i + 1] === '*') {
      const end = query.indexOf('*/', i + 2);
      const j = end < 0 ? query.length : end + 2;
      out += query.slice(i, j);
      i = j;
      continue;
    }
    if (ch === ';' && level <= 0) {
      out += ch;
      break;
    }
    if (ch === '(') level += 1;
    if (ch === ')') level -= 1;
    const word = /^[\p{L}\p{N}_$#@]+/u.exec(query.slice(i));
    if (word !== null) {
      const lower = word[0].toLowerCase();
      if (lower === 'end') level -= 1;
      if (lower !== 'distinct') out += word[0];
      i += word[0].length;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}
