// Entry point of `pnpm bench`; the experiment runner lands with issue 8.
console.log('t5sql bench: nothing to run yet');
