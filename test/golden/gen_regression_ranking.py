"""Golden fixtures for the regression, reconstruction and ranking losses: l1_loss, mse_loss,
smooth_l1_loss, huber_loss, log_cosh, poisson_nll_loss, l0_loss, hdr_relative_mse,
hinge_embedding_loss, margin_ranking_loss, cosine_embedding_loss, contrastive_loss and
triplet_margin_loss. Run with Debian's /usr/bin/python3 (python3-torch 1.13.1).

PyTorch computes every value and gradient in float64 through torch.nn.functional. The losses
PyTorch lacks get references written in torch right here, from the spec's formulas, so autograd
supplies their gradients:
  l0_loss            (|x - y| + eps)^gamma            (torch.abs' backward has sign(0) = 0, and
                                                      pow's backward is 0 for exponent 0: the spec's
                                                      conventions)
  hdr_relative_mse   (x - y)^2 / (y + eps)^2, or / (x + eps)^2 with autograd through the denominator
  contrastive_loss   y d^2 + (1 - y) max(0, margin - d)^2, d = torch.linalg.vector_norm(x1 - x2)
                     (whose backward is 0 at d = 0)
  log_cosh           computed with mpmath at 50 significant digits on the float64 residual and
                     rounded once: the value ln cosh d and the gradient tanh d are the correctly
                     rounded doubles (so |d| = 1000 gives 999.3068528194401 = 1000 - ln 2).

One deliberate departure from torch 1.13.1: smooth_l1_loss with beta = 0 at a residual of exactly 0.
Its backward kernel tests `x <= -beta` first and returns -1 there (pytorch/pytorch#96813; PyTorch
2.1 fixed it by calling l1_loss when beta == 0, pytorch/pytorch#97022). The spec says beta = 0 is L1,
whose gradient at 0 is 0, so the reference for beta = 0 is F.l1_loss; the generator checks that
the values agree with torch's smooth_l1_loss and that the gradients differ only at d = 0.
"""
import math

import mpmath
import torch
import torch.nn.functional as F

from golden_lib import Cases

torch.manual_seed(20240612)
mpmath.mp.dps = 50
c = Cases("regression_ranking")

RED = ["none", "mean", "sum"]


def rnd(*shape, scale=1.0):
    return (torch.randn(*shape) * scale).tolist()


def signs(n):
    return (torch.randint(0, 2, (n,)) * 2 - 1).double().tolist()


# ------------------------------------------------------------------------------------------------
# Regression: l1, mse, smooth_l1, huber, log_cosh
# ------------------------------------------------------------------------------------------------

X = rnd(4, 3, scale=2.0)
Y = rnd(4, 3)
Y[1][2] = X[1][2]  # one residual exactly 0: gradient 0
Y[2][0] = X[2][0] - 1.0  # residual exactly +1 (the default beta / delta boundary)
Y[3][1] = X[3][1] + 0.5  # residual exactly -0.5

for r in RED:
    c.add(f"l1_loss {r}", "l1_loss", lambda x, y, _e, r=r: F.l1_loss(x, y, reduction=r), X, Y, reduction=r)
    c.add(f"mse_loss {r}", "mse_loss", lambda x, y, _e, r=r: F.mse_loss(x, y, reduction=r), X, Y, reduction=r)
c.add("l1_loss default reduction (mean)", "l1_loss", lambda x, y, _e: F.l1_loss(x, y), X, Y)
c.add("mse_loss default reduction (mean)", "mse_loss", lambda x, y, _e: F.mse_loss(x, y), X, Y)
XB = rnd(3, 4)
YB = rnd(4)
for lid, f in [("l1_loss", F.l1_loss), ("mse_loss", F.mse_loss), ("smooth_l1_loss", F.smooth_l1_loss), ("huber_loss", F.huber_loss)]:
    c.add(f"{lid} broadcast target [4] against input [3, 4]", lid, lambda x, y, _e, f=f: f(x, y, reduction="sum"), XB, YB, reduction="sum")
    c.add(f"{lid} broadcast input [4] against target [3, 4] (gradient summed back)", lid, lambda x, y, _e, f=f: f(x, y, reduction="mean"), YB, XB, reduction="mean")
