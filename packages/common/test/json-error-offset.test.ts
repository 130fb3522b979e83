import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../src/index.js';

describe('jsonErrorOffset', () => {
  it('returns -1 for valid JSON, as JSON.parse accepts it', () => {
    for (const text of ['[]', '{}', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"]} ', '"s"', '0']) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(jsonErrorOffset(text)).toBe(-1);
    }
  });

  it('points at the first offending character', () => {
    expect(jsonErrorOffset('[{"question": }]')).toBe(14);
    expect(jsonErrorOffset('[{"a": 1\n "b": 2}]')).toBe(10);
    expect(jsonErrorOffset('[1, 2,]')).toBe(6);
    expect(jsonErrorOffset('[1] x')).toBe(4);
    expect(jsonErrorOffset('{"a": 01}')).toBe(7);
    expect(jsonErrorOffset('["abc')).toBe(5);
  });
});
