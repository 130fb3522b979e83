"""Writes test/fixtures/generation/<fixture>.json: transformers' generate() outputs for settings beyond the shared
fixtures' greedy/beam3 (beam widths, length penalties, every early_stopping mode, min_new_tokens, longer runs,
num_return_sequences), on the shared T5 parity models (/work/shared/fixtures/t5/<fixture>).

    PYTHONPATH=<unpacked transformers-4.57.6 wheel> python3 packages/t5-core/scripts/make-generation-reference.py

transformers 4.57.6 is the project's reference; offline only huggingface_hub 1.x wheels exist, so the 4.57.6 wheel
is unpacked on PYTHONPATH with the huggingface-hub/tokenizers pins in dependency_versions_table.py relaxed
(generation never touches the hub). torch CPU, float32, eval mode.
"""

import json
import os
import sys

import torch
import transformers
from transformers import T5Config, T5ForConditionalGeneration
from transformers.cache_utils import DynamicCache, EncoderDecoderCache

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("T5SQL_SHARED_DIR", os.path.join(ROOT, "..", "..", "..", "shared"))
OUT_DIR = os.path.join(ROOT, "test", "fixtures", "generation")

# Four rows, right-padded, some short: beams finish at different steps and rows finish at different times.
INPUT_IDS = [
    [13, 27, 5, 99, 42, 8, 1, 0, 0],
    [64, 3, 77, 1, 0, 0, 0, 0, 0],
    [5, 6, 7, 8, 9, 10, 11, 12, 1],
    [100, 1, 0, 0, 0, 0, 0, 0, 0],
]
ATTENTION_MASK = [[1 if t != 0 else 0 for t in row] for row in INPUT_IDS]

SETTINGS = {
    "greedy_20": dict(max_new_tokens=20),
    "greedy_min5": dict(max_new_tokens=12, min_new_tokens=5),
    "beam4_lp0.6_early_true_20": dict(max_new_tokens=20, num_beams=4, length_penalty=0.6, early_stopping=True),
    "beam4_lp0.6_early_false_ret2": dict(
        max_new_tokens=12, num_beams=4, length_penalty=0.6, early_stopping=False, num_return_sequences=2
    ),
    "beam4_lp2_never_20": dict(max_new_tokens=20, num_beams=4, length_penalty=2.0, early_stopping="never"),
    "beam5_lp-0.5_never_ret5": dict(
        max_new_tokens=15, num_beams=5, length_penalty=-0.5, early_stopping="never", num_return_sequences=5
    ),
    "beam8_lp1_early_true_ret3": dict(max_new_tokens=15, num_beams=8, early_stopping=True, num_return_sequences=3),
    "beam2_min4": dict(max_new_tokens=10, num_beams=2, min_new_tokens=4),
    "beam6_lp0_early_false_ret6": dict(
        max_new_tokens=15, num_beams=6, length_penalty=0.0, early_stopping=False, num_return_sequences=6
    ),
}


def make_eos_rich_model():
    """A tiny seeded T5 whose EOS logit is often competitive, so beams finish at many different steps and every
    early_stopping mode matters. Saved beside the references (about 100 KB)."""
    path = os.path.join(OUT_DIR, "t5_tiny_eos_rich")
    config = T5Config(
        vocab_size=64, d_model=32, d_kv=8, num_heads=4, d_ff=64, num_layers=2, num_decoder_layers=2,
        feed_forward_proj="gated-gelu", tie_word_embeddings=False, relative_attention_num_buckets=16,
        relative_attention_max_distance=64, decoder_start_token_id=0, pad_token_id=0, eos_token_id=1,
    )
    torch.manual_seed(1234)
    model = T5ForConditionalGeneration(config).eval()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn_like(p) * 0.4)
        for n, p in model.named_parameters():
            if "layer_norm" in n:
                p.copy_(1.0 + 0.1 * torch.randn_like(p))
        # EOS shares most of its output row with a common token, plus noise: it is a near-top candidate often.
        model.lm_head.weight[1] = 0.97 * model.lm_head.weight[48] + 0.25 * torch.randn_like(model.lm_head.weight[1])
    model.save_pretrained(path)
    return path


