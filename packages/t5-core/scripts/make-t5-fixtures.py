"""Generates the small T5 parity fixtures under test/fixtures/ (configurations beyond the shared ones).

Run from packages/t5-core, once with transformers 4.57.6 (the reference of the shared fixtures) and once with
transformers 5.x: `python3 scripts/make-t5-fixtures.py` (torch CPU; the tests never call Python). Each version
writes its own fixtures: 5.x only the one that checks its config.json spelling (`scale_decoder_outputs`, forced
`tie_word_embeddings`). Each fixture folder holds what `save_pretrained` writes (config.json, model.safetensors, stored
in the dtype named below) and expected.json: inputs, logits, encoder_last_hidden_state, loss over labels with
-100, and the L2 norm of every parameter's gradient. Weights are HF's own random init from a fixed seed, then
RMSNorm weights get 1 + noise so a dropped norm shows. Values are computed in float32 from the stored weights
(16-bit fixtures are rounded first), eval mode.
"""

import json
import os
import sys

import torch
import transformers
from transformers import T5Config, T5ForConditionalGeneration
from transformers.activations import ACT2FN

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures")

FIXTURES = [
    # name, config overrides, storage dtype, src length, tgt length
    (
        "t5_gated_relu_6x12_3enc_1dec",
        dict(d_model=48, num_heads=6, d_kv=12, d_ff=80, num_layers=3, num_decoder_layers=1,
             feed_forward_proj="gated-relu", relative_attention_num_buckets=16,
             relative_attention_max_distance=64, tie_word_embeddings=False),
        torch.float32, 23, 17,
    ),
    (
        "t5_gelu_exact_tied_2x20_1enc_2dec",
        dict(d_model=32, num_heads=2, d_kv=20, d_ff=56, num_layers=1, num_decoder_layers=2,
             feed_forward_proj="gelu", relative_attention_num_buckets=8,
             relative_attention_max_distance=16, tie_word_embeddings=True),
        torch.float32, 21, 13,
    ),
    (
        "t5_gated_gelu_python_bf16",
        dict(d_model=32, num_heads=4, d_kv=8, d_ff=64, num_layers=2, num_decoder_layers=2,
             feed_forward_proj="gated-gelu_python", relative_attention_num_buckets=64,
             relative_attention_max_distance=256, tie_word_embeddings=False, layer_norm_epsilon=1e-5),
        torch.bfloat16, 40, 30,
    ),
    (
        "t5_gated_silu_f16_tied",
        dict(d_model=40, num_heads=5, d_kv=8, d_ff=48, num_layers=2, num_decoder_layers=3,
             feed_forward_proj="gated-silu", relative_attention_num_buckets=32,
             relative_attention_max_distance=20, tie_word_embeddings=True),
        torch.float16, 19, 25,
    ),
]

# transformers 5 writes `tie_word_embeddings: true` plus `scale_decoder_outputs: false` for v1.1-style models and
# ties lm_head to shared when the model is built from a config.
FIXTURES_V5 = [
    (
        "t5_v5_format_gated_gelu",
        dict(d_model=32, num_heads=4, d_kv=8, d_ff=64, num_layers=2, num_decoder_layers=2,
             feed_forward_proj="gated-gelu", tie_word_embeddings=False),
        torch.float32, 15, 11,
    ),
]

BASE = dict(vocab_size=64, dropout_rate=0.1, initializer_factor=1.0, pad_token_id=0, eos_token_id=1,
            decoder_start_token_id=0)


def rows(t):
    return t.detach().to(torch.float32).tolist()


def make(name, overrides, dtype, src_len, tgt_len, seed):
    torch.manual_seed(seed)
    config = T5Config(**BASE, **overrides)
    model = T5ForConditionalGeneration(config).eval()
    with torch.no_grad():
        for pname, p in model.named_parameters():
            if "layer_norm" in pname:
                p.add_(0.1 * torch.randn_like(p))
    folder = os.path.join(OUT, name)
    os.makedirs(folder, exist_ok=True)
    # Store in `dtype`, then compute from exactly the stored values.
    model = model.to(dtype)
    model.save_pretrained(folder)
    model = model.to(torch.float32)

    g = torch.Generator().manual_seed(seed + 1)
    input_ids = torch.randint(2, 64, (2, src_len), generator=g)
    attention_mask = torch.ones_like(input_ids)
    input_ids[0, -1] = 1
    input_ids[1, src_len - 6:] = 0
    input_ids[1, src_len - 7] = 1
    attention_mask[1, src_len - 6:] = 0
    labels = torch.randint(2, 64, (2, tgt_len), generator=g)
    labels[0, -1] = 1
    labels[1, tgt_len - 4] = 1
    labels[1, tgt_len - 3:] = -100

    out = model(input_ids=input_ids, attention_mask=attention_mask, labels=labels)
    out.loss.backward()
    # Tied parameters appear once (named_parameters deduplicates), like the shared fixtures' grad_norms.
    grad_norms = {}
    for pname, p in model.named_parameters():
        grad_norms[pname] = float(p.grad.norm()) if p.grad is not None else 0.0
    expected = {
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__},
        "storage_dtype": str(dtype).replace("torch.", ""),
        "inputs": {"input_ids": input_ids.tolist(), "attention_mask": attention_mask.tolist(),
                   "labels": labels.tolist()},
        "logits": rows(out.logits),
        "encoder_last_hidden_state": rows(out.encoder_last_hidden_state),
        "loss": float(out.loss),
        "grad_norms": grad_norms,
    }
    with open(os.path.join(folder, "expected.json"), "w") as f:
        json.dump(expected, f)
    print(name, "loss", float(out.loss), "params", sum(p.numel() for p in model.parameters()))


def make_activations():
    xs = torch.linspace(-12.0, 12.0, 97, dtype=torch.float32)
    xs = torch.cat([xs, torch.tensor([-0.5, -0.1, 0.0, 0.1, 0.5, 0.70710, 1.0, 2.5, 5.9, 6.1])])
    table = {}
    for key in ACT2FN.keys():
        if key in ("prelu", "xielu"):
            continue  # own learnable parameters: not a T5 feed-forward activation
        with torch.no_grad():
            table[key] = ACT2FN[key](xs.clone()).tolist()
    with open(os.path.join(OUT, "activations.json"), "w") as f:
        json.dump({"transformers": transformers.__version__, "x": xs.tolist(), "y": table}, f)
    print("activations", sorted(table))


if __name__ == "__main__":
    torch.set_num_threads(1)
    if int(transformers.__version__.split(".")[0]) >= 5:
        for i, spec in enumerate(FIXTURES_V5):
            make(*spec, seed=3030 + 10 * i)
    else:
        for i, spec in enumerate(FIXTURES):
            make(*spec, seed=2024 + 10 * i)
        make_activations()
    sys.exit(0)
