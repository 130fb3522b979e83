import { ENGLISH_ORTHO_CONTEXT_DATA } from './punkt-english-ortho.js';

/**
 * Parameters of nltk's pre-trained English Punkt model (nltk_data `tokenizers/punkt_tab/english`, converted from
 * the original `punkt/PY3/english.pickle`; nltk_data is Apache-2.0): the abbreviation types, the collocations, the
 * frequent sentence starters and the orthographic contexts.
 */

/** Lowercased abbreviations without their final period (`". . "` is the spaced ellipsis `. . .`). */
export const ENGLISH_ABBREV_TYPES: ReadonlySet<string> = new Set(
  [
    'ct m.j t a.c n.h ms p.a.m dr pa p.m u.k st dec u.s.a lt g.k adm p h.m ga tenn yr sen n.c j.j d.h s.g inc vs',
    's.p.a a.t n feb sr jan s.a.y n.y col g.f c.o.m.b d ft va r.k e.f chg r.i a.g minn a.h k n.j m l.f f.j gen',
    'i.m.s s.a aug j.p okla m.d.c ltd oct s vt r.a j.c ariz w.w b.v ore h w.r e.h mrs cie corp w n.v a.d r.j ok',
    'e.m w.c ill nov u.s prof conn u.s.s.r mg f.g ph.d g calif messrs h.f wash tues sw bros u.n l wis mr sep d.c',
    'ave e.l co s.s reps c r.t h.c r wed a.s v fla jr r.h c.v m.b.a rep a.a e c.i.t l.a b.f j.b d.w j.k ala f',
    'w.va sept mich n.m j.r l.p s.c colo fri a.m g.d kan maj ky a.m.e n.d t.j cos nev',
  ]
    .join(' ')
    .split(' ')
    .concat(['. . ']),
);

/** (type ending in a period, without it; following type) pairs that are not sentence boundaries. */
export const ENGLISH_COLLOCATIONS: ReadonlySet<string> = new Set(
  [
    '##number## international',
    '##number## rj',
    '##number## commodities',
    '##number## cooper',
    'b stewart',
    '##number## genentech',
    '##number## wedgestone',
    'i toussie',
    '##number## pepper',
    'j fialka',
    'o ludcke',
    '##number## insider',
    '##number## aes',
    'i magnin',
    '##number## credit',
    '##number## corrections',
    '##number## financing',
    '##number## henley',
    '##number## business',
    '##number## pay-fone',
    'b wigton',
    'b edelman',
    'b levine',
    '##number## leisure',
    'b smith',
    'j walter',
    '##number## pegasus',
    '##number## dividend',
    'j aron',
    '##number## review',
    '##number## abreast',
    '##number## who',
    '##number## letters',
    '##number## colgate',
    '##number## cbot',
    '##number## notable',
    '##number## zimmer',
  ].map((pair) => pair.replace(' ', '\t')),
);

/** Types that frequently start a sentence. */
export const ENGLISH_SENT_STARTERS: ReadonlySet<string> = new Set(
  (
    'most he since so both these it nevertheless this indeed however instead under similarly some though while ' +
    'when in despite although nonetheless thus there if the nor separately moreover but they yet many according ' +
    'sales among meanwhile even i'
  ).split(' '),
);

let orthoContext: Map<string, number> | undefined;

/** Orthographic-context flags per type, built on first use; absent types are 0, like nltk's defaultdict. */
export function englishOrthoContext(): ReadonlyMap<string, number> {
  if (orthoContext === undefined) {
    const map = new Map<string, number>();
    for (const [value, lines] of ENGLISH_ORTHO_CONTEXT_DATA) {
      for (const line of lines) for (const type of line.split(' ')) map.set(type, value);
    }
    orthoContext = map;
  }
  return orthoContext;
}
