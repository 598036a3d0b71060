"""Golden fixtures for the binary family: binary_cross_entropy, binary_cross_entropy_with_logits,
balanced_bce, sigmoid_focal_loss (torchvision), soft_margin_loss, exponential_loss, binary_hinge.
Run with Debian's /usr/bin/python3 (python3-torch 1.13.1, python3-torchvision 0.14).

PyTorch computes every value and gradient in float64. The losses PyTorch lacks get references
written in torch right here from the spec's formulas, so autograd supplies their gradients:
balanced_bce (l = -[a y ln s(x) + (1 - a)(1 - y) ln(1 - s(x))], "auto" a = mean(y == 0), a constant),
exponential_loss (e^(-y f)) and binary_hinge, which is F.margin_ranking_loss(f, 0, y, margin) itself
where the shapes allow it (that identity is the spec's) and clamp_min(margin - y f, 0) otherwise.
"""
import torch
import torch.nn.functional as F
from torchvision.ops import sigmoid_focal_loss

from golden_lib import Cases

torch.manual_seed(20240612)
c = Cases("binary_family")

RED = ["none", "mean", "sum"]


def rnd(*shape, scale=1.0):
    return (torch.randn(*shape) * scale).tolist()


def probs(*shape):
    return (torch.rand(*shape) * 0.96 + 0.02).tolist()


def hard(*shape):
    return (torch.rand(*shape) < 0.4).double().tolist()


def soft(*shape):
    return torch.rand(*shape).tolist()


def signs(*shape):
    return torch.where(torch.rand(*shape) < 0.5, -1.0, 1.0).tolist()


def t(v):
    return None if v is None else torch.tensor(v, dtype=torch.float64)


def reduce(l, reduction):
    if reduction == "none":
        return l
    if reduction == "sum":
        return l.sum()
    return l.mean()


# ------------------------------------------------------------------------------------------------
# binary_cross_entropy
# ------------------------------------------------------------------------------------------------

def bce(reduction, weight=None):
    return lambda x, y, _ex: F.binary_cross_entropy(x, y, weight=t(weight), reduction=reduction)


def add_bce(name, x, y, reduction=None, weight=None):
    params = {} if weight is None else {"weight": weight}
    c.add(name, "binary_cross_entropy", bce(reduction or "mean", weight), x, y, params=params, reduction=reduction)


x43, y43 = probs(4, 3), hard(4, 3)
for r in RED:
    add_bce(f"bce hard targets [4, 3] {r}", x43, y43, r)
    add_bce(f"bce soft targets [4, 3] {r}", x43, soft(4, 3), r)
    add_bce(f"bce weight [3] against [4, 3] {r}", x43, y43, r, weight=(torch.rand(3) + 0.5).tolist())
add_bce("bce default reduction (mean)", probs(5), hard(5))
add_bce("bce weight a number", x43, y43, "sum", weight=0.5)
add_bce("bce weight [4, 1] against [4, 3]", x43, y43, "none", weight=(torch.rand(4, 1) + 0.5).tolist())
add_bce("bce weight [1, 3] against [4, 3]", x43, y43, "mean", weight=(torch.rand(1, 3) + 0.5).tolist())
add_bce("bce weight full shape", x43, y43, "mean", weight=(torch.rand(4, 3) + 0.5).tolist())
add_bce("bce weight [3] against [2, 2, 3]", probs(2, 2, 3), hard(2, 2, 3), "none", weight=[0.5, 1.0, 2.0])
add_bce("bce weight [2, 1] against [2, 2, 3]", probs(2, 2, 3), soft(2, 2, 3), "sum", weight=[[0.5], [2.0]])
# Exact 0 and 1: y = x gives 0 with gradient 0; y ≠ x hits the −100 clamp (value 100) and the
# gradient floor −1/fround(1e-12) (PyTorch's float constant shows in the 9th digit).
edge_x = [0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1e-13, 1 - 1e-13, 1e-300, 0.5]
edge_y = [0.0, 1.0, 1.0, 0.0, 0.3, 0.7, 0.0, 1.0, 1.0, 0.5]
for r in RED:
    add_bce(f"bce x exactly 0 and 1, y equal and not, floors {r}", edge_x, edge_y, r)
