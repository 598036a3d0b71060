"""Golden fixtures for the softmax family: cross_entropy, nll_loss, categorical_cross_entropy, kl_div,
softmax_focal_loss, multi_margin_loss. Run with Debian's /usr/bin/python3 (python3-torch 1.13.1).

PyTorch computes every value and gradient in float64. The two losses PyTorch lacks get references
written in torch right here, from the spec's formulas, so autograd supplies their gradients:
softmax_focal_loss (l = -alpha_t (1 - p_t)^gamma ln p_t) and categorical_cross_entropy
(l = -sum_c t_c ln p_c, terms with t_c = 0 dropped).
"""
import math

import torch
import torch.nn.functional as F

from golden_lib import Cases

torch.manual_seed(20240611)
c = Cases("softmax_family")

RED = ["none", "mean", "sum"]


def rnd(*shape, scale=1.0):
    return (torch.randn(*shape) * scale).tolist()


def labels(shape, C, ignore_at=(), ignore_index=-100):
    y = torch.randint(0, C, shape)
    flat = y.view(-1)
    for i in ignore_at:
        flat[i] = ignore_index
    return y.tolist()


def probs(*shape, dim=1):
    return torch.softmax(torch.randn(*shape) * 1.5, dim=dim).tolist()


def cdim(x):
    return 1 if x.dim() > 1 else 0


# ------------------------------------------------------------------------------------------------
# References for the losses PyTorch lacks
# ------------------------------------------------------------------------------------------------

def reduce(l, reduction, denominator):
    if reduction == "none":
        return l
    if reduction == "sum":
        return l.sum()
    return l.sum() / denominator


def focal_ref(alpha=None, gamma=2.0, ignore_index=-100, reduction="mean"):
    def fn(x, y, _ex):
        d = cdim(x)
        lp = F.log_softmax(x, dim=d)
        mask = y != ignore_index
        ys = torch.where(mask, y, torch.zeros_like(y))
        onehot = F.one_hot(ys, x.shape[d]).to(x.dtype)
        if d == 1:
            onehot = onehot.movedim(-1, 1)
        p = lp.exp()
        # The spec's 1 - p_t and ln p_t, evaluated without cancellation where p_t rounds to 1:
        # 1 - p_t as the other classes' probabilities summed, ln p_t = -log1p((1 - p_t)/p_t) there.
        u = (p * (1 - onehot)).sum(d)
        pt = p.gather(d, ys.unsqueeze(d)).squeeze(d)
        lpt_plain = lp.gather(d, ys.unsqueeze(d)).squeeze(d)
        lpt = torch.where(u < pt, -torch.log1p(u / pt), lpt_plain)
        if alpha is None:
            a = torch.ones_like(lpt)
        elif isinstance(alpha, (int, float)):
            a = torch.full_like(lpt, float(alpha))
        else:
            a = torch.tensor(alpha, dtype=torch.float64)[ys]
        l = -a * u ** gamma * lpt
        l = torch.where(mask, l, torch.zeros_like(l))
        return reduce(l, reduction, mask.sum())
    return fn


def cce_ref(reduction="mean", index=False):
    def fn(p, t, _ex):
        d = cdim(p)
        if index:
            l = -torch.log(p.gather(d, t.unsqueeze(d)).squeeze(d))
        else:
            nz = t != 0
            safe = torch.where(nz, p, torch.ones_like(p))
            l = -torch.where(nz, t * torch.log(safe), torch.zeros_like(p)).sum(d)
        return reduce(l, reduction, l.numel())
    return fn


def ce(reduction, **kw):
    def fn(x, y, _ex):
        if "weight" in kw and kw["weight"] is not None:
            kw2 = dict(kw, weight=torch.tensor(kw["weight"], dtype=torch.float64))
        else:
            kw2 = kw
        return F.cross_entropy(x, y, reduction=reduction, **kw2)
    return fn


def nll(reduction, **kw):
    def fn(x, y, _ex):
        kw2 = dict(kw)
        if kw2.get("weight") is not None:
            kw2["weight"] = torch.tensor(kw2["weight"], dtype=torch.float64)
        return F.nll_loss(x, y, reduction=reduction, **kw2)
    return fn


