"""PyTorch side of the training check (scripts/gpu/run-training-check.sh), on the same GPU as t5sql's side: writes
the checkpoints both sides start from (t5-small shape; Flan-T5-large shape plus its initial LoRA r=8 q,v adapter),
times a forward, a training step (forward, backward, clip to 1.0, AdamW) at batch 8 and 32, a LoRA step and the
large model's random init, and records the loss curves on t5sql's Spider batches (batches.json). float32, TF32 off,
dropout 0.

    python3 pytorch_training_reference.py <work dir> [--small]
"""
import argparse
import json
import time
from pathlib import Path

import torch
from peft import LoraConfig, PeftModel, get_peft_model
from transformers import T5Config, T5ForConditionalGeneration

IDS = {"pad_token_id": 0, "eos_token_id": 1, "decoder_start_token_id": 0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("work")
    parser.add_argument("--small", action="store_true", help="tiny shapes and few steps: a dry run without a GPU")
    args = parser.parse_args()
    work = Path(args.work)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    sync = torch.cuda.synchronize if device.type == "cuda" else (lambda: None)
    batches = json.loads((work / "batches.json").read_text())["batches"]
    tensors = [{k: torch.tensor(v, device=device) for k, v in b.items()} for b in batches]

    if args.small:
        small_cfg = T5Config(d_model=64, d_ff=128, d_kv=16, num_heads=4, num_layers=2, dropout_rate=0.0, **IDS)
        large = dict(d_model=96, d_ff=192, d_kv=16, num_heads=6, num_layers=2, feed_forward_proj="gated-gelu",
                     tie_word_embeddings=False, dropout_rate=0.0, **IDS)
        small_steps, lora_steps, repeats = 5, 3, 2
    else:
        small_cfg = T5Config(dropout_rate=0.0, **IDS)  # t5-small's shape
        large = dict(d_model=1024, d_ff=2816, d_kv=64, num_heads=16, num_layers=24, feed_forward_proj="gated-gelu",
                     tie_word_embeddings=False, dropout_rate=0.0, **IDS)  # google/flan-t5-large's shape
        small_steps, lora_steps, repeats = 200, 100, 5
    small_lr, lora_lr = 5e-3, 1e-3

    def median(run, n=repeats):
        run()
        times = []
        for _ in range(n):
            sync()
            start = time.perf_counter()
            run()
            sync()
            times.append(time.perf_counter() - start)
        return sorted(times)[len(times) // 2]

    def step_fn(model, batch, optimizer):
        params = [p for p in model.parameters() if p.requires_grad]

        def run():
            optimizer.zero_grad(set_to_none=True)
            loss = model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            return loss.item()

        return run

    def curve(model, steps, lr):
        params = [p for p in model.parameters() if p.requires_grad]
        optimizer = torch.optim.AdamW(params, lr=lr, weight_decay=0.0, eps=1e-8)
        model.train()
        return [step_fn(model, tensors[i], optimizer)() for i in range(steps)]

    torch.manual_seed(0)
    small = T5ForConditionalGeneration(small_cfg)
    small.save_pretrained(work / "small")
    small.to(device)
    steps = {}
    b8 = tensors[0]
    b32 = {k: torch.cat([t[k] for t in tensors[:4]]) for k in b8}
    small.eval()
    with torch.no_grad():
        steps["forward_eval_b8"] = median(lambda: small(**b8).loss.item())
    small.train()
    opt = torch.optim.AdamW(small.parameters(), lr=1e-4, weight_decay=0.0)
    steps["train_step_b8"] = median(step_fn(small, b8, opt))
    steps["train_step_b32"] = median(step_fn(small, b32, opt))
    del small, opt
    fresh = T5ForConditionalGeneration.from_pretrained(work / "small").to(device)
    small_curve = curve(fresh, small_steps, small_lr)
    del fresh

    large_cfg = T5Config(**large)
    sync()
    start = time.perf_counter()
    with torch.device(device):
        big = T5ForConditionalGeneration(large_cfg)
    sync()
    steps["from_config_large"] = time.perf_counter() - start
    big.save_pretrained(work / "large")
    lora_config = LoraConfig(r=8, lora_alpha=16, target_modules=["q", "v"], lora_dropout=0.0)
    peft_model = get_peft_model(big, lora_config)
    peft_model.save_pretrained(work / "large-lora-init")  # both curves start from this adapter
    peft_model.train()
    lora_opt = torch.optim.AdamW([p for p in peft_model.parameters() if p.requires_grad], lr=1e-4, weight_decay=0.0)
    steps["lora_step_b8"] = median(step_fn(peft_model, b8, lora_opt))
    del peft_model, big, lora_opt
    base = T5ForConditionalGeneration.from_pretrained(work / "large").to(device)
    lora = PeftModel.from_pretrained(base, work / "large-lora-init", is_trainable=True)
    lora_curve = curve(lora, lora_steps, lora_lr)

    out = {
        "device": torch.cuda.get_device_name(0) if device.type == "cuda" else "cpu",
        "torch": torch.__version__,
        "steps": steps,
        "curves": {"small": small_curve, "lora": lora_curve},
        "settings": {"small_lr": small_lr, "lora_lr": lora_lr, "small_steps": small_steps,
                     "lora_steps": lora_steps, "large_config": large},
    }
    (work / "torch-training.json").write_text(json.dumps(out))
    print("PyTorch", json.dumps(steps))


if __name__ == "__main__":
    main()