add_bce("bce x exactly 0 and 1 weighted", edge_x, edge_y, "none", weight=2.5)
add_bce("bce un-batched scalar", 0.3, 1.0, "none")

c.error("bce input 1.5 (logits passed?)", {"loss": "binary_cross_entropy", "input": [0.5, 1.5], "target": [1, 0]}, "invalid_probability")
c.error("bce input negative", {"loss": "binary_cross_entropy", "input": [[-0.2, 0.5]], "target": [[1, 0]]}, "invalid_probability")
c.error("bce input NaN", {"loss": "binary_cross_entropy", "input": [0.5, "NaN"], "target": [1, 0]}, "invalid_probability")
c.error("bce target 1.5 (spec: y in [0, 1]; PyTorch 1.13 computes it)", {"loss": "binary_cross_entropy", "input": [0.5, 0.5], "target": [1.5, 0]}, "invalid_label")
c.error("bce target shape differs (PyTorch raises)", {"loss": "binary_cross_entropy", "input": [[0.5, 0.2]], "target": [1, 0]}, "shape_mismatch")
c.error("bce weight does not broadcast", {"loss": "binary_cross_entropy", "input": [[0.5, 0.2, 0.1]], "target": [[1, 0, 1]], "params": {"weight": [1, 2]}}, "invalid_param")
c.error("bce weight would grow the output", {"loss": "binary_cross_entropy", "input": [0.5, 0.2, 0.1], "target": [1, 0, 1], "params": {"weight": [[1], [2]]}}, "invalid_param")
c.error("bce reduction batchmean", {"loss": "binary_cross_entropy", "input": [0.5], "target": [1], "reduction": "batchmean"}, "invalid_reduction")

# ------------------------------------------------------------------------------------------------
# binary_cross_entropy_with_logits
# ------------------------------------------------------------------------------------------------

def bcel(reduction, weight=None, pos_weight=None):
    return lambda x, y, _ex: F.binary_cross_entropy_with_logits(x, y, weight=t(weight), pos_weight=t(pos_weight), reduction=reduction)


def add_bcel(name, x, y, reduction=None, weight=None, pos_weight=None):
    params = {}
    if weight is not None:
        params["weight"] = weight
    if pos_weight is not None:
        params["pos_weight"] = pos_weight
    c.add(name, "binary_cross_entropy_with_logits", bcel(reduction or "mean", weight, pos_weight), x, y, params=params, reduction=reduction)


l43 = rnd(4, 3, scale=2.0)
w3 = (torch.rand(3) + 0.5).tolist()
pw3 = (torch.rand(3) * 3 + 0.2).tolist()
for r in RED:
    add_bcel(f"bcel hard targets {r}", l43, y43, r)
    add_bcel(f"bcel soft targets {r}", l43, soft(4, 3), r)
    add_bcel(f"bcel weight [3] {r}", l43, y43, r, weight=w3)
    add_bcel(f"bcel pos_weight [3] against [4, 3] {r}", l43, y43, r, pos_weight=pw3)
    add_bcel(f"bcel weight and pos_weight, soft targets {r}", l43, soft(4, 3), r, weight=w3, pos_weight=pw3)
add_bcel("bcel default reduction (mean)", rnd(6), hard(6))
add_bcel("bcel pos_weight a number", l43, y43, "none", pos_weight=3.0)
add_bcel("bcel pos_weight [1]", l43, y43, "sum", pos_weight=[0.5])
add_bcel("bcel weight [4, 1] against [4, 3]", l43, soft(4, 3), "none", weight=(torch.rand(4, 1) + 0.5).tolist())
add_bcel("bcel pos_weight [4] against [2, 3, 4]", rnd(2, 3, 4, scale=3.0), hard(2, 3, 4), "none", pos_weight=[1.0, 2.0, 0.5, 4.0])
add_bcel("bcel weight [3, 1] and pos_weight [4] against [2, 3, 4]", rnd(2, 3, 4), soft(2, 3, 4), "mean", weight=[[1.0], [2.0], [0.25]], pos_weight=[1.0, 2.0, 0.5, 4.0])
big_x = [50.0, -50.0, 50.0, -50.0, 1000.0, -1000.0, 1000.0, -1000.0, 1000.0, -1000.0, 40.0, -745.5]
big_y = [1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.3, 0.3, 1.0, 0.0]
for r in RED:
    add_bcel(f"bcel logits ±50 and ±1000 {r}", big_x, big_y, r)