def mm(reduction, **kw):
    def fn(x, y, _ex):
        kw2 = dict(kw)
        if kw2.get("weight") is not None:
            kw2["weight"] = torch.tensor(kw2["weight"], dtype=torch.float64)
        return F.multi_margin_loss(x, y, reduction=reduction, **kw2)
    return fn


def kl(reduction, log_target=False):
    return lambda x, t, _ex: F.kl_div(x, t, reduction=reduction, log_target=log_target)


# ------------------------------------------------------------------------------------------------
# The cross-entropy article's worked example: mean 1.1918502562689777
# ------------------------------------------------------------------------------------------------

P = [[.1, .2, .7], [.3, .4, .3], [.1, .2, .7]]
ONEHOT = [[0., 0., 1.], [0., 1., 0.], [1., 0., 0.]]
LOGP = [[math.log(v) for v in row] for row in P]
for r in RED:
    c.add(f"article example, logits ln p, one-hot target, {r}", "cross_entropy", ce(r), LOGP, ONEHOT, reduction=r)
    c.add(f"article example, logits ln p, index target, {r}", "cross_entropy", ce(r), LOGP, [2, 1, 0], reduction=r, target_long=True)
    c.add(f"article example, probabilities, one-hot target, {r}", "categorical_cross_entropy", cce_ref(r), P, ONEHOT, reduction=r)
    c.add(f"article example, probabilities, index target, {r}", "categorical_cross_entropy", cce_ref(r, index=True), P, [2, 1, 0], reduction=r, target_long=True)
c.add("article example, default reduction (mean)", "categorical_cross_entropy", cce_ref("mean"), P, ONEHOT)

# ------------------------------------------------------------------------------------------------
# cross_entropy
# ------------------------------------------------------------------------------------------------

