"""Shared helpers for the golden-fixture generators (run with Debian's /usr/bin/python3 + python3-torch).

A case is a request of the `eval --json` contract plus what PyTorch (or a reference written in
torch, for losses PyTorch lacks) computes for it in float64: the value, and d(sum of the output)/d
each differentiable tensor via autograd. Non-finite numbers are written as "NaN"/"Infinity" strings,
as the contract spells them.
"""
import json
import math
import os
import sys

import torch

torch.set_default_dtype(torch.float64)

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")


def enc(v):
    """Nested lists/floats -> JSON-safe (non-finite as strings)."""
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def t64(v, grad=False):
    t = torch.tensor(v, dtype=torch.float64)
    if grad:
        t.requires_grad_(True)
    return t


def tlong(v):
    return torch.tensor(v, dtype=torch.long)


class Cases:
    """Collects cases for one family and writes fixtures/<family>.json."""

    def __init__(self, family):
        self.family = family
        self.cases = []

    def add(self, name, loss, fn, input, target=None, extra=None, params=None, reduction=None,
            target_long=False, input_grad=True):
        """fn(input_t, target_t, extra_ts: dict) -> torch output. Tensors get requires_grad where differentiable."""
        extra = extra or {}
        x = t64(input, grad=input_grad)
        y = None
        if target is not None:
            y = tlong(target) if target_long else t64(target)
        ex = {k: t64(v, grad=True) for k, v in extra.items()}
        out = fn(x, y, ex)
        total = out.sum()
        diff = ([x] if input_grad else []) + list(ex.values())
        if total.requires_grad:
            grads = torch.autograd.grad(total, diff, allow_unused=True)
        else:
            grads = [None] * len(diff)
        grads = [torch.zeros_like(t) if g is None else g for t, g in zip(diff, grads)]
        gx = grads[0] if input_grad else None
        gex = dict(zip(ex.keys(), grads[1:] if input_grad else grads))
        req = {"loss": loss, "input": enc(input), "target": None if target is None else enc(target),
               "extra": {k: enc(v) for k, v in extra.items()}, "params": params or {}, "grad": True}
        if reduction is not None:
            req["reduction"] = reduction
        want = {"value": enc(out.detach().tolist())}
        if gx is not None:
            want["grad"] = enc(gx.tolist())
        if gex:
            want["grad_extra"] = {k: enc(g.tolist()) for k, g in gex.items()}
        self.cases.append({"name": name, "request": req, "want": want})

    def error(self, name, request, code):
        """A request the core must refuse with this error code (PyTorch raises, or the spec forbids)."""
        self.cases.append({"name": name, "request": request, "want_error": code})

    def write(self):
        os.makedirs(FIXTURES, exist_ok=True)
        path = os.path.join(FIXTURES, f"{self.family}.json")
        with open(path, "w") as f:
            json.dump({"family": self.family, "torch": torch.__version__, "cases": self.cases}, f, indent=None, separators=(",", ":"))
            f.write("\n")
        print(f"{path}: {len(self.cases)} cases", file=sys.stderr)
