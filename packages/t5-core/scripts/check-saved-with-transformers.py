"""Manual cross-check: transformers loads what savePretrained wrote and computes the same logits and loss.

Usage: node scripts/save-for-python-check.mjs /tmp/ts_saved && python3 scripts/check-saved-with-transformers.py /tmp/ts_saved
(torch CPU + transformers; run with 4.57.x and 5.x). Prints the max |logits difference| per model and exits 1
above 1e-4.
"""

import json
import os
import sys

import torch
import transformers
from transformers import T5ForConditionalGeneration

root = sys.argv[1] if len(sys.argv) > 1 else "/tmp/ts_saved"
worst = 0.0
for name in sorted(os.listdir(root)):
    folder = os.path.join(root, name)
    ours = json.load(open(os.path.join(folder, "ts_out.json")))
    model = T5ForConditionalGeneration.from_pretrained(folder).eval()
    batch = ours["batch"]
    with torch.no_grad():
        out = model(
            input_ids=torch.tensor(batch["inputIds"]),
            attention_mask=torch.tensor(batch["attentionMask"]),
            labels=torch.tensor(batch["labels"]),
        )
    diff = (out.logits - torch.tensor(ours["logits"])).abs().max().item()
    loss_diff = abs(out.loss.item() - ours["loss"])
    worst = max(worst, diff, loss_diff)
    print(f"transformers {transformers.__version__} {name}: max|logits diff| {diff:.2e}, |loss diff| {loss_diff:.2e}")
sys.exit(0 if worst < 1e-4 else 1)