X = rnd(6, 5, scale=2.0)
X3Z = [[1.0, 2.0, 3.0], [0.0, 1.0, -1.0]]
Y = labels((6,), 5)
W5 = [0.5, 1.0, 2.0, 0.25, 1.5]
for r in RED:
    c.add(f"indices, {r}", "cross_entropy", ce(r), X, Y, reduction=r, target_long=True)
    c.add(f"indices, weight, {r}", "cross_entropy", ce(r, weight=W5), X, Y, params={"weight": W5}, reduction=r, target_long=True)
    c.add(f"indices, label_smoothing 0.1, {r}", "cross_entropy", ce(r, label_smoothing=0.1), X, Y, params={"label_smoothing": 0.1}, reduction=r, target_long=True)
    c.add(f"indices, weight + label_smoothing 0.2, {r}", "cross_entropy", ce(r, weight=W5, label_smoothing=0.2), X, Y, params={"weight": W5, "label_smoothing": 0.2}, reduction=r, target_long=True)
    Yi = labels((6,), 5, ignore_at=(1, 4))
    c.add(f"indices, ignore_index -100 on two rows, weight + smoothing, {r}", "cross_entropy", ce(r, weight=W5, label_smoothing=0.15), X, Yi, params={"weight": W5, "label_smoothing": 0.15}, reduction=r, target_long=True)
    # ignore_index equal to a real class: those rows are dropped.
    Yr = [0, 2, 2, 1, 4, 3]
    c.add(f"indices, ignore_index = 2 (a real class), {r}", "cross_entropy", ce(r, ignore_index=2), X, Yr, params={"ignore_index": 2}, reduction=r, target_long=True)
    c.add(f"indices, ignore_index = 2 (a real class), weight + smoothing, {r}", "cross_entropy", ce(r, ignore_index=2, weight=W5, label_smoothing=0.1), X, Yr, params={"ignore_index": 2, "weight": W5, "label_smoothing": 0.1}, reduction=r, target_long=True)
    c.add(f"indices, every element ignored, {r}", "cross_entropy", ce(r), X, [-100] * 6, reduction=r, target_long=True)
    c.add(f"indices, every element ignored, smoothing + weight, {r}", "cross_entropy", ce(r, weight=W5, label_smoothing=0.1), X, [-100] * 6, params={"weight": W5, "label_smoothing": 0.1}, reduction=r, target_long=True)
    T = probs(6, 5)
    c.add(f"probabilities, {r}", "cross_entropy", ce(r), X, T, reduction=r)
    c.add(f"probabilities, weight (not in the mean's denominator), {r}", "cross_entropy", ce(r, weight=W5), X, T, params={"weight": W5}, reduction=r)
    c.add(f"probabilities, label_smoothing 0.3, {r}", "cross_entropy", ce(r, label_smoothing=0.3), X, T, params={"label_smoothing": 0.3}, reduction=r)
    # The spec: with probability targets ignore_index is unused (PyTorch 1.13 raises "ignore_index is
    # not supported for floating point target" for any value but -100), so the value is the one without it.
    c.add(f"probabilities, weight + label_smoothing, ignore_index set but unused, {r}", "cross_entropy", ce(r, weight=W5, label_smoothing=0.1), X, T, params={"weight": W5, "label_smoothing": 0.1, "ignore_index": 1}, reduction=r)
    # logits of +-50: log-sum-exp keeps them exact.
    XB = [[50., -50., 0.], [-50., 50., 0.], [50., 50., -50.], [-50., -50., -50.]]
    c.add(f"logits +-50, indices, {r}", "cross_entropy", ce(r), XB, [0, 0, 1, 2], reduction=r, target_long=True)
    c.add(f"logits +-50, smoothing, {r}", "cross_entropy", ce(r, label_smoothing=0.1), XB, [0, 0, 1, 2], params={"label_smoothing": 0.1}, reduction=r, target_long=True)
    c.add(f"logits +-1000, indices, {r}", "cross_entropy", ce(r), [[1000., -1000., 0.], [-1000., 1000., 999.]], [1, 2], reduction=r, target_long=True)
    # Spatial dimensions [N, C, H, W] and [N, C, L].
    XS = rnd(2, 4, 3, 2, scale=2.0)
    YS = labels((2, 3, 2), 4, ignore_at=(3,))
    c.add(f"spatial [2,4,3,2], indices with one ignored, weight, {r}", "cross_entropy", ce(r, weight=[1., 2., .5, 3.]), XS, YS, params={"weight": [1., 2., .5, 3.]}, reduction=r, target_long=True)
    c.add(f"spatial [2,4,3,2], smoothing 0.2, {r}", "cross_entropy", ce(r, label_smoothing=0.2), XS, YS, params={"label_smoothing": 0.2}, reduction=r, target_long=True)
    c.add(f"spatial [2,4,3,2], probabilities + smoothing, {r}", "cross_entropy", ce(r, label_smoothing=0.2), XS, probs(2, 4, 3, 2), params={"label_smoothing": 0.2}, reduction=r)
    XL = rnd(3, 3, 4)
    c.add(f"spatial [3,3,4], indices, {r}", "cross_entropy", ce(r), XL, labels((3, 4), 3), reduction=r, target_long=True)
    # Un-batched [C] with a 0-dim class index, and with probabilities [C].
    XU = [0.3, -1.2, 2.0, 0.7]
    c.add(f"un-batched [4], index 2, {r}", "cross_entropy", ce(r), XU, 2, reduction=r, target_long=True)
    c.add(f"un-batched [4], index 1, weight + smoothing, {r}", "cross_entropy", ce(r, weight=[1., 2., 3., 4.], label_smoothing=0.1), XU, 1, params={"weight": [1., 2., 3., 4.], "label_smoothing": 0.1}, reduction=r, target_long=True)
    c.add(f"un-batched [4], probabilities, {r}", "cross_entropy", ce(r, label_smoothing=0.05), XU, [0.1, 0.2, 0.3, 0.4], params={"label_smoothing": 0.05}, reduction=r)
for r in RED:
    # Every target's class has weight 0: the mean divides by a total weight of 0 (PyTorch: NaN, also
    # with smoothing, whose own term would be finite/0).
    for ls in [0.0, 0.1]:
        c.add(f"zero total weight, smoothing {ls}, {r}", "cross_entropy", ce(r, weight=[0.0, 1.0, 1.0], label_smoothing=ls), X3Z, [0, 0], params={"weight": [0, 1, 1], "label_smoothing": ls}, reduction=r, target_long=True)
    c.add(f"zero total weight, {r}", "nll_loss", nll(r, weight=[0.0, 1.0, 1.0]), X3Z, [0, 0], params={"weight": [0, 1, 1]}, reduction=r, target_long=True)