add_bcel("bcel logits ±50 and ±1000 with pos_weight", big_x, big_y, "none", pos_weight=2.0)
add_bcel("bcel logits ±50 and ±1000 with weight and pos_weight", [big_x[:6], big_x[6:]], [big_y[:6], big_y[6:]], "none",
         weight=[1.0, 2.0, 0.5, 1.0, 3.0, 0.1], pos_weight=[2.0, 1.0, 0.5, 3.0, 1.0, 0.25])

c.error("bcel target 2", {"loss": "binary_cross_entropy_with_logits", "input": [0.5, 1.5], "target": [1, 2]}, "invalid_label")
c.error("bcel target shape differs (PyTorch raises)", {"loss": "binary_cross_entropy_with_logits", "input": [[0.5, 0.2]], "target": [1, 0]}, "shape_mismatch")
c.error("bcel pos_weight [2] against last dim 3", {"loss": "binary_cross_entropy_with_logits", "input": [[0.5, 0.2, 1.0]], "target": [[1, 0, 1]], "params": {"pos_weight": [1, 2]}}, "invalid_param")
c.error("bcel pos_weight not numbers", {"loss": "binary_cross_entropy_with_logits", "input": [0.5], "target": [1], "params": {"pos_weight": "many"}}, "invalid_param")

# ------------------------------------------------------------------------------------------------
# balanced_bce (reference from the spec's formula)
# ------------------------------------------------------------------------------------------------

def balanced(alpha, reduction):
    def fn(x, y, _ex):
        a = (y == 0).to(x.dtype).mean() if alpha == "auto" else torch.tensor(float(alpha))
        l = -(a * y * F.logsigmoid(x) + (1 - a) * (1 - y) * F.logsigmoid(-x))
        return reduce(l, reduction)
    return fn


def add_bal(name, x, y, reduction=None, alpha=None):
    params = {} if alpha is None else {"alpha": alpha}
    c.add(name, "balanced_bce", balanced("auto" if alpha is None else alpha, reduction or "mean"), x, y, params=params, reduction=reduction)


imb_y = (torch.rand(5, 4) < 0.15).double().tolist()
imb_x = rnd(5, 4, scale=2.0)
for r in RED:
    add_bal(f"balanced auto (default) {r}", imb_x, imb_y, r)
    add_bal(f"balanced alpha 0.3 {r}", imb_x, imb_y, r, alpha=0.3)
    add_bal(f"balanced auto soft targets {r}", imb_x, soft(5, 4), r, alpha="auto")
add_bal("balanced default reduction (mean), default alpha", rnd(8), hard(8))
add_bal("balanced alpha 0", imb_x, imb_y, "none", alpha=0)
add_bal("balanced alpha 1", imb_x, imb_y, "none", alpha=1)
add_bal("balanced alpha given as a string", imb_x, imb_y, "sum", alpha="0.75")
add_bal("balanced auto, every target 0 (alpha = 1)", rnd(3, 2), [[0.0, 0.0]] * 3, "none")
add_bal("balanced auto, no target 0 (alpha = 0)", rnd(3, 2), [[1.0, 0.5]] * 3, "none")
add_bal("balanced logits ±50 and ±1000, auto", big_x, big_y, "none")
add_bal("balanced logits ±50 and ±1000, alpha 0.2", big_x, big_y, "sum", alpha=0.2)