c.add("l1_loss scalar input and target", "l1_loss", lambda x, y, _e: F.l1_loss(x, y), 0.25, -1.5)


def smooth_l1_ref(beta, r):
    if beta == 0:
        return lambda x, y, _e: F.l1_loss(x, y, reduction=r)
    return lambda x, y, _e: F.smooth_l1_loss(x, y, beta=beta, reduction=r)


# The beta = 0 reference is l1_loss (see the module docstring); check what that departs from.
_x = torch.tensor(X, requires_grad=True)
_v = F.smooth_l1_loss(_x, torch.tensor(Y), beta=0.0, reduction="sum")
_v.backward()
_gx = _x.grad.clone()
_x.grad = None
_w = F.l1_loss(_x, torch.tensor(Y), reduction="sum")
_w.backward()
assert abs(_v.item() - _w.item()) < 1e-15
_diff = (_gx != _x.grad).nonzero().tolist()
assert _diff == [[1, 2]], _diff  # only the residual that is exactly 0
assert _gx[1, 2].item() == -1.0 and _x.grad[1, 2].item() == 0.0

for beta in [0.0, 0.5, 1.0, 2.5]:
    for r in RED:
        c.add(f"smooth_l1_loss beta={beta} {r}", "smooth_l1_loss", smooth_l1_ref(beta, r), X, Y, params={"beta": beta}, reduction=r)
c.add("smooth_l1_loss defaults (beta 1, mean)", "smooth_l1_loss", lambda x, y, _e: F.smooth_l1_loss(x, y), X, Y)
c.add("smooth_l1_loss residual exactly at beta = 0.5 and 0", "smooth_l1_loss",
      lambda x, y, _e: F.smooth_l1_loss(x, y, beta=0.5, reduction="none"), [0.5, -0.5, 2.0, 0.0], [0.0, 0.0, 2.0, 0.0], params={"beta": 0.5}, reduction="none")
for delta in [0.5, 1.0, 3.0]:
    for r in RED:
        c.add(f"huber_loss delta={delta} {r}", "huber_loss", lambda x, y, _e, d=delta, r=r: F.huber_loss(x, y, delta=d, reduction=r), X, Y, params={"delta": delta}, reduction=r)
c.add("huber_loss defaults (delta 1, mean)", "huber_loss", lambda x, y, _e: F.huber_loss(x, y), X, Y)
c.add("huber_loss residual exactly at delta = 2 and 0", "huber_loss",
      lambda x, y, _e: F.huber_loss(x, y, delta=2.0, reduction="none"), [2.0, -2.0, 1.0, 0.0], [0.0, 0.0, 1.0, 0.0], params={"delta": 2.0}, reduction="none")


class LogCoshExact(torch.autograd.Function):
    """ln cosh and tanh of each float64 residual, at 50 digits, rounded once to float64."""

    @staticmethod
    def forward(ctx, d):
        ctx.save_for_backward(d)
        flat = [float(mpmath.log(mpmath.cosh(mpmath.mpf(v)))) for v in d.reshape(-1).tolist()]
        return torch.tensor(flat, dtype=torch.float64).reshape(d.shape)

    @staticmethod
    def backward(ctx, g):
        (d,) = ctx.saved_tensors
        flat = [float(mpmath.tanh(mpmath.mpf(v))) for v in d.reshape(-1).tolist()]
        return g * torch.tensor(flat, dtype=torch.float64).reshape(d.shape)


def log_cosh_ref(r):
    def fn(x, y, _e):
        xb, yb = torch.broadcast_tensors(x, y)
        l = LogCoshExact.apply(xb - yb)
        return l if r == "none" else l.sum() if r == "sum" else l.mean()
    return fn


assert float(mpmath.log(mpmath.cosh(1000))) == 999.3068528194401 == 1000 - math.log(2)
for r in RED:
    c.add(f"log_cosh {r}", "log_cosh", log_cosh_ref(r), X, Y, reduction=r)
