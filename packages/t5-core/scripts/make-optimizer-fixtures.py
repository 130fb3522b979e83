"""Reference values for the optimizer, schedule and clipping tests (test/optimizers.test.ts).

Runs torch.optim.AdamW, transformers.optimization.Adafactor, HF's LambdaLR schedules and
torch.nn.utils.clip_grad_norm_ for a few steps on small float32 tensors with fixed gradients and writes
everything to test/fixtures/optimizer-reference.json. The tests replay the same gradients and compare.

    python3 -m venv /tmp/pyref && /tmp/pyref/bin/pip install torch transformers
    /tmp/pyref/bin/python scripts/make-optimizer-fixtures.py
"""

import json
import pathlib
import re

import torch
import transformers
from transformers.optimization import (
    Adafactor,
    get_constant_schedule,
    get_constant_schedule_with_warmup,
    get_linear_schedule_with_warmup,
)

OUT = pathlib.Path(__file__).resolve().parent.parent / "test" / "fixtures" / "optimizer-reference.json"
STEPS = 6
SHAPES = {
    "encoder.block.0.layer.0.SelfAttention.q.weight": [4, 3],
    "encoder.block.0.layer.0.layer_norm.weight": [3],
    "lm_head.bias": [5],
    "shared.weight": [2, 3, 2],
}
# HF Trainer.get_decay_parameter_names' name patterns
NO_DECAY = re.compile(r"bias|layernorm|rmsnorm|(?:^|\.)norm(?:$|\.)|_norm(?:$|\.)")


def tensors_to_json(named):
    return {k: [float(x) for x in v.detach().reshape(-1).tolist()] for k, v in named.items()}


def make_params(gen):
    return {k: torch.randn(s, generator=gen, dtype=torch.float32) for k, s in SHAPES.items()}


def make_grads(gen):
    # Mixed scales so clipping and Adafactor's RMS clipping both engage.
    return [
        {k: torch.randn(s, generator=gen, dtype=torch.float32) * (0.1 + 2.0 * (i % 3)) for k, s in SHAPES.items()}
        for i in range(STEPS)
    ]


def run_case(name, build, params, grads, schedule=None, max_grad_norm=None):
    ps = {k: torch.nn.Parameter(v.clone()) for k, v in params.items()}
    opt = build(ps)
    sched = schedule(opt) if schedule else None
    after, lrs, norms = [], [], []
    for step_grads in grads:
        for k, p in ps.items():
            p.grad = step_grads[k].clone()
        if max_grad_norm is not None:
            norms.append(float(torch.nn.utils.clip_grad_norm_(list(ps.values()), max_grad_norm)))
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        if sched:
            sched.step()
        after.append(tensors_to_json(ps))
    return {"name": name, "lrs": lrs, "norms": norms, "after": after}


def adamw_groups(ps, wd):
    decay = [p for k, p in ps.items() if not NO_DECAY.search(k.lower())]
    no_decay = [p for k, p in ps.items() if NO_DECAY.search(k.lower())]
    return [{"params": decay, "weight_decay": wd}, {"params": no_decay, "weight_decay": 0.0}]


def main():
    gen = torch.Generator().manual_seed(1234)
    params = make_params(gen)
    grads = make_grads(gen)
    cases = [
        # torch defaults, every parameter decayed (noDecay: none)
        dict(
            optimizer="adamw",
            options={"noDecay": "none"},
            **run_case("adamw torch defaults", lambda ps: torch.optim.AdamW(list(ps.values())), params, grads),
        ),
        dict(
            optimizer="adamw",
            options={"learningRate": 0.05, "betas": [0.8, 0.99], "eps": 1e-6, "weightDecay": 0.1},
            schedule={"name": "linear", "warmupSteps": 2, "totalSteps": STEPS},
            maxGradNorm=1.0,
            **run_case(
                "adamw HF grouping, linear warmup, clipping",
                lambda ps: torch.optim.AdamW(adamw_groups(ps, 0.1), lr=0.05, betas=(0.8, 0.99), eps=1e-6),
                params,
                grads,
                schedule=lambda o: get_linear_schedule_with_warmup(o, 2, STEPS),
                max_grad_norm=1.0,
            ),
        ),
        dict(
            optimizer="adafactor",
            options={},
            **run_case("adafactor HF defaults (relative step, scale parameter)", lambda ps: Adafactor(list(ps.values())), params, grads),
        ),
        dict(
            optimizer="adafactor",
            options={"warmupInit": True},
            **run_case("adafactor warmup_init", lambda ps: Adafactor(list(ps.values()), warmup_init=True), params, grads),
        ),
        dict(
            optimizer="adafactor",
            options={"learningRate": 1e-3, "relativeStep": False, "scaleParameter": False},
            schedule={"name": "constant_with_warmup", "warmupSteps": 3, "totalSteps": STEPS},
            **run_case(
                "adafactor as HF Trainer sets it (external lr), constant with warmup",
                lambda ps: Adafactor(list(ps.values()), lr=1e-3, relative_step=False, scale_parameter=False),
                params,
                grads,
                schedule=lambda o: get_constant_schedule_with_warmup(o, 3),
            ),
        ),
        dict(
            optimizer="adafactor",
            options={
                "learningRate": 0.01,
                "relativeStep": False,
                "beta1": 0.9,
                "weightDecay": 0.05,
                "clipThreshold": 0.5,
                "decayRate": -0.5,
                "eps": [1e-20, 1e-2],
            },
            schedule={"name": "constant", "warmupSteps": 0, "totalSteps": STEPS},
            maxGradNorm=0.5,
            **run_case(
                "adafactor beta1, weight decay, clip threshold, scale parameter, clipping",
                lambda ps: Adafactor(
                    list(ps.values()),
                    lr=0.01,
                    relative_step=False,
                    beta1=0.9,
                    weight_decay=0.05,
                    clip_threshold=0.5,
                    decay_rate=-0.5,
                    eps=(1e-20, 1e-2),
                ),
                params,
                grads,
                schedule=get_constant_schedule,
                max_grad_norm=0.5,
            ),
        ),
    ]

    # Schedules on their own: lr of each update for a base rate of 1.
    schedules = []
    for name, warmup, total in [("linear", 3, 10), ("linear", 0, 4), ("constant_with_warmup", 4, 8), ("constant", 0, 5)]:
        p = torch.nn.Parameter(torch.zeros(1))
        o = torch.optim.SGD([p], lr=1.0)
        s = {
            "linear": lambda: get_linear_schedule_with_warmup(o, warmup, total),
            "constant_with_warmup": lambda: get_constant_schedule_with_warmup(o, warmup),
            "constant": lambda: get_constant_schedule(o),
        }[name]()
        lrs = []
        for _ in range(total + 2):
            lrs.append(o.param_groups[0]["lr"])
            o.step()
            s.step()
        schedules.append({"name": name, "warmupSteps": warmup, "totalSteps": total, "lrs": lrs})

    OUT.write_text(
        json.dumps(
            {
                "generator": f"scripts/make-optimizer-fixtures.py (torch {torch.__version__}, transformers {transformers.__version__})",
                "shapes": SHAPES,
                "params": tensors_to_json(params),
                "grads": [tensors_to_json(g) for g in grads],
                "cases": cases,
                "schedules": schedules,
            },
            indent=1,
        )
        + "\n"
    )
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
