"""Builds test/fixtures/spider-dev-perturbed.json: perturbed Spider dev predictions scored by the official logic.

Usage (Python 3.11, `pip install nltk sqlparse`):
  python scripts/make_parity_fixture.py --official DIR --spider ../../../shared/data/spider --out test/fixtures/spider-dev-perturbed.json

DIR must hold the official scripts, unmodified, which this repository does not ship:
  process_sql.py and evaluation.py from taoyds/spider, exec_eval.py and parse.py from taoyds/test-suite-sql-eval.
Two local adjustments are applied at run time, not to the files: NLTK's `word_tokenize` is called with
`preserve_line=True` (the Punkt model cannot be downloaded offline; a SQL query is one sentence), and the schema is
built from tables.json (the official script reads the same names from the .sqlite file). Databases are opened
read-only. The pseudo-random perturbations come from random.Random(SEED).
"""
import argparse, copy, json, os, random, re, sqlite3, sys

SEED = 20261121
COMPONENTS = ['select', 'select(no AGG)', 'where', 'where(no OP)', 'group(no Having)', 'group', 'order', 'and/or', 'IUEN',
              'keywords']


def perturbations(q, db, tables_entry, others, rng):
    """Yields (kind, perturbed query) candidates for one gold query."""
    cols = [c for t, c in tables_entry['column_names_original'] if t >= 0]
    out = []
    out.append(('identity', q))
    out.append(('case-space', re.sub(r'\s+', '  ', q.lower()).rstrip() + ' ;'))
    m = re.match(r'(?is)^select\s+(.*?)\s+from\s', q)
    if m and ',' in m.group(1) and '(' not in m.group(1):
        parts = [p.strip() for p in m.group(1).split(',')]
        out.append(('swap-select', q[:m.start(1)] + ' , '.join(reversed(parts)) + q[m.end(1):]))
    if re.search(r'(?i)\bwhere\b', q) and not re.search(r'(?i)\b(intersect|union|except|select\s.*select)\b', q):
        out.append(('drop-where', re.sub(r'(?is)\s+where\s+.*?(?=\s+(group|order|limit)\b|$)', '', q)))
    for a, b in (('count(', 'max('), ('max(', 'min('), ('avg(', 'sum('), ('min(', 'avg(')):
        if a in q.lower():
            out.append(('agg', re.sub(re.escape(a), b, q, count=1, flags=re.I)))
            break
    if re.search(r"'[^']*'|\b\d+\b", q):
        out.append(('values', re.sub(r"\b(\d+)\b", lambda mm: str(int(mm.group(1)) + 1), re.sub(r"'([^']*)'", r"'\1x'", q))))
    mj = re.search(r'(?i)from\s+(\w+)\s+as\s+(t1)\s+join\s+(\w+)\s+as\s+(t2)', q)
    if mj:
        swapped = f'FROM {mj.group(3)} AS {mj.group(4)} JOIN {mj.group(1)} AS {mj.group(2)}'
        out.append(('join-order', q[:mj.start()] + swapped + q[mj.end():]))
    if re.search(r'(?i)\bdesc\b', q):
        out.append(('desc-asc', re.sub(r'(?i)\bdesc\b', 'ASC', q)))
    if re.search(r'(?i)\blimit\s+\d+', q):
        out.append(('drop-limit', re.sub(r'(?i)\s+limit\s+\d+', '', q)))
    out.append(('distinct', re.sub(r'(?i)^select\s+(?!distinct)', 'SELECT DISTINCT ', q)))
    if re.search(r'\s>\s', q):
        out.append(('op', q.replace(' > ', ' < ', 1)))
    if re.search(r'(?i)\band\b', q) and 'between' not in q.lower():
        out.append(('and-or', re.sub(r'(?i)\band\b', 'OR', q, count=1)))
    if re.search(r'(?i)group by', q):
        out.append(('drop-group', re.sub(r'(?is)\s+group\s+by\s+[\w.]+(\s*,\s*[\w.]+)*', '', q)))
    words = [w for w in re.findall(r'\b[A-Za-z_]\w*\b', q) if w.lower() in {c.lower() for c in cols}]
    if words:
        w = rng.choice(words)
        out.append(('other-column', re.sub(r'\b' + re.escape(w) + r'\b', rng.choice(cols), q, count=1)))
    out.append(('other-query', rng.choice(others)))
    out.append(('garbage', rng.choice(['', 'SELECT', 'select * from', 'hello world', 'SELECT name FROM nowhere',
                                       q[: max(1, len(q) // 2)], q + ' )', 'SELECT count(*) AS n FROM ' + tables_entry['table_names_original'][0],
                                       f"SELECT * FROM {tables_entry['table_names_original'][0]} WHERE {cols[0]} IS NULL",
                                       f"DROP TABLE {tables_entry['table_names_original'][0]}",
                                       q + '; DROP TABLE ' + tables_entry['table_names_original'][0]])))
    out.append(('spacing', q.replace('!=', '! =').replace('>=', '> =').replace("'", '"')))
    out.append(('star', re.sub(r'(?is)^select\s+.*?\s+from\s', 'SELECT * FROM ', q, count=1)))
    return out


FUZZ_TOKENS = ['(', ')', ',', 'AS', 'T1', 'T2', 'JOIN', 'ON', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'LIKE', 'count(*)',
               'DISTINCT', '=', '>', '!=', 'ORDER BY', 'GROUP BY', 'HAVING', 'LIMIT 1', '1', "'x'", 'UNION', 'INTERSECT',
               'EXCEPT', 'ASC', 'DESC', 'max(', 'avg(']


def fuzz(q, others, rng):
    """One token-level mutation of a gold query: delete, insert, splice with another query, or swap."""
    toks = q.split()
    op = rng.random()
    if op < 0.3 and len(toks) > 1:
        del toks[rng.randrange(len(toks))]
    elif op < 0.6:
        toks.insert(rng.randrange(len(toks) + 1), rng.choice(FUZZ_TOKENS))
    elif op < 0.8:
        other = rng.choice(others).split()
        k = rng.randrange(len(toks))
        toks = toks[:k] + other[rng.randrange(len(other)):]
    elif len(toks) > 1:
        a, b = rng.randrange(len(toks)), rng.randrange(len(toks))
        toks[a], toks[b] = toks[b], toks[a]
    return [('fuzz', ' '.join(toks))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--official', required=True)
    ap.add_argument('--spider', required=True)
    ap.add_argument('--out', required=True)
    ap.add_argument('--per-example', type=int, default=2)
    ap.add_argument('--fuzz', action='store_true', help='token-level mutations instead of the perturbation kinds')
    ap.add_argument('--max-unparseable', type=int, default=None, help='keep at most this many unparseable predictions')
    ap.add_argument('--gold-sql', help='score perturbations of these "query<TAB>db_id" lines instead of dev.json')
    args = ap.parse_args()
    sys.path.insert(0, args.official)
    import nltk.tokenize
    import process_sql
    process_sql.word_tokenize = lambda s: nltk.tokenize.word_tokenize(s, preserve_line=True)
    import evaluation as ev
    import exec_eval
    from parse import remove_distinct

    dev = json.load(open(os.path.join(args.spider, 'dev.json')))
    if args.gold_sql:
        dev = [{'query': q, 'db_id': d} for q, d in (l.rstrip('\n').split('\t') for l in open(args.gold_sql) if l.strip())]
        dev = [ex for ex in dev if os.path.exists(os.path.join(args.spider, 'database', ex['db_id'], ex['db_id'] + '.sqlite'))]
    tables = {e['db_id']: e for e in json.load(open(os.path.join(args.spider, 'tables.json')))}
    rng = random.Random(SEED)
    by_db = {}
    for ex in dev:
        by_db.setdefault(ex['db_id'], []).append(ex['query'])

    def schema_of(entry):
        s = {t.lower(): [] for t in entry['table_names_original']}
        for ti, c in entry['column_names_original']:
            if ti >= 0:
                s[entry['table_names_original'][ti].lower()].append(c.lower())
        return process_sql.Schema(s)

    def run(path, q):
        q = exec_eval.replace_cur_year(q)
        conn = sqlite3.connect('file:' + path + '?mode=ro', uri=True)
        conn.text_factory = lambda b: b.decode(errors='ignore')
        try:
            return 'result', conn.execute(q).fetchall()
        except Exception as e:
            return 'exception', e
        finally:
            conn.close()

    def exec_match(db_path, p, g):
        # Deliberate fix mirrored from @t5sql/sql-eval: an empty prediction scores 0 (the official script raises).
        if not p.strip():
            return 0
        p, g = exec_eval.postprocess(p), exec_eval.postprocess(g)
        p, g = remove_distinct(p), remove_distinct(g)
        order = 'order by' in g.lower()
        gf, gd = run(db_path, g)
        if gf == 'exception':
            return 'gold-error'
        pf, pd = run(db_path, p)
        if pf == 'exception':
            return 0
        return 1 if exec_eval.result_eq(gd, pd, order_matters=order) else 0

    rows = []
    kmaps = {k: ev.build_foreign_key_map(v) for k, v in tables.items()}
    for ex in dev:
        entry = tables[ex['db_id']]
        if args.fuzz:
            cands = [c for _ in range(args.per_example) for c in fuzz(ex['query'], by_db[ex['db_id']], rng)]
        else:
            cands = perturbations(ex['query'], ex['db_id'], entry, by_db[ex['db_id']], rng)
        for kind, pred in rng.sample(cands, min(args.per_example, len(cands))):
            schema = schema_of(entry)
            try:
                g_sql = process_sql.get_sql(schema, ex['query'])
            except Exception:
                continue  # the official script cannot score a gold it cannot parse
            hardness = ev.Evaluator().eval_hardness(g_sql)
            try:
                p_sql = process_sql.get_sql(schema, pred)
                parse_error = False
            except Exception:
                p_sql = copy.deepcopy({'except': None, 'from': {'conds': [], 'table_units': []}, 'groupBy': [], 'having': [],
                                       'intersect': None, 'limit': None, 'orderBy': [], 'select': [False, []], 'union': None, 'where': []})
                parse_error = True
            kmap = kmaps[ex['db_id']]
            e = ev.Evaluator()
            try:
                g_sql = ev.rebuild_sql_col(ev.build_valid_col_units(g_sql['from']['table_units'], schema), ev.rebuild_sql_val(g_sql), kmap)
                p_sql = ev.rebuild_sql_col(ev.build_valid_col_units(p_sql['from']['table_units'], schema), ev.rebuild_sql_val(p_sql), kmap)
                exact = int(e.eval_exact_match(p_sql, g_sql))
                # [f1, label_total, pred_total] per component, in the official report order (acc = rec = f1 here).
                partial = [[e.partial_scores[k]['f1'], e.partial_scores[k]['label_total'], e.partial_scores[k]['pred_total']]
                           for k in COMPONENTS]
            except Exception:
                # The official script stops here (e.g. a connector where a unit belongs); @t5sql/sql-eval scores 0.
                exact, partial = 0, None
            db_path = os.path.join(args.spider, 'database', ex['db_id'], ex['db_id'] + '.sqlite')
            rows.append({'kind': kind, 'db_id': ex['db_id'], 'gold': ex['query'], 'pred': pred, 'hardness': hardness,
                         'exact': exact, 'parseError': parse_error, 'partial': partial, 'exec': exec_match(db_path, pred, ex['query'])})
    if args.max_unparseable is not None:
        kept = 0
        filtered = []
        for r in rows:
            if r['parseError']:
                if kept >= args.max_unparseable:
                    continue
                kept += 1
            filtered.append(r)
        rows = filtered
    tmp = args.out + '.tmp'
    with open(tmp, 'w') as f:
        json.dump({'generator': 'scripts/make_parity_fixture.py', 'seed': SEED, 'components': COMPONENTS, 'rows': rows}, f,
                  separators=(',', ':'))
    os.replace(tmp, args.out)
    print(len(rows), 'rows;', sum(r['exact'] for r in rows), 'exact;', sum(r['exec'] == 1 for r in rows), 'exec;',
          sum(r['parseError'] for r in rows), 'unparseable')


main()