LC = [0.0, 1e-8, -1e-8, 1e-4, 0.1, -0.25, 0.29999999, 0.3, -0.30000001, 0.5, -0.5, 1.0, 3.0, 19.9, 20.0, -20.1, 50.0, 700.0, 710.0, 1000.0, -1000.0, 1e6]
c.add("log_cosh stable: tiny, moderate, |d| = 20 boundary, 710 (cosh overflows), 1000 = 999.3068528194401", "log_cosh",
      log_cosh_ref("none"), LC, [0.0] * len(LC), reduction="none")
c.add("log_cosh |d| = 1000 alone, sum", "log_cosh", log_cosh_ref("sum"), [1000.0], [0.0], reduction="sum")
c.add("log_cosh broadcast target", "log_cosh", log_cosh_ref("mean"), XB, YB, reduction="mean")

# ------------------------------------------------------------------------------------------------
# poisson_nll_loss
# ------------------------------------------------------------------------------------------------

PX = rnd(2, 5)
PY = [[0.0, 1.0, 3.0, 2.5, 7.0], [1.0, 0.0, 4.0, 1.5, 3.0]]  # y in {0, 1} gets no Stirling term
PXR = [[abs(v) + 0.1 for v in row] for row in PX]  # rates for log_input = False
PXR[0][0] = 0.0  # rate exactly 0: x - y ln(eps) with y = 0, and below with y > 0
PXR[1][1] = 0.0
PXR[0][1] = 0.0
for log_input in [True, False]:
    for full in [False, True]:
        xs = PX if log_input else PXR
        for r in RED:
            c.add(f"poisson_nll_loss log_input={log_input} full={full} {r}", "poisson_nll_loss",
                  lambda x, y, _e, li=log_input, fu=full, r=r: F.poisson_nll_loss(x, y, log_input=li, full=fu, reduction=r),
                  xs, PY, params={"log_input": log_input, "full": full}, reduction=r)
c.add("poisson_nll_loss defaults (log_input, not full, mean)", "poisson_nll_loss", lambda x, y, _e: F.poisson_nll_loss(x, y), PX, PY)
c.add("poisson_nll_loss log_input=False eps=1e-3 full", "poisson_nll_loss",
      lambda x, y, _e: F.poisson_nll_loss(x, y, log_input=False, full=True, eps=1e-3, reduction="none"), PXR, PY,
      params={"log_input": False, "full": True, "eps": 1e-3}, reduction="none")
c.add("poisson_nll_loss large log-rates (e^30)", "poisson_nll_loss",
      lambda x, y, _e: F.poisson_nll_loss(x, y, full=True, reduction="sum"), [30.0, -30.0, 0.0], [2.0, 0.0, 1.0], params={"full": True}, reduction="sum")
c.add("poisson_nll_loss broadcast target [5]", "poisson_nll_loss", lambda x, y, _e: F.poisson_nll_loss(x, y, full=True, reduction="mean"), PX, PY[0],
      params={"full": True}, reduction="mean")

# ------------------------------------------------------------------------------------------------
# Reconstruction: l0_loss, hdr_relative_mse
# ------------------------------------------------------------------------------------------------


def reduce(l, r):
    return l if r == "none" else l.sum() if r == "sum" else l.mean()


def l0_ref(gamma=2.0, eps=1e-8, r="mean"):
    def fn(x, y, _e):
        return reduce(torch.pow(torch.abs(x - y) + eps, gamma), r)
    return fn


RX = torch.rand(3, 4).tolist()
RY = (torch.rand(3, 4)).tolist()
RY[0][0] = RX[0][0]  # residual exactly 0
RY[2][3] = RX[2][3]
for gamma in [0.0, 0.5, 1.0, 1.5, 2.0]:
    for r in RED:
        c.add(f"l0_loss gamma={gamma} {r}", "l0_loss", l0_ref(gamma, 1e-8, r), RX, RY, params={"gamma": gamma}, reduction=r)
