/** @t5sql/hub: Hugging Face hub downloads and a cache laid out like huggingface_hub's: resume, atomic placement, tokens, offline mode. No TensorFlow. */
export {};