c.error("balanced alpha 1.5", {"loss": "balanced_bce", "input": [0.5], "target": [1], "params": {"alpha": 1.5}}, "invalid_param")
c.error("balanced alpha a word", {"loss": "balanced_bce", "input": [0.5], "target": [1], "params": {"alpha": "balanced"}}, "invalid_param")
c.error("balanced target -0.5 (auto)", {"loss": "balanced_bce", "input": [0.5, 0.1], "target": [1, -0.5]}, "invalid_label")
c.error("balanced target 3 (alpha given)", {"loss": "balanced_bce", "input": [0.5, 0.1], "target": [3, 0], "params": {"alpha": 0.5}}, "invalid_label")
c.error("balanced target shape differs", {"loss": "balanced_bce", "input": [[0.5, 0.1]], "target": [[1], [0]]}, "shape_mismatch")

# ------------------------------------------------------------------------------------------------
# sigmoid_focal_loss (torchvision)
# ------------------------------------------------------------------------------------------------

def focal(reduction, alpha=0.25, gamma=2.0):
    return lambda x, y, _ex: sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma, reduction=reduction)


def add_focal(name, x, y, reduction=None, **params):
    c.add(name, "sigmoid_focal_loss", focal(reduction or "none", **params), x, y, params=params, reduction=reduction)


fx, fy = rnd(4, 5, scale=2.5), hard(4, 5)
add_focal("focal defaults (reduction none, alpha 0.25, gamma 2)", fx, fy)
for r in RED:
    add_focal(f"focal {r}", fx, fy, r)
    add_focal(f"focal soft targets {r}", fx, soft(4, 5), r)
    add_focal(f"focal alpha -1 (off) {r}", fx, fy, r, alpha=-1)
    add_focal(f"focal gamma 0 {r}", fx, fy, r, gamma=0)
for g in [0.5, 1, 3, 5]:
    add_focal(f"focal gamma {g}", fx, soft(4, 5), "none", gamma=g)
add_focal("focal alpha 0.5, gamma 1.5", fx, fy, "mean", alpha=0.5, gamma=1.5)
add_focal("focal alpha 0 and alpha 1", fx, fy, "none", alpha=0.0)
add_focal("focal alpha 1", fx, fy, "sum", alpha=1.0)
add_focal("focal alpha -1, gamma 0 (plain BCE)", fx, soft(4, 5), "none", alpha=-1, gamma=0)
add_focal("focal [2, 3, 4]", rnd(2, 3, 4, scale=2.0), hard(2, 3, 4), "mean")
# Saturated logits: with gamma >= 1 torchvision's autograd is finite there (for 0 < gamma < 1 it
# gives 0 * inf = NaN at p_t = 1; the core returns the limit, tested in test/core).
for g in [1, 2, 5]:
    add_focal(f"focal logits ±50 and ±1000, gamma {g}", big_x, big_y, "none", gamma=g)
add_focal("focal logits ±50 and ±1000, gamma 0", big_x, big_y, "sum", gamma=0)

c.error("focal gamma -1", {"loss": "sigmoid_focal_loss", "input": [0.5], "target": [1], "params": {"gamma": -1}}, "invalid_param")
c.error("focal alpha 2", {"loss": "sigmoid_focal_loss", "input": [0.5], "target": [1], "params": {"alpha": 2}}, "invalid_param")
c.error("focal alpha -0.5", {"loss": "sigmoid_focal_loss", "input": [0.5], "target": [1], "params": {"alpha": -0.5}}, "invalid_param")
c.error("focal target 1.5", {"loss": "sigmoid_focal_loss", "input": [0.5, 0.1], "target": [1.5, 0]}, "invalid_label")
c.error("focal target shape differs", {"loss": "sigmoid_focal_loss", "input": [[0.5, 0.1]], "target": [1, 0]}, "shape_mismatch")

# ------------------------------------------------------------------------------------------------
# soft_margin_loss, exponential_loss, binary_hinge
# ------------------------------------------------------------------------------------------------

def add_simple(name, loss, fn, x, y, reduction=None, params=None):
    c.add(name, loss, fn(reduction or "mean"), x, y, params=params or {}, reduction=reduction)