c.add("l0_loss defaults (gamma 2, eps 1e-8, mean)", "l0_loss", l0_ref(), RX, RY)
c.add("l0_loss gamma=0.3 eps=0.1", "l0_loss", l0_ref(0.3, 0.1, "none"), RX, RY, params={"gamma": 0.3, "eps": 0.1}, reduction="none")
c.add("l0_loss gamma=3 eps=0", "l0_loss", l0_ref(3.0, 0.0, "sum"), RX, RY, params={"gamma": 3.0, "eps": 0.0}, reduction="sum")
c.add("l0_loss broadcast target [4]", "l0_loss", l0_ref(1.5, 1e-8, "mean"), RX, RY[1], params={"gamma": 1.5}, reduction="mean")


def hdr_ref(denominator="target", eps=0.01, r="mean"):
    def fn(x, y, _e):
        den = (y + eps) if denominator == "target" else (x + eps)  # autograd flows through x + eps
        return reduce((x - y) ** 2 / den ** 2, r)
    return fn


HY = torch.exp(torch.randn(3, 4) * 1.5).tolist()  # long-tailed radiance
HX = (torch.tensor(HY) * torch.exp(torch.randn(3, 4) * 0.3)).tolist()
HY[0][0] = 0.0  # black pixel: the target's denominator is eps^2
HX[1][1] = HY[1][1]  # exact prediction
for den in ["target", "prediction"]:
    for r in RED:
        c.add(f"hdr_relative_mse denominator={den} {r}", "hdr_relative_mse", hdr_ref(den, 0.01, r), HX, HY, params={"denominator": den}, reduction=r)
    c.add(f"hdr_relative_mse denominator={den} eps=0.1", "hdr_relative_mse", hdr_ref(den, 0.1, "none"), HX, HY, params={"denominator": den, "eps": 0.1}, reduction="none")
c.add("hdr_relative_mse defaults (target, eps 0.01, mean)", "hdr_relative_mse", hdr_ref(), HX, HY)
c.add("hdr_relative_mse prediction, broadcast target [4]", "hdr_relative_mse", hdr_ref("prediction", 0.01, "sum"), HX, HY[2], params={"denominator": "prediction"}, reduction="sum")

# ------------------------------------------------------------------------------------------------
# hinge_embedding_loss, margin_ranking_loss
# ------------------------------------------------------------------------------------------------

HE_X = [abs(v) for v in rnd(8, scale=1.5)]
HE_Y = signs(8)
HE_Y[0], HE_Y[1] = -1.0, 1.0
HE_X[0] = 1.0  # exactly at the default margin with y = -1: PyTorch's gradient is -1 there
for margin in [1.0, 0.5, 2.0]:
    for r in RED:
        c.add(f"hinge_embedding_loss margin={margin} {r}", "hinge_embedding_loss",
              lambda x, y, _e, m=margin, r=r: F.hinge_embedding_loss(x, y, margin=m, reduction=r), HE_X, HE_Y, params={"margin": margin}, reduction=r)
c.add("hinge_embedding_loss defaults (margin 1, mean)", "hinge_embedding_loss", lambda x, y, _e: F.hinge_embedding_loss(x, y), HE_X, HE_Y)
c.add("hinge_embedding_loss negative inputs and margin -0.5", "hinge_embedding_loss",
      lambda x, y, _e: F.hinge_embedding_loss(x, y, margin=-0.5, reduction="none"), [-1.0, -0.2, 0.3, -2.0], [-1.0, -1.0, 1.0, 1.0],
      params={"margin": -0.5}, reduction="none")
HE2 = [[abs(v) for v in row] for row in rnd(3, 4)]
c.add("hinge_embedding_loss [3, 4] input, broadcast labels [4]", "hinge_embedding_loss",
      lambda x, y, _e: F.hinge_embedding_loss(x, y, reduction="sum"), HE2, [1.0, -1.0, -1.0, 1.0], reduction="sum")