NEG = float("-inf")
XM = [[NEG, 1.0, 2.0], [0.5, NEG, NEG], [3.0, -1.0, NEG]]
for r in RED:
    # Masked logits (-inf), as attention-style masking produces: probability 0, gradient 0 there.
    c.add(f"masked logits -inf, {r}", "cross_entropy", ce(r), XM, [2, 0, 1], reduction=r, target_long=True)
    c.add(f"masked logits -inf, weight, {r}", "cross_entropy", ce(r, weight=[1.0, 2.0, 0.5]), XM, [2, 0, 1], params={"weight": [1, 2, 0.5]}, reduction=r, target_long=True)
    c.add(f"masked logits -inf, gamma 2, alpha per class, {r}", "softmax_focal_loss", focal_ref([0.25, 0.5, 0.75], 2.0, reduction=r), XM, [2, 0, 1], params={"alpha": [0.25, 0.5, 0.75]}, reduction=r, target_long=True)
c.add("label_smoothing 1 (all mass spread), indices", "cross_entropy", ce("mean", label_smoothing=1.0), X, Y, params={"label_smoothing": 1}, reduction="mean", target_long=True)
c.add("default reduction is mean", "cross_entropy", ce("mean"), X, Y, target_long=True)
c.add("single class C = 1", "cross_entropy", ce("sum"), [[0.5], [-2.0]], [0, 0], reduction="sum", target_long=True)

# ------------------------------------------------------------------------------------------------
# nll_loss
# ------------------------------------------------------------------------------------------------

LP = F.log_softmax(torch.tensor(X), dim=1).tolist()
for r in RED:
    c.add(f"log-probabilities, {r}", "nll_loss", nll(r), LP, Y, reduction=r, target_long=True)
    c.add(f"unnormalised input, weight, {r}", "nll_loss", nll(r, weight=W5), X, Y, params={"weight": W5}, reduction=r, target_long=True)
    c.add(f"ignore_index -100 on two rows, weight, {r}", "nll_loss", nll(r, weight=W5), LP, labels((6,), 5, ignore_at=(0, 5)), params={"weight": W5}, reduction=r, target_long=True)
    c.add(f"ignore_index = 2 (a real class), {r}", "nll_loss", nll(r, ignore_index=2), LP, [0, 2, 2, 1, 4, 3], params={"ignore_index": 2}, reduction=r, target_long=True)
    c.add(f"every element ignored, {r}", "nll_loss", nll(r, ignore_index=7), LP, [7] * 6, params={"ignore_index": 7}, reduction=r, target_long=True)
    c.add(f"spatial [2,4,3,2], weight, {r}", "nll_loss", nll(r, weight=[1., 2., .5, 3.]), rnd(2, 4, 3, 2), labels((2, 3, 2), 4, ignore_at=(0,)), params={"weight": [1., 2., .5, 3.]}, reduction=r, target_long=True)
    c.add(f"un-batched [4], index 3, {r}", "nll_loss", nll(r), [-1.0, -2.0, -0.5, -3.0], 3, reduction=r, target_long=True)

# ------------------------------------------------------------------------------------------------
# categorical_cross_entropy (reference: -sum t ln p)
# ------------------------------------------------------------------------------------------------

PP = probs(5, 4)
for r in RED:
    c.add(f"soft targets, {r}", "categorical_cross_entropy", cce_ref(r), PP, probs(5, 4), reduction=r)
    c.add(f"indices, {r}", "categorical_cross_entropy", cce_ref(r, index=True), PP, labels((5,), 4), reduction=r, target_long=True)
    # A zero probability where the target is 0 contributes exactly 0, with no gradient.
    c.add(f"zero probability under a zero target, {r}", "categorical_cross_entropy", cce_ref(r), [[0.0, 0.4, 0.6], [0.5, 0.5, 0.0]], [[0., 1., 0.], [0.25, 0.75, 0.]], reduction=r)
    c.add(f"spatial [2,3,2,2], soft targets, {r}", "categorical_cross_entropy", cce_ref(r), probs(2, 3, 2, 2), probs(2, 3, 2, 2), reduction=r)
    c.add(f"un-batched [3], {r}", "categorical_cross_entropy", cce_ref(r), [0.2, 0.5, 0.3], [0., 0., 1.], reduction=r)
