/** @t5sql/peft: LoRA, QLoRA (NF4) and prefix tuning for @t5sql/t5-core, with adapters in the Python PEFT file format. */
export {};