MR_A = rnd(7)
MR_B = rnd(7)
MR_Y = signs(7)
MR_A[0], MR_B[0], MR_Y[0] = 1.0, 0.5, 1.0  # -(1)(0.5) + 0.5 = 0: the hinge's kink, gradient passes
for margin in [0.0, 0.5, 1.5]:
    for r in RED:
        c.add(f"margin_ranking_loss margin={margin} {r}", "margin_ranking_loss",
              lambda x, y, e, m=margin, r=r: F.margin_ranking_loss(x, e["input2"], y, margin=m, reduction=r),
              MR_A, MR_Y, extra={"input2": MR_B}, params={"margin": margin}, reduction=r)
c.add("margin_ranking_loss defaults (margin 0, mean)", "margin_ranking_loss",
      lambda x, y, e: F.margin_ranking_loss(x, e["input2"], y), MR_A, MR_Y, extra={"input2": MR_B})
c.add("margin_ranking_loss [2, 3] scores", "margin_ranking_loss",
      lambda x, y, e: F.margin_ranking_loss(x, e["input2"], y, margin=0.3, reduction="none"), rnd(2, 3), [[1.0, -1.0, 1.0], [-1.0, -1.0, 1.0]],
      extra={"input2": rnd(2, 3)}, params={"margin": 0.3}, reduction="none")

# ------------------------------------------------------------------------------------------------
# cosine_embedding_loss
# ------------------------------------------------------------------------------------------------

CA = rnd(6, 5)
CB = rnd(6, 5)
CY = [1.0, -1.0, 1.0, -1.0, -1.0, 1.0]
CA[4] = [0.0] * 5  # a zero vector: cos = 0 through PyTorch's float32 1e-12, gradient 1/sqrt(eps)-sized
CB[5] = [1e-7, 0.0, 0.0, 0.0, 0.0]  # a tiny vector: its norm is comparable to sqrt(1e-12)
for margin in [0.0, 0.3, -0.2]:
    for r in RED:
        c.add(f"cosine_embedding_loss margin={margin} {r}", "cosine_embedding_loss",
              lambda x, y, e, m=margin, r=r: F.cosine_embedding_loss(x, e["input2"], y, margin=m, reduction=r),
              CA, CY, extra={"input2": CB}, params={"margin": margin}, reduction=r)
c.add("cosine_embedding_loss defaults (margin 0, mean)", "cosine_embedding_loss",
      lambda x, y, e: F.cosine_embedding_loss(x, e["input2"], y), CA, CY, extra={"input2": CB})
c.add("cosine_embedding_loss y = -1 exactly at the margin (cos = 0 = margin for a zero vector)", "cosine_embedding_loss",
      lambda x, y, e: F.cosine_embedding_loss(x, e["input2"], y, reduction="none"), [[0.0, 0.0], [1.0, 2.0]], [-1.0, -1.0],
      extra={"input2": [[1.0, 0.0], [-2.0, 1.0]]}, reduction="none")
for y1 in [1.0, -1.0]:
    c.add(f"cosine_embedding_loss one un-batched pair [D], y = {y1}", "cosine_embedding_loss",
          lambda x, y, e: F.cosine_embedding_loss(x, e["input2"], y, margin=0.1, reduction="mean"), [0.3, -1.2, 0.8], y1,
          extra={"input2": [0.5, -0.4, 1.1]}, params={"margin": 0.1}, reduction="mean")

# ------------------------------------------------------------------------------------------------
# contrastive_loss (reference from the spec's formula)
# ------------------------------------------------------------------------------------------------


def contrastive_ref(margin=1.0, r="mean"):
    def fn(x1, y, e):
        d = torch.linalg.vector_norm(x1 - e["input2"], dim=-1)
        l = y * d ** 2 + (1 - y) * torch.clamp(margin - d, min=0) ** 2
        return reduce(l, r)
    return fn


