"""PyTorch side of the WebGPU check (scripts/gpu/run-webgpu-check.sh): writes a t5-small-shaped random checkpoint
with transformers, a fixed batch of 8 x 128 source / 64 target tokens, PyTorch's loss on it, its greedy tokens/s and
its 4096^2 float32 matMul rate, into <work dir>. float32 throughout, TF32 off.

    python3 pytorch_reference.py <work dir> [--device cuda|cpu] [--small]
"""
import argparse
import json
import time
from pathlib import Path

import torch
import transformers
from transformers import T5Config, T5ForConditionalGeneration


def best_of(repeats, run, sync):
    best = float("inf")
    for _ in range(repeats):
        sync()
        start = time.perf_counter()
        run()
        sync()
        best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("work")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--small", action="store_true", help="tiny shapes, for a dry run without a GPU")
    args = parser.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    device = torch.device(args.device)
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)

    torch.manual_seed(0)
    # T5's special ids, stated: transformers 5 no longer fills decoder_start_token_id in a bare T5Config.
    ids = {"pad_token_id": 0, "eos_token_id": 1, "decoder_start_token_id": 0}
    if args.small:
        config = T5Config(d_model=64, d_ff=128, d_kv=16, num_heads=4, num_layers=2, vocab_size=512, **ids)
        rows, src, tgt, new_tokens, n = 2, 16, 8, 8, 256
    else:
        config = T5Config(**ids)  # t5-small's shape: d_model 512, 6+6 layers, 8 heads, vocab 32128
        rows, src, tgt, new_tokens, n = 8, 128, 64, 64, 4096
    model = T5ForConditionalGeneration(config).eval()
    model.save_pretrained(work / "checkpoint", safe_serialization=True)
    model.to(device)

    g = torch.Generator().manual_seed(1)
    input_ids = torch.randint(2, config.vocab_size, (rows, src), generator=g)
    input_ids[:, -1] = 1
    labels = torch.randint(2, config.vocab_size, (rows, tgt), generator=g)
    labels[:, -1] = 1
    attention_mask = torch.ones_like(input_ids)
    with torch.no_grad():
        loss = model(
            input_ids=input_ids.to(device), attention_mask=attention_mask.to(device), labels=labels.to(device)
        ).loss.item()

    prompt = input_ids[:1].to(device)
    mask = attention_mask[:1].to(device)

    def greedy():
        with torch.no_grad():
            return model.generate(
                input_ids=prompt, attention_mask=mask, max_new_tokens=new_tokens, min_new_tokens=new_tokens,
                do_sample=False, num_beams=1,
            )

    sequence = greedy()[0].tolist()
    seconds = best_of(3, greedy, sync)

    a = torch.rand(n, n, device=device) * 2 - 1
    b = torch.rand(n, n, device=device) * 2 - 1
    iterations = 8
    matmul_seconds = best_of(3, lambda: [a @ b for _ in range(iterations)], sync)

    reference = {
        "device": torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu",
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "batch": {
            "input_ids": input_ids.tolist(),
            "attention_mask": attention_mask.tolist(),
            "labels": labels.tolist(),
        },
        "loss": loss,
        "greedy": {
            "new_tokens": new_tokens,
            "seconds": seconds,
            "tokens_per_second": new_tokens / seconds,
            "sequence": sequence,
        },
        "matmul": {"size": n, "iterations": iterations},
        "matmul_tflops": 2 * n**3 * iterations / matmul_seconds / 1e12,
    }
    (work / "reference.json").write_text(json.dumps(reference))
    print(f"PyTorch {torch.__version__} on {reference['device']}: loss {loss:.6f}, "
          f"greedy {reference['greedy']['tokens_per_second']:.1f} tok/s, matMul {reference['matmul_tflops']:.2f} TFLOP/s")


if __name__ == "__main__":
    main()
