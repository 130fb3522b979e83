/** @t5sql/sql-eval: Spider exact-set match and execution accuracy on SQLite, as the official Spider evaluation computes them. */
export {};