c.add("probability 0 under a positive target gives Infinity", "categorical_cross_entropy", cce_ref("none"), [[0.0, 1.0]], [[1., 0.]], reduction="none")

# ------------------------------------------------------------------------------------------------
# kl_div
# ------------------------------------------------------------------------------------------------

KX = F.log_softmax(torch.randn(4, 5), dim=1).tolist()
KT = probs(4, 5)
KT0 = [row[:] for row in KT]
KT0[0][1] = 0.0
KT0[2][4] = 0.0
KLT = torch.log(torch.tensor(KT)).tolist()
for r in RED + ["batchmean"]:
    c.add(f"probability target, {r}", "kl_div", kl(r), KX, KT, reduction=r)
    c.add(f"zeros in the target, {r}", "kl_div", kl(r), KX, KT0, reduction=r)
    c.add(f"log_target, {r}", "kl_div", kl(r, True), KX, KLT, params={"log_target": True}, reduction=r)
    c.add(f"3-d [2,3,4], {r}", "kl_div", kl(r), F.log_softmax(torch.randn(2, 3, 4), dim=1).tolist(), probs(2, 3, 4), reduction=r)
    c.add(f"3-d [2,3,4], log_target, unnormalised input, {r}", "kl_div", kl(r, True), rnd(2, 3, 4), F.log_softmax(torch.randn(2, 3, 4), dim=1).tolist(), params={"log_target": "true"}, reduction=r)
    c.add(f"1-d [5], {r}", "kl_div", kl(r), KX[0], KT[1], reduction=r)
c.add("default reduction is mean", "kl_div", kl("mean"), KX, KT)

# ------------------------------------------------------------------------------------------------
# softmax_focal_loss (reference above; autograd gives the gradient)
# ------------------------------------------------------------------------------------------------

FX = rnd(8, 4, scale=2.0)
FY = labels((8,), 4)
FA = [0.25, 0.5, 0.75, 1.0]
for r in RED:
    for g in [0.0, 0.5, 1.0, 2.0, 5.0]:
        c.add(f"gamma {g}, alpha null, {r}", "softmax_focal_loss", focal_ref(None, g, reduction=r), FX, FY, params={"gamma": g}, reduction=r, target_long=True)
    c.add(f"gamma 2, alpha scalar 0.25, {r}", "softmax_focal_loss", focal_ref(0.25, 2.0, reduction=r), FX, FY, params={"gamma": 2, "alpha": 0.25}, reduction=r, target_long=True)
    c.add(f"gamma 1.5, alpha per class, {r}", "softmax_focal_loss", focal_ref(FA, 1.5, reduction=r), FX, FY, params={"gamma": 1.5, "alpha": FA}, reduction=r, target_long=True)
    FYi = labels((8,), 4, ignore_at=(2, 5, 6))
    c.add(f"alpha per class, three ignored (mean over the other five), {r}", "softmax_focal_loss", focal_ref(FA, 2.0, reduction=r), FX, FYi, params={"alpha": FA}, reduction=r, target_long=True)
    FYr = [0, 1, 1, 3, 2, 1, 0, 3]
    c.add(f"ignore_index = 1 (a real class), alpha scalar, {r}", "softmax_focal_loss", focal_ref(0.5, 2.0, ignore_index=1, reduction=r), FX, FYr, params={"alpha": 0.5, "ignore_index": 1}, reduction=r, target_long=True)
    c.add(f"every element ignored, {r}", "softmax_focal_loss", focal_ref(None, 2.0, reduction=r), FX, [-100] * 8, reduction=r, target_long=True)
    # gamma 0, alpha null is cross entropy: checked against F.cross_entropy itself.
    c.add(f"gamma 0, alpha null equals F.cross_entropy, {r}", "softmax_focal_loss", ce(r), FX, FY, params={"gamma": 0}, reduction=r, target_long=True)
    c.add(f"gamma 0, ignored rows, equals F.cross_entropy, {r}", "softmax_focal_loss", ce(r), FX, FYi, params={"gamma": 0}, reduction=r, target_long=True)
    # Logits of +-50: p_t rounds to 1 or is e^-100; (1 - p_t)^gamma keeps its true tiny value (for
    # gamma < 1 the gradient is of order (1 - p_t)^gamma, far from 0).
    for g in [0.0, 0.25, 0.5, 1.0, 2.0]:
        c.add(f"logits +-50, gamma {g}, {r}", "softmax_focal_loss", focal_ref(None, g, reduction=r), [[50., -50., 0.], [-50., 50., 0.], [0., 0., 50.]], [0, 0, 1], params={"gamma": g}, reduction=r, target_long=True)
    XS = rnd(2, 3, 2, 2, scale=2.0)
    c.add(f"spatial [2,3,2,2], alpha per class, one ignored, {r}", "softmax_focal_loss", focal_ref([1., 2., 0.5], 2.0, reduction=r), XS, labels((2, 2, 2), 3, ignore_at=(5,)), params={"alpha": [1, 2, 0.5]}, reduction=r, target_long=True)
    c.add(f"un-batched [4], gamma 2, alpha per class, {r}", "softmax_focal_loss", focal_ref(FA, 2.0, reduction=r), [0.3, -1.2, 2.0, 0.7], 1, params={"alpha": FA}, reduction=r, target_long=True)
