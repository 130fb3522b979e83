// Scores text-to-SQL predictions with the metrics of Hugging Face `evaluate` — ROUGE, BLEU, METEOR and Google
// BLEU, same numbers — from plain Node, without TensorFlow or Python.
import { bleu, googleBleu, meteor, rouge } from '@t5sql/metrics';

const predictions = [
  'SELECT count(*) FROM singer',
  'SELECT name , country FROM singer ORDER BY age DESC',
  'SELECT avg(age) FROM singer WHERE country = "France"',
];
const references = [
  'SELECT count(*) FROM singer',
  'SELECT name , country , age FROM singer ORDER BY age DESC',
  [
    'SELECT avg(age) , min(age) , max(age) FROM singer WHERE country = "France"',
    "SELECT avg(age) FROM singer WHERE country = 'France'",
  ],
];

const r = rouge({ predictions, references });
const b = bleu({ predictions, references });
const m = await meteor({ predictions, references }); // loads WordNet once
const g = googleBleu({ predictions, references });

console.log(
  `ROUGE-1 ${r.rouge1.toFixed(4)}  ROUGE-2 ${r.rouge2.toFixed(4)}  ROUGE-L ${r.rougeL.toFixed(4)}  ROUGE-Lsum ${r.rougeLsum.toFixed(4)}`,
);
console.log(
  `BLEU ${b.bleu.toFixed(4)}  METEOR ${m.meteor.toFixed(4)}  Google BLEU ${g.google_bleu.toFixed(4)}`,
);