KA = rnd(8, 4)
KB = (torch.tensor(KA) + 0.4 * torch.randn(8, 4)).tolist()
KY = [1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
KB[3] = list(KA[3])  # d = 0, dissimilar: loss margin^2, gradient 0 (norm's backward at 0)
KB[5] = list(KA[5])  # d = 0, similar: loss 0, gradient 0
KB[7] = [v + 3.0 for v in KA[7]]  # dissimilar and beyond the margin: 0
for margin in [1.0, 0.5, 2.0]:
    for r in RED:
        c.add(f"contrastive_loss margin={margin} {r}", "contrastive_loss", contrastive_ref(margin, r), KA, KY,
              extra={"input2": KB}, params={"margin": margin}, reduction=r)
c.add("contrastive_loss defaults (margin 1, mean)", "contrastive_loss", contrastive_ref(), KA, KY, extra={"input2": KB})
c.add("contrastive_loss one un-batched pair [D]", "contrastive_loss", contrastive_ref(1.5, "sum"), [0.2, -0.1, 0.4], 0.0,
      extra={"input2": [0.5, 0.3, -0.2]}, params={"margin": 1.5}, reduction="sum")

# ------------------------------------------------------------------------------------------------
# triplet_margin_loss
# ------------------------------------------------------------------------------------------------

TA = rnd(6, 4)
TP = (torch.tensor(TA) + 0.5 * torch.randn(6, 4)).tolist()
TN = (torch.tensor(TA) + 0.8 * torch.randn(6, 4)).tolist()
TP[2] = list(TA[2])  # anchor = positive: d(a, p) = eps * D^(1/p), gradient through the eps components


def triplet(margin=1.0, p=2.0, eps=1e-6, swap=False, r="mean"):
    return lambda a, _y, e: F.triplet_margin_loss(a, e["positive"], e["negative"], margin=margin, p=p, eps=eps, swap=swap, reduction=r)


for p in [1.0, 2.0, 3.0]:
    for swap in [False, True]:
        for r in RED:
            c.add(f"triplet_margin_loss p={p} swap={swap} {r}", "triplet_margin_loss", triplet(p=p, swap=swap, r=r), TA, None,
                  extra={"positive": TP, "negative": TN}, params={"p": p, "swap": swap}, reduction=r)
c.add("triplet_margin_loss defaults (margin 1, p 2, eps 1e-6, no swap, mean)", "triplet_margin_loss", triplet(), TA, None,
      extra={"positive": TP, "negative": TN})
for margin in [0.2, 2.0]:
    c.add(f"triplet_margin_loss margin={margin} eps=0", "triplet_margin_loss", triplet(margin=margin, eps=0.0, r="none"), TA, None,
          extra={"positive": TP, "negative": TN}, params={"margin": margin, "eps": 0.0}, reduction="none")
c.add("triplet_margin_loss eps=0.1 swap p=1", "triplet_margin_loss", triplet(eps=0.1, p=1.0, swap=True, r="sum"), TA, None,
      extra={"positive": TP, "negative": TN}, params={"eps": 0.1, "p": 1, "swap": True}, reduction="sum")
c.add("triplet_margin_loss one un-batched triplet [D]", "triplet_margin_loss", triplet(r="mean"), [0.1, 0.4, -0.3], None,
      extra={"positive": [0.3, 0.2, -0.1], "negative": [0.5, -0.2, 0.1]}, reduction="mean")
# Swap picks d(p, n) < d(a, n): the negative sits beside the positive, far from the anchor.
c.add("triplet_margin_loss swap chooses the positive-negative distance", "triplet_margin_loss", triplet(swap=True, r="none"),
      [[0.0, 0.0], [0.0, 0.0]], None, extra={"positive": [[1.0, 0.0], [0.5, 0.5]], "negative": [[1.5, 0.0], [-1.0, -1.0]]},
      params={"swap": True}, reduction="none")
# Ties: d(a, n) = d(p, n) exactly (eps = 0), torch.min shares the gradient half and half; and the
# hinge exactly at 0 (margin + d_ap - d_an = 0), where clamp_min passes the gradient.
c.add("triplet_margin_loss swap tie and the hinge exactly at 0", "triplet_margin_loss", triplet(margin=1.0, eps=0.0, swap=True, r="none"),
      [[0.0], [0.0]], None, extra={"positive": [[2.0], [1.0]], "negative": [[1.0], [2.0]]},
      params={"eps": 0.0, "swap": True}, reduction="none")

# ------------------------------------------------------------------------------------------------
# Non-finite inputs: shown as PyTorch computes them (the evaluation flags them), never hidden
# ------------------------------------------------------------------------------------------------

INF = float("inf")
NF_X = [INF, -INF, float("nan"), 1.5]
NF_Y = [0.0, 0.0, 0.0, 0.0]
for lid, f in [("l1_loss", F.l1_loss), ("mse_loss", F.mse_loss), ("smooth_l1_loss", F.smooth_l1_loss), ("huber_loss", F.huber_loss)]:
    c.add(f"{lid} with +-Infinity and NaN inputs", lid, lambda x, y, _e, f=f: f(x, y, reduction="none"), NF_X, NF_Y, reduction="none")
c.add("hinge_embedding_loss with +-Infinity and NaN inputs", "hinge_embedding_loss",
      lambda x, y, _e: F.hinge_embedding_loss(x, y, reduction="none"), NF_X + NF_X, [1.0] * 4 + [-1.0] * 4, reduction="none")
c.add("poisson_nll_loss with +-Infinity and NaN log-rates", "poisson_nll_loss",
      lambda x, y, _e: F.poisson_nll_loss(x, y, reduction="none"), NF_X, [2.0, 2.0, 2.0, 2.0], reduction="none")

NAN = float("nan")
c.add("cosine_embedding_loss with a NaN component, y = 1 and y = -1", "cosine_embedding_loss",
      lambda x, y, e: F.cosine_embedding_loss(x, e["input2"], y, reduction="none"), [[NAN, 1.0], [NAN, 1.0], [1.0, 2.0]], [1.0, -1.0, -1.0],
      extra={"input2": [[1.0, 0.5], [1.0, 0.5], [0.5, 1.0]]}, reduction="none")
c.add("contrastive_loss dissimilar pair with a NaN component", "contrastive_loss", contrastive_ref(1.0, "none"),
      [[NAN, 1.0], [0.2, 0.1]], [0.0, 0.0], extra={"input2": [[1.0, 0.5], [0.5, 0.5]]}, reduction="none")
c.add("triplet_margin_loss with a NaN component", "triplet_margin_loss", triplet(r="none"),
      [[NAN, 1.0], [0.2, 0.1]], None, extra={"positive": [[1.0, 0.5], [0.5, 0.5]], "negative": [[1.0, 0.0], [0.0, 0.3]]}, reduction="none")

# ------------------------------------------------------------------------------------------------
# Refusals
# ------------------------------------------------------------------------------------------------


def req(loss, input, target=None, extra=None, params=None, reduction=None):
    r = {"loss": loss, "input": input, "target": target, "extra": extra or {}, "params": params or {}}
    if reduction is not None:
        r["reduction"] = reduction
    return r


c.error("smooth_l1_loss beta < 0 (PyTorch: 'does not support negative values for beta')", req("smooth_l1_loss", [1.0], [0.0], params={"beta": -1}), "invalid_param")
c.error("huber_loss delta = 0 (PyTorch: 'huber_loss does not support non-positive values for delta')", req("huber_loss", [1.0], [0.0], params={"delta": 0}), "invalid_param")
c.error("mse_loss shapes that do not broadcast", req("mse_loss", [[1.0, 2.0, 3.0]], [[1.0, 2.0]]), "shape_mismatch")
c.error("l1_loss without a target", req("l1_loss", [1.0, 2.0]), "missing_tensor")
c.error("log_cosh has no parameters", req("log_cosh", [1.0], [0.0], params={"delta": 1}), "unknown_param")
c.error("l1_loss reduction batchmean", req("l1_loss", [1.0], [0.0], reduction="batchmean"), "invalid_reduction")
c.error("poisson_nll_loss negative count", req("poisson_nll_loss", [0.1, 0.2], [1.0, -2.0]), "invalid_label")
c.error("poisson_nll_loss negative rate with log_input false", req("poisson_nll_loss", [0.1, -0.2], [1.0, 2.0], params={"log_input": False}), "invalid_number")
c.error("poisson_nll_loss log_input not a boolean", req("poisson_nll_loss", [0.1], [1.0], params={"log_input": "maybe"}), "invalid_param")
c.error("l0_loss gamma < 0", req("l0_loss", [0.1], [0.2], params={"gamma": -1}), "invalid_param")
c.error("hdr_relative_mse unknown denominator", req("hdr_relative_mse", [0.1], [0.2], params={"denominator": "input"}), "invalid_param")
c.error("hinge_embedding_loss label 0 (PyTorch would silently add both branches)", req("hinge_embedding_loss", [0.5, 1.5], [1.0, 0.0]), "invalid_label")
c.error("margin_ranking_loss label 0", req("margin_ranking_loss", [0.5, 1.5], [1.0, 0.0], extra={"input2": [0.1, 0.2]}), "invalid_label")
c.error("margin_ranking_loss input2 of another shape", req("margin_ranking_loss", [0.5, 1.5], [1.0, -1.0], extra={"input2": [0.1, 0.2, 0.3]}), "shape_mismatch")
c.error("margin_ranking_loss without input2", req("margin_ranking_loss", [0.5, 1.5], [1.0, -1.0]), "missing_tensor")
c.error("cosine_embedding_loss label 0 (PyTorch gives 0 silently)", req("cosine_embedding_loss", [[1.0, 0.0]], [0.0], extra={"input2": [[0.0, 1.0]]}), "invalid_label")
c.error("cosine_embedding_loss input2 [1, 3] for input [1, 2]", req("cosine_embedding_loss", [[1.0, 0.0]], [1.0], extra={"input2": [[0.0, 1.0, 2.0]]}), "shape_mismatch")
c.error("cosine_embedding_loss target [2] for 1 pair", req("cosine_embedding_loss", [[1.0, 0.0]], [1.0, -1.0], extra={"input2": [[0.0, 1.0]]}), "shape_mismatch")
c.error("cosine_embedding_loss rank-3 input (PyTorch: 0D or 1D target expected)", req("cosine_embedding_loss", [[[1.0, 0.0]]], [[1.0]], extra={"input2": [[[0.0, 1.0]]]}), "invalid_rank")
c.error("contrastive_loss label -1 (labels are 0/1, 1 = similar)", req("contrastive_loss", [[1.0, 0.0]], [-1.0], extra={"input2": [[0.0, 1.0]]}), "invalid_label")
c.error("contrastive_loss negative margin", req("contrastive_loss", [[1.0, 0.0]], [1.0], extra={"input2": [[0.0, 1.0]]}, params={"margin": -1}), "invalid_param")
c.error("triplet_margin_loss positive of another shape", req("triplet_margin_loss", [[1.0, 0.0]], None, extra={"positive": [[0.0, 1.0, 0.0]], "negative": [[0.0, 0.0]]}), "shape_mismatch")
c.error("triplet_margin_loss negative of another shape", req("triplet_margin_loss", [[1.0, 0.0]], None, extra={"positive": [[0.0, 1.0]], "negative": [[0.0, 0.0], [1.0, 1.0]]}), "shape_mismatch")
c.error("triplet_margin_loss with a target", req("triplet_margin_loss", [[1.0, 0.0]], [1.0], extra={"positive": [[0.0, 1.0]], "negative": [[0.0, 0.0]]}), "unexpected_tensor")
c.error("triplet_margin_loss without negative", req("triplet_margin_loss", [[1.0, 0.0]], None, extra={"positive": [[0.0, 1.0]]}), "missing_tensor")
c.error("triplet_margin_loss p < 1 (not a distance)", req("triplet_margin_loss", [[1.0, 0.0]], None, extra={"positive": [[0.0, 1.0]], "negative": [[0.0, 0.0]]}, params={"p": 0.5}), "invalid_param")
c.error("triplet_margin_loss swap not a boolean", req("triplet_margin_loss", [[1.0, 0.0]], None, extra={"positive": [[0.0, 1.0]], "negative": [[0.0, 0.0]]}, params={"swap": 2}), "invalid_param")

c.write()