def write_warpers():
    """Sampling warpers (temperature -> top-k -> top-p, HF's order) on seeded random score rows, including ties."""
    from transformers.generation.logits_process import TemperatureLogitsWarper, TopKLogitsWarper, TopPLogitsWarper

    torch.manual_seed(7)
    rows = torch.randn(6, 16) * 2.0
    rows[5, :4] = 3.0  # ties at the top
    cases = []
    for temperature, top_k, top_p, keep in [(1.0, 3, 1.0, 1), (0.7, 50, 0.8, 1), (1.3, 5, 0.6, 1), (1.0, 0, 0.3, 2), (0.5, 4, 0.95, 2)]:
        out = rows.clone()
        for warper in [
            TemperatureLogitsWarper(temperature) if temperature != 1.0 else None,
            TopKLogitsWarper(top_k=top_k, min_tokens_to_keep=keep) if top_k != 0 else None,
            TopPLogitsWarper(top_p=top_p, min_tokens_to_keep=keep) if top_p < 1.0 else None,
        ]:
            if warper is not None:
                out = warper(None, out)
        cases.append(
            {
                "temperature": temperature, "top_k": top_k, "top_p": top_p, "min_tokens_to_keep": keep,
                "output": [[None if v == float("-inf") else v for v in row] for row in out.tolist()],
            }
        )
    path = os.path.join(ROOT, "test", "fixtures", "generation-warpers.json")
    with open(path + ".tmp", "w") as f:
        json.dump({"made_by": "packages/t5-core/scripts/make-generation-reference.py", "input": rows.tolist(), "cases": cases}, f)
    os.replace(path + ".tmp", path)
    print(f"wrote {path}")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    write_warpers()
    tiny = make_eos_rich_model()
    models = {
        "t5_v1_0_relu_tied": os.path.join(SHARED, "fixtures", "t5", "t5_v1_0_relu_tied"),
        "t5_v1_1_gated_gelu_untied": os.path.join(SHARED, "fixtures", "t5", "t5_v1_1_gated_gelu_untied"),
        "t5_tiny_eos_rich": tiny,
    }
    for name, model_dir in models.items():
        model = T5ForConditionalGeneration.from_pretrained(model_dir).eval()
        vocab = model.config.vocab_size
        # Ids past a small vocabulary are folded into it; pad (0) and EOS (1) stay where they are.
        input_ids = [[t if t < 2 else 2 + (t - 2) % (vocab - 2) for t in row] for row in INPUT_IDS]
        ids = torch.tensor(input_ids)
        mask = torch.tensor(ATTENTION_MASK)
        cases = {}
        for key, kwargs in SETTINGS.items():
            # A config-less cache grows per layer: 4.57 sizes a config-built one by num_layers (the encoder depth),
            # which breaks models with more decoder layers.
            cache = EncoderDecoderCache(DynamicCache(), DynamicCache())
            with torch.no_grad():
                out = model.generate(
                    past_key_values=cache,
                    input_ids=ids,
                    attention_mask=mask,
                    do_sample=False,
                    return_dict_in_generate=True,
                    output_scores=True,
                    **kwargs,
                )
            case = {"settings": kwargs, "sequences": out.sequences.tolist()}
            if getattr(out, "sequences_scores", None) is not None:
                case["sequences_scores"] = out.sequences_scores.tolist()
            cases[key] = case
        doc = {
            "made_by": "packages/t5-core/scripts/make-generation-reference.py",
            "model": os.path.relpath(model_dir, ROOT) if name == "t5_tiny_eos_rich" else f"shared/fixtures/t5/{name}",
            "input_ids": input_ids,
            "attention_mask": ATTENTION_MASK,
            "versions": {"transformers": transformers.__version__, "torch": torch.__version__, "python": sys.version.split()[0]},
            "cases": cases,
        }
        path = os.path.join(OUT_DIR, f"{name}.json")
        with open(path + ".tmp", "w") as f:
            json.dump(doc, f)
        os.replace(path + ".tmp", path)
        eos_rows = {k: sum(1 for row in c["sequences"] if 1 in row[1:-1]) for k, c in cases.items()}
        print(f"wrote {path}; rows that finished before max length per case: {eos_rows}")


if __name__ == "__main__":
    main()