c.add("the contract's example request", "softmax_focal_loss", focal_ref([0.25, 0.5, 0.25], 2.0), [[2.0, -1.0, 0.5]], [0], params={"gamma": 2, "alpha": [0.25, 0.5, 0.25]}, reduction="mean", target_long=True)
c.add("default reduction is mean, default gamma 2", "softmax_focal_loss", focal_ref(None, 2.0), FX, FY, target_long=True)

# ------------------------------------------------------------------------------------------------
# multi_margin_loss
# ------------------------------------------------------------------------------------------------

MX = rnd(6, 4)
MY = labels((6,), 4)
MW = [0.5, 2.0, 1.0, 3.0]
for r in RED:
    for p in [1, 2]:
        c.add(f"p {p}, {r}", "multi_margin_loss", mm(r, p=p), MX, MY, params={"p": p}, reduction=r, target_long=True)
        c.add(f"p {p}, weight, {r}", "multi_margin_loss", mm(r, p=p, weight=MW), MX, MY, params={"p": p, "weight": MW}, reduction=r, target_long=True)
        c.add(f"p {p}, margin 0.3, weight, {r}", "multi_margin_loss", mm(r, p=p, margin=0.3, weight=MW), MX, MY, params={"p": p, "margin": 0.3, "weight": MW}, reduction=r, target_long=True)
        c.add(f"p {p}, margin 2.5, {r}", "multi_margin_loss", mm(r, p=p, margin=2.5), MX, MY, params={"p": p, "margin": 2.5}, reduction=r, target_long=True)
    c.add(f"un-batched [4], 0-dim target, {r}", "multi_margin_loss", mm(r), [0.3, -1.2, 2.0, 0.7], 0, reduction=r, target_long=True)
    c.add(f"un-batched [4], target [1], p 2, weight, {r}", "multi_margin_loss", mm(r, p=2, weight=MW), [0.3, -1.2, 2.0, 0.7], [1], params={"p": 2, "weight": MW}, reduction=r, target_long=True)
    c.add(f"all margins met (loss 0), {r}", "multi_margin_loss", mm(r), [[5.0, 0.0, 1.0], [0.0, 0.0, 9.0]], [0, 2], reduction=r, target_long=True)
c.add("default reduction is mean, default p 1 and margin 1", "multi_margin_loss", mm("mean"), MX, MY, target_long=True)

# ------------------------------------------------------------------------------------------------
# Requests the core must refuse
# ------------------------------------------------------------------------------------------------

def req(loss, input, target, params=None, reduction="mean"):
    return {"loss": loss, "input": input, "target": target, "extra": {}, "params": params or {}, "reduction": reduction, "grad": True}


