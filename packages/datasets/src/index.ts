/** @t5sql/datasets: Spider, Gretel synthetic_text_to_sql and sql-create-context: loaders, schema-aware prompts, tokenized batches. */
export {};