def soft_margin(reduction):
    return lambda x, y, _ex: F.soft_margin_loss(x, y, reduction=reduction)


def exponential(reduction):
    return lambda x, y, _ex: reduce(torch.exp(-y * x), reduction)


def hinge_ranking(margin):
    # The spec's identity, with PyTorch's own margin_ranking_loss as the reference.
    return lambda reduction: (lambda x, y, _ex: F.margin_ranking_loss(x, torch.zeros_like(x), y, margin=margin, reduction=reduction))


def hinge_clamp(margin):
    return lambda reduction: (lambda x, y, _ex: reduce(torch.clamp_min(margin - y * x, 0), reduction))


mx, my = rnd(4, 3, scale=1.5), signs(4, 3)
for r in RED:
    add_simple(f"soft_margin {r}", "soft_margin_loss", soft_margin, mx, my, r)
    add_simple(f"exponential {r}", "exponential_loss", exponential, mx, my, r)
    add_simple(f"hinge margin 1 (default) {r}", "binary_hinge", hinge_ranking(1.0), mx, my, r)
add_simple("soft_margin default reduction (mean)", "soft_margin_loss", soft_margin, rnd(7), signs(7))
add_simple("soft_margin target [3] broadcast against [4, 3]", "soft_margin_loss", soft_margin, mx, signs(3), "none")
add_simple("soft_margin large margins (±50, y·f = −700)", "soft_margin_loss", soft_margin,
           [50.0, -50.0, 50.0, -50.0, 700.0, -700.0, 30.0], [1.0, -1.0, -1.0, 1.0, -1.0, 1.0, 1.0], "none")
add_simple("exponential default reduction (mean)", "exponential_loss", exponential, rnd(7), signs(7))
add_simple("exponential target [4, 1] broadcast against [4, 3]", "exponential_loss", exponential, mx, signs(4, 1), "sum")
add_simple("exponential large margins", "exponential_loss", exponential, [20.0, -20.0, 700.0, -700.0], [1.0, 1.0, 1.0, 1.0], "none")
for m in [0.0, 0.5, 2.0, -0.5]:
    add_simple(f"hinge margin {m}", "binary_hinge", hinge_ranking(m), mx, my, "none", params={"margin": m})
add_simple("hinge default reduction (mean)", "binary_hinge", hinge_ranking(1.0), rnd(7), signs(7))
# At the kink (margin − y·f = 0 exactly) clamp_min passes the gradient: −y.
add_simple("hinge at the kink", "binary_hinge", hinge_ranking(1.0), [1.0, -1.0, 0.5, 2.0, -0.25], [1.0, -1.0, 1.0, 1.0, -1.0], "none")
add_simple("hinge at the kink, margin 0.5", "binary_hinge", hinge_ranking(0.5), [0.5, -0.5, 0.0], [1.0, -1.0, 1.0], "sum", params={"margin": 0.5})
add_simple("hinge target [3] broadcast against [4, 3]", "binary_hinge", hinge_clamp(1.0), mx, signs(3), "mean")

for loss in ["soft_margin_loss", "exponential_loss", "binary_hinge"]:
    c.error(f"{loss} label 0", {"loss": loss, "input": [0.5, 1], "target": [1, 0]}, "invalid_label")
    c.error(f"{loss} label 0.5 in a broadcast target", {"loss": loss, "input": [[0.5, 1], [2, 3]], "target": [1, 0.5]}, "invalid_label")
    c.error(f"{loss} target does not broadcast", {"loss": loss, "input": [[0.5, 1, 2]], "target": [1, -1]}, "shape_mismatch")
c.error("hinge margin a word", {"loss": "binary_hinge", "input": [0.5], "target": [1], "params": {"margin": "wide"}}, "invalid_param")
c.error("hinge margin infinite", {"loss": "binary_hinge", "input": [0.5], "target": [1], "params": {"margin": "Infinity"}}, "invalid_param")
c.error("soft_margin takes no params", {"loss": "soft_margin_loss", "input": [0.5], "target": [1], "params": {"margin": 1}}, "unknown_param")

c.write()
