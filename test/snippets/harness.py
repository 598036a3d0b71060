"""Runs the Loss Lens snippets (their text with every tab stop at its default) for the node tests.

Run with Debian's /usr/bin/python3 (python3-torch, python3-numpy), once per batch: one JSON object
on stdin, one on stdout.

  {"snippets": [{"name", "code"}],                       each exec'd in a fresh namespace
   "cases": [{"key", "snippet", "function", "framework": "pytorch"|"numpy",
              "args": [{"name", "data", "dtype": "float"|"long", "grad"}], "kwargs": {...}}],
   "calls": [{"key", "snippet", "expr"}],                 an expression in a snippet's namespace, where
                                                          _pair(snippet_fn, reference_fn, x) runs both
   "signatures": [{"snippet", "function"}],
   "runs": [{"key", "snippet", "code", "globals": {name: {"data", "dtype"}}}]}   exec with these
                                                        tensors in scope and IPython.display stubbed

Every tensor is float64 (or int64 for class indices). A PyTorch case answers the value and, by
autograd, d(sum of the output)/d each argument with "grad": true. Non-finite numbers are written as
"NaN"/"Infinity"/"-Infinity". A snippet or case that raises answers {"error": traceback}.
"""
import inspect
import json
import math
import sys
import traceback
import types

import numpy as np
import torch


def enc(v):
    if isinstance(v, (list, tuple)):
        return [enc(x) for x in v]
    if isinstance(v, (bool, str)) or v is None:
        return v
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def torch_tensor(spec):
    t = torch.tensor(spec["data"], dtype=torch.long if spec["dtype"] == "long" else torch.float64)
    if spec.get("grad"):
        t.requires_grad_(True)
    return t


def numpy_array(spec):
    return np.array(spec["data"], dtype=np.int64 if spec["dtype"] == "long" else np.float64)


def pair(snippet_fn, reference_fn, data):
    """Both functions of one float64 input with autograd: the snippet next to PyTorch's own."""
    answer = {}
    for key, fn in (("snippet", snippet_fn), ("reference", reference_fn)):
        x = torch.tensor(data, dtype=torch.float64, requires_grad=True)
        out = fn(x)
        (g,) = torch.autograd.grad(out.sum(), [x])
        answer[key] = {"value": enc(out.detach().tolist()), "grad": enc(g.tolist())}
    return answer


def run_case(ns, case):
    fn = ns[case["function"]]
    if case["framework"] == "numpy":
        out = fn(*[numpy_array(a) for a in case["args"]], **case["kwargs"])
        arr = np.asarray(out)
        if arr.dtype != np.float64:
            raise TypeError(f"the NumPy value is {arr.dtype}, not float64")
        return {"value": enc(arr.tolist())}
    args = [torch_tensor(a) for a in case["args"]]
    out = fn(*args, **case["kwargs"])
    if not isinstance(out, torch.Tensor):
        raise TypeError(f"the snippet returned {type(out).__name__}, not a tensor")
    if out.dtype != torch.float64:
        raise TypeError(f"the value is {out.dtype}, not float64")
    diff = [(a["name"], t) for a, t in zip(case["args"], args) if a.get("grad")]
    total = out.sum()
    if total.requires_grad:
        grads = torch.autograd.grad(total, [t for _, t in diff], allow_unused=True)
    else:
        grads = [None] * len(diff)
    answer = {"value": enc(out.detach().tolist()), "grads": {}}
    for (name, t), g in zip(diff, grads):
        answer["grads"][name] = enc((torch.zeros_like(t) if g is None else g).tolist())
    return answer


class Display:
    """Stands in for IPython.display: records what a snippet displays."""

    def __init__(self):
        self.calls = []

    def display(self, obj, raw=False):
        self.calls.append({"obj": obj, "raw": raw})


def guarded(fn):
    try:
        return fn()
    except Exception:  # noqa: BLE001 - the test shows the traceback
        return {"error": traceback.format_exc()}


def main():
    job = json.load(sys.stdin)
    namespaces = {}
    snippets = {}
    for s in job.get("snippets", []):
        ns = {"__name__": "loss_lens_snippet"}

        def load(code=s["code"], ns=ns, name=s["name"]):
            exec(compile(code, f"<snippet {name}>", "exec"), ns)
            return {"ok": True}

        snippets[s["name"]] = guarded(load)
        namespaces[s["name"]] = ns
    cases = {}
    for c in job.get("cases", []):
        ns = namespaces.get(c["snippet"])
        cases[c["key"]] = guarded(lambda ns=ns, c=c: run_case(ns, c))
    calls = {}
    for c in job.get("calls", []):
        ns = namespaces.get(c["snippet"])
        def call(ns=ns, c=c):
            ns["_pair"] = pair
            value = eval(c["expr"], ns)
            return value if isinstance(value, dict) else {"value": enc(value)}
        calls[c["key"]] = guarded(call)
    signatures = {}
    for s in job.get("signatures", []):
        def sig(s=s):
            params = inspect.signature(namespaces[s["snippet"]][s["function"]]).parameters.values()
            return {"params": [{"name": p.name, "kind": p.kind.name,
                                "default": None if p.default is inspect.Parameter.empty else enc(p.default),
                                "required": p.default is inspect.Parameter.empty} for p in params]}
        signatures[f'{s["snippet"]}/{s["function"]}'] = guarded(sig)
    runs = {}
    for r in job.get("runs", []):
        def run(r=r):
            shown = Display()
            ipython = types.ModuleType("IPython")
            display_mod = types.ModuleType("IPython.display")
            display_mod.display = shown.display
            ipython.display = display_mod
            saved = {k: sys.modules.get(k) for k in ("IPython", "IPython.display")}
            sys.modules["IPython"], sys.modules["IPython.display"] = ipython, display_mod
            try:
                ns = {"__name__": "loss_lens_snippet"}
                ns.update({k: torch_tensor(v) for k, v in r["globals"].items()})
                exec(compile(r["code"], f'<snippet {r["snippet"]}>', "exec"), ns)
            finally:
                for k, v in saved.items():
                    if v is None:
                        sys.modules.pop(k, None)
                    else:
                        sys.modules[k] = v
            return {"displays": shown.calls}
        runs[r["key"]] = guarded(run)
    json.dump({"snippets": snippets, "cases": cases, "calls": calls, "signatures": signatures, "runs": runs}, sys.stdout)


if __name__ == "__main__":
    main()
