export { deriveSeed, type SeedPurpose } from './derive-seed.js';
export { SeededRng } from './seeded-rng.js';
