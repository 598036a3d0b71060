"""PyTorch side of bench/core.bench.ts (run with /usr/bin/python3, Debian's python3-torch).

Reads one JSON line per job on stdin: {"dir": ..., "loss": ..., "params": {...}, "reduction": ...,
"tensors": {"input": [shape], "target": [shape] | null, "extra": {name: [shape]}}}; the tensors are raw
float64 files in `dir` written by the Node side, so both sides time the very same numbers. Answers
one JSON line: {"times": [milliseconds of each value + backward()]} or {"error": "..."}.
Single-threaded float64 on the CPU, timed inside Python, as the issue asks.
"""
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)



def vec(v):
    return None if v is None else torch.tensor(v, dtype=torch.float64)


def native(loss, x, y, ex, p, red):
    if loss == "cross_entropy":
        yy = y.long() if y.shape != x.shape else y
        return F.cross_entropy(x, yy, weight=vec(p["weight"]), ignore_index=int(p["ignore_index"]),
                               label_smoothing=p["label_smoothing"], reduction=red)
    if loss == "nll_loss":
        return F.nll_loss(x, y.long(), weight=vec(p["weight"]), ignore_index=int(p["ignore_index"]), reduction=red)
    if loss == "kl_div":
        return F.kl_div(x, y, reduction=red, log_target=p["log_target"])
    if loss == "binary_cross_entropy":
        return F.binary_cross_entropy(x, y, weight=vec(p["weight"]), reduction=red)
    if loss == "binary_cross_entropy_with_logits":
        return F.binary_cross_entropy_with_logits(x, y, weight=vec(p["weight"]), pos_weight=vec(p["pos_weight"]), reduction=red)
    if loss == "multi_margin_loss":
        return F.multi_margin_loss(x, y.long(), p=int(p["p"]), margin=p["margin"], weight=vec(p["weight"]), reduction=red)
    if loss == "hinge_embedding_loss":
        return F.hinge_embedding_loss(x, y, margin=p["margin"], reduction=red)
    if loss == "soft_margin_loss":
        return F.soft_margin_loss(x, y, reduction=red)
    if loss == "margin_ranking_loss":
        return F.margin_ranking_loss(x, ex["input2"], y, margin=p["margin"], reduction=red)
    if loss == "triplet_margin_loss":
        return F.triplet_margin_loss(x, ex["positive"], ex["negative"], margin=p["margin"], p=p["p"], eps=p["eps"], swap=p["swap"], reduction=red)
    if loss == "cosine_embedding_loss":
        return F.cosine_embedding_loss(x, ex["input2"], y, margin=p["margin"], reduction=red)
    if loss == "l1_loss":
        return F.l1_loss(x, y, reduction=red)
    if loss == "mse_loss":
        return F.mse_loss(x, y, reduction=red)
    if loss == "smooth_l1_loss":
        return F.smooth_l1_loss(x, y, beta=p["beta"], reduction=red)
    if loss == "huber_loss":
        return F.huber_loss(x, y, delta=p["delta"], reduction=red)
    if loss == "poisson_nll_loss":
        return F.poisson_nll_loss(x, y, log_input=p["log_input"], full=p["full"], eps=p["eps"], reduction=red)
    if loss == "categorical_cross_entropy":
        # Probabilities already soft-maxed: −Σ_c t_c ln p_c, mean over N·d1⋯dk (spec).
        t = F.one_hot(y.long(), x.shape[1]).movedim(-1, 1).to(x.dtype) if y.shape != x.shape else y
        per = -(t * torch.log(x)).sum(1)
        return per.mean() if red == "mean" else per.sum() if red == "sum" else per
    if loss == "sigmoid_focal_loss":
        from torchvision.ops import sigmoid_focal_loss
        return sigmoid_focal_loss(x, y, alpha=p["alpha"], gamma=p["gamma"], reduction=red)
    return None


def reference(loss, code):
    """Losses PyTorch lacks are timed through the project's own PyTorch snippet, sent as code."""
    if not code:
        return None
    ns = {}
    exec(compile(code, f"<snippet {loss}>", "exec"), ns)
    return ns.get(loss)


def run(job):
    d = job["dir"]
    shapes = job["tensors"]

    def load(name, shape):
        a = np.fromfile(os.path.join(d, name + ".bin"), dtype=np.float64).reshape(shape)
        return torch.from_numpy(a)

    loss, p, red = job["loss"], job["params"], job["reduction"]
    x0 = load("input", shapes["input"])
    y = None if shapes["target"] is None else load("target", shapes["target"])
    ex0 = {k: load("extra_" + k, s) for k, s in shapes["extra"].items()}
    integer_target = job.get("integer_target", False)
    if y is not None and integer_target:
        y = y.long()
    # The Node side sends a snippet's code exactly for the losses PyTorch lacks (bench/core.bench.ts NATIVE).
    ref = reference(loss, job.get("code"))

    def once():
        x = x0.clone().requires_grad_(True)
        ex = {k: v.clone().requires_grad_(True) for k, v in ex0.items()}
        t0 = time.perf_counter()
        if ref is None:
            out = native(loss, x, y, ex, p, red)
            if out is None:
                raise RuntimeError("no PyTorch implementation for " + loss)
        else:
            kwargs = dict(p)
            if job.get("reduction_kwarg", True):
                kwargs["reduction"] = red
            out = ref(x, *[ex[k] for k in ex], *([] if y is None else [y]), **kwargs)
        out.sum().backward()
        return (time.perf_counter() - t0) * 1000

    reps = job.get("reps", 5)
    once()
    return {"times": [once() for _ in range(reps)]}


for line in sys.stdin:
    line = line.strip()
    if not line:
        continue
    try:
        ans = run(json.loads(line))
    except Exception as e:  # noqa: BLE001
        ans = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(ans), flush=True)
