"""Writes real NumPy and PyTorch printouts to test/parse/samples/, each beside the values that produced
them (as JSON, with non-finite numbers spelled "NaN"/"Infinity"), so the parser is tested on text the
libraries print rather than on text we imagine they print.

Run with /usr/bin/python3 (Debian's python3-numpy and python3-torch): /usr/bin/python3 test/parse/generate_samples.py
"""
import json
import math
import os
import sys

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples")
os.makedirs(OUT, exist_ok=True)


def jnum(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def expected_of(values, printed_digits_exact=True):
    a = np.asarray(values, dtype=np.float64)
    return {"shape": list(a.shape), "integer": bool(np.all(np.isfinite(a)) and np.all(a == np.round(a))),
            "data": [jnum(v) for v in a.reshape(-1)]}


samples = []


def add(name, text, values=None, error=None, exact=True):
    """exact: the print shows every digit of the float64 value; otherwise the expected values are the
    printed (rounded) ones, which the script reads back from the library's own formatter."""
    entry = {"name": name, "text": text}
    if error:
        entry["error"] = error
    else:
        entry["expected"] = [expected_of(values)]
        entry["exact"] = exact
    samples.append(entry)


rng = np.random.default_rng(7)


def decimals(shape, digits=4, scale=1.0):
    """Random values that are the correctly rounded doubles of short decimals, so NumPy's default
    print (up to 8 significant digits, shortest round-trip) shows every digit of them: the expected
    values are then exactly the doubles the printed text denotes."""
    v = rng.normal(size=shape) * scale
    return np.array([float("%.*e" % (digits, x)) for x in v.reshape(-1)]).reshape(shape)


# NumPy: repr and print of float64.
a = decimals((3, 4), scale=np.array([1e-3, 1, 1, 10]))
add("numpy_repr_float64_3x4", repr(a), a)
add("numpy_print_float64_3x4", str(a), a)
b = decimals((2, 3, 2))
add("numpy_repr_float64_2x3x2", repr(b), b)
add("numpy_print_float64_2x3x2", str(b), b)
c = rng.integers(0, 10, size=(5,))
add("numpy_repr_int64_vector", repr(c), c)
add("numpy_print_int64_vector", str(c), c)
d = rng.random(size=(2, 3)).astype(np.float32)
# The array print shows at most 8 significant digits (precision=8, floatmode="maxprec"): the expected
# values are the digits NumPy's own formatter gives for each element, read as float64.
shown = np.array([[float(np.format_float_positional(v, precision=8, unique=True, fractional=True)) for v in row] for row in d])
add("numpy_repr_float32", repr(d), shown, exact=False)
add("numpy_print_float32", str(d), shown, exact=False)
e = np.array([[0.5, np.inf], [-np.inf, np.nan]])
add("numpy_repr_nonfinite", repr(e), e)
f = np.array([[1e-10, 2.5e7], [3.0, -4e-3]])
add("numpy_repr_scientific", repr(f), f)
add("numpy_print_scientific", str(f), f)
g = np.array([True, False, True])
add("numpy_repr_bool", repr(g), g.astype(np.float64))
w = decimals((30,), digits=6)
add("numpy_print_wrapped_vector", str(w), w)
add("numpy_repr_wrapped_vector", repr(w), w)
add("numpy_repr_scalar_array", repr(np.array(0.25)), np.array(0.25))
big = np.arange(2000.0).reshape(2, 1000)
add("numpy_repr_truncated", repr(big), error="parse_truncated")
add("numpy_print_truncated", str(big), error="parse_truncated")

# PyTorch: the default print shows 4 decimals, so these tensors hold values that 4 decimals show
# exactly (multiples of 1/8 and short decimals); the full-precision print covers random doubles.
t = torch.tensor([[0.1, 0.9], [0.3, 0.7]], dtype=torch.float64)
add("torch_float64_2x2", repr(t), t.numpy())
t2 = torch.tensor([[1.5, -2.25, 3.0], [0.125, 4.0, -0.5]], requires_grad=True)
add("torch_requires_grad", repr(t2), t2.detach().numpy())
t3 = (t2 * 2).sum(dim=1)
add("torch_grad_fn", repr(t3), t3.detach().numpy())
add("torch_scalar", repr(torch.tensor(0.25)), np.array(0.25))
add("torch_long_targets", repr(torch.tensor([2, 0, 1, 1])), np.array([2, 0, 1, 1]))
add("torch_float64_dtype", repr(torch.tensor([0.5, 0.25], dtype=torch.float64) * 3), np.array([1.5, 0.75]))
torch.manual_seed(0)
r = torch.randn(2, 3, 4, dtype=torch.float64)
torch.set_printoptions(precision=17)
add("torch_randn_full_precision", repr(r), r.numpy())
torch.set_printoptions(profile="default")
add("torch_nonfinite", repr(torch.tensor([float("inf"), float("-inf"), float("nan"), 1.0])),
    np.array([np.inf, -np.inf, np.nan, 1.0]))
add("torch_scientific", repr(torch.tensor([1e-8, 1.0, 2e6])), np.array([float(x) for x in ["1.0000e-08", "1.0000e+00", "2.0000e+06"]]))
add("torch_bool", repr(torch.tensor([True, False])), np.array([1.0, 0.0]))
add("torch_empty", repr(torch.zeros(0, 3)), np.zeros((0, 3)))
add("torch_print_2x2", str(t), t.numpy())
add("torch_truncated", repr(torch.arange(5000.0)), error="parse_truncated")
add("torch_wrapped_rows", repr(torch.arange(40.0).reshape(2, 20) / 8), (torch.arange(40.0).reshape(2, 20) / 8).numpy())

# The advice in the truncation error works: the same arrays printed whole parse back.
np.set_printoptions(threshold=sys.maxsize)
add("numpy_repr_after_advice", repr(big), big)
np.set_printoptions(threshold=1000)
torch.set_printoptions(profile="full")
add("torch_after_advice", repr(torch.arange(5000.0)), np.arange(5000.0))
torch.set_printoptions(profile="default")

# Other writers: np.savetxt tables, json.dumps and Python's own repr of lists and tuples.
import io
m = decimals((4, 3))
buf = io.StringIO()
np.savetxt(buf, m, delimiter=",", fmt="%.17g")
add("numpy_savetxt_csv", buf.getvalue(), m)
buf = io.StringIO()
np.savetxt(buf, m, delimiter="\t", fmt="%.17g")
add("numpy_savetxt_tsv", buf.getvalue(), m)
buf = io.StringIO()
np.savetxt(buf, m, fmt="%.18e")
add("numpy_savetxt_default", buf.getvalue(), m)
full = rng.normal(size=(3, 2))
add("json_dumps", json.dumps(full.tolist()), full)
add("python_repr_tuples", repr([tuple(r) for r in full.tolist()]), full)
add("python_repr_list_of_float64", repr(list(np.float64(x) for x in full[0])), full[0])

with open(os.path.join(OUT, "generated.json"), "w") as fh:
    json.dump({"generator": "test/parse/generate_samples.py",
               "numpy": np.__version__, "torch": torch.__version__, "samples": samples}, fh, indent=1)
print(f"wrote {len(samples)} samples (numpy {np.__version__}, torch {torch.__version__})")
