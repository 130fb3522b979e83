/** @t5sql/repro: Seeding, run manifests, experiment declarations, runner and results tables for reproducible t5sql runs. */
export {};