X3 = [[1.0, 2.0, 3.0], [0.0, 1.0, -1.0]]
c.error("cross_entropy: class out of range (PyTorch: Target 3 is out of bounds)", req("cross_entropy", X3, [0, 3]), "class_out_of_range")
c.error("cross_entropy: negative class that is not ignore_index", req("cross_entropy", X3, [0, -1]), "class_out_of_range")
c.error("cross_entropy: non-integer class index", req("cross_entropy", X3, [0, 1.5]), "invalid_label")
c.error("cross_entropy: target shape matches neither indices nor probabilities", req("cross_entropy", X3, [0, 1, 2]), "shape_mismatch")
c.error("cross_entropy: scalar input", req("cross_entropy", 1.0, 0), "invalid_rank")
c.error("cross_entropy: weight of the wrong length", req("cross_entropy", X3, [0, 1], {"weight": [1, 2]}), "invalid_param")
c.error("cross_entropy: label_smoothing above 1 (PyTorch: must be between 0.0 and 1.0)", req("cross_entropy", X3, [0, 1], {"label_smoothing": 1.5}), "invalid_param")
c.error("cross_entropy: non-integer ignore_index", req("cross_entropy", X3, [0, 1], {"ignore_index": 0.5}), "invalid_param")
c.error("cross_entropy: batchmean is kl_div's only", req("cross_entropy", X3, [0, 1], reduction="batchmean"), "invalid_reduction")
c.error("cross_entropy: unknown parameter", req("cross_entropy", X3, [0, 1], {"gamma": 2}), "unknown_param")
c.error("cross_entropy: missing target", {"loss": "cross_entropy", "input": X3}, "missing_tensor")
c.error("nll_loss: class out of range", req("nll_loss", X3, [5, 0]), "class_out_of_range")
c.error("nll_loss: probability-shaped target", req("nll_loss", X3, [[0, 1, 0], [1, 0, 0]]), "shape_mismatch")
c.error("nll_loss: un-batched input with a [1] target (PyTorch: size mismatch)", req("nll_loss", [-1.0, -2.0, -0.5], [1]), "shape_mismatch")
c.error("categorical_cross_entropy: logits instead of probabilities", req("categorical_cross_entropy", X3, [0, 1]), "invalid_probability")
c.error("categorical_cross_entropy: negative target probability", req("categorical_cross_entropy", [[0.5, 0.5]], [[1.5, -0.5]]), "invalid_probability")
c.error("categorical_cross_entropy: class out of range", req("categorical_cross_entropy", [[0.5, 0.5]], [2]), "class_out_of_range")
c.error("categorical_cross_entropy: takes no parameters", req("categorical_cross_entropy", [[0.5, 0.5]], [1], {"weight": [1, 1]}), "unknown_param")
c.error("kl_div: shape mismatch", req("kl_div", [[-1.0, -0.5]], [[0.5, 0.25, 0.25]]), "shape_mismatch")
c.error("kl_div: negative target probability (PyTorch gives NaN)", req("kl_div", [[-1.0, -0.5]], [[1.2, -0.2]]), "invalid_probability")
c.error("kl_div: log_target not a boolean", req("kl_div", [[-1.0, -0.5]], [[0.5, 0.5]], {"log_target": 2}), "invalid_param")
c.error("softmax_focal_loss: class out of range", req("softmax_focal_loss", X3, [0, 3]), "class_out_of_range")
c.error("softmax_focal_loss: alpha of the wrong length", req("softmax_focal_loss", X3, [0, 1], {"alpha": [0.25, 0.75]}), "invalid_param")
c.error("softmax_focal_loss: negative alpha", req("softmax_focal_loss", X3, [0, 1], {"alpha": -1}), "invalid_param")
c.error("softmax_focal_loss: negative gamma", req("softmax_focal_loss", X3, [0, 1], {"gamma": -0.5}), "invalid_param")
c.error("softmax_focal_loss: probability targets are not accepted", req("softmax_focal_loss", X3, [[0, 1, 0], [1, 0, 0]]), "shape_mismatch")
c.error("multi_margin_loss: p = 3 (PyTorch: only p == 1 and p == 2 supported)", req("multi_margin_loss", X3, [0, 1], {"p": 3}), "invalid_param")
c.error("multi_margin_loss: 3-d input", req("multi_margin_loss", [[[1.0, 2.0]]], [[0]]), "invalid_rank")
c.error("multi_margin_loss: target shape", req("multi_margin_loss", X3, [0, 1, 2]), "shape_mismatch")
c.error("multi_margin_loss: class out of range", req("multi_margin_loss", X3, [0, 3]), "class_out_of_range")
c.error("multi_margin_loss: weight of the wrong length", req("multi_margin_loss", X3, [0, 1], {"weight": [1, 2, 3, 4]}), "invalid_param")

c.write()
