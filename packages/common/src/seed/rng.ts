/** A deterministic source of uniform floats in [0, 1), made from an explicit seed ({@link Mulberry32}). */
export type Rng = () => number;
