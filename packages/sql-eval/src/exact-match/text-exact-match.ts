/**
 * Normalises a query for plain exact match: trailing semicolons dropped, whitespace collapsed (also around
 * punctuation), keywords and identifiers lower-cased, and string literals kept verbatim but with one quote style.
 */
export function normalizeSqlText(sql: string): string {
  const out: string[] = [];
  let i = 0;
  const s = sql.trim().replace(/[;\s]+$/u, '');
  while (i < s.length) {
    const ch = s[i];
    if (ch === "'" || ch === '"') {
      // A string literal: keep its content and case, write it with single quotes.
      let j = i + 1;
      let body = '';
      while (j < s.length) {
        if (s[j] === ch && s[j + 1] === ch) {
          body += ch;
          j += 2;
          continue;
        }
        if (s[j] === ch) break;
        body += s[j];
        j += 1;
      }
      out.push(`'${body.replace(/'/g, "''")}'`);
      i = j + 1;
      continue;
    }
    if (/\s/u.test(ch)) {
      i += 1;
      continue;
    }
    const word = /^[\p{L}\p{N}_$.]+/u.exec(s.slice(i));
    if (word !== null) {
      out.push(word[0].toLowerCase());
      i += word[0].length;
      continue;
    }
    const op = /^(?:!=|<>|>=|<=|\|\|)/.exec(s.slice(i));
    const tok = op !== null ? op[0] : ch;
    out.push(tok);
    i += tok.length;
  }
  return out.join(' ');
}

/**
 * Normalised string equality of two queries: 1 when they are the same after {@link normalizeSqlText}
 * (whitespace, keyword/identifier case, quote style, trailing semicolon), else 0. String values stay case-sensitive.
 *
 * @example
 * exactMatch('SELECT name FROM singer;', "select  name  from singer") // 1
 * exactMatch("SELECT a FROM t WHERE b = 'X'", 'SELECT a FROM t WHERE b = "X"') // 1
 */
export function exactMatch(prediction: string, gold: string): 0 | 1 {
  return normalizeSqlText(prediction) === normalizeSqlText(gold) ? 1 : 0;
}
