/** @t5sql/cli: The t5sql command: train, eval, generate, bench, data stats, params. */
export {};
