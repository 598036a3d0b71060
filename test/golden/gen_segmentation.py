"""Golden fixtures for the segmentation losses: soft_dice, soft_jaccard, lovasz_hinge, lovasz_softmax.

PyTorch has none of them, so the references below are float64 torch code written from the spec
(/work/shared/spec/losses.md) and differentiated by autograd. The Lovász weights are computed from
detached labels, so they are constants, as the spec says. Berman's three bugs are fixed here as in
the spec: a group of one valid pixel is ordinary, an all-ignored group is 0 and still counts in the
mean, and "present" is compared as a string. Inputs avoid ties among the Lovász errors (the loss
value is the same at ties but the gradient is a choice of subgradient).
"""
import torch
import torch.nn.functional as F

from golden_lib import Cases

torch.manual_seed(20240611)
g = torch.Generator().manual_seed(7)


def randn(*shape, scale=1.5):
    return (torch.randn(*shape, generator=g) * scale).tolist()


def randint(hi, *shape):
    return torch.randint(0, hi, shape, generator=g).tolist()


def bern(p, *shape):
    return (torch.rand(*shape, generator=g) < p).double().tolist()


def probs(*shape):
    """Probabilities strictly inside (0, 1), without ties."""
    return (0.02 + 0.96 * torch.rand(*shape, generator=g)).tolist()


# ───────────────────────────── Dice / Jaccard ─────────────────────────────

def overlap_ref(jaccard, mode, from_logits=True, smooth=0.0, eps=1e-7, ignore_index=None, empty_classes="keep", reduction="mean"):
    def fn(x, y, _ex):
        if mode == "multiclass":
            p = x.softmax(1) if from_logits else x
            C = x.shape[1]
            yl = y.long()
            valid = torch.ones_like(yl, dtype=torch.bool) if ignore_index is None else yl != ignore_index
            t = F.one_hot(torch.where(valid, yl, torch.zeros_like(yl)), C).movedim(-1, 1).double()
            m = valid.unsqueeze(1).double()
        else:
            p = torch.sigmoid(x) if from_logits else x
            valid = torch.ones_like(y, dtype=torch.bool) if ignore_index is None else y != ignore_index
            t = torch.where(valid, y, torch.zeros_like(y))
            m = valid.double()
        p = p * m
        t = t * m
        if mode == "binary":
            p = p.reshape(1, -1)
            t = t.reshape(1, -1)
            dims = (1,)
        else:
            dims = (0,) + tuple(range(2, x.dim()))
            p = p.movedim(1, 0).reshape(p.shape[1], -1)
            t = t.movedim(1, 0).reshape(t.shape[1], -1)
            dims = (1,)
        I = (p * t).sum(dims)
        P = p.sum(dims)
        T = t.sum(dims)
        if jaccard:
            loss = 1 - (I + smooth) / torch.clamp_min(P + T - I + smooth, eps)
        else:
            loss = 1 - (2 * I + smooth) / torch.clamp_min(P + T + smooth, eps)
        if empty_classes == "zero":
            loss = loss * (T > 0).double()
        if reduction == "none":
            return loss
        return loss.sum() if reduction == "sum" else loss.mean()
    return fn


def smp_dice(x, y, smooth, eps):
    """segmentation_models_pytorch's soft_dice_score, multiclass, as written in smp (for the identity)."""
    p = x.softmax(1)
    t = F.one_hot(y.long(), x.shape[1]).movedim(-1, 1).double()
    dims = (0, 2)
    p = p.reshape(p.shape[0], p.shape[1], -1)
    t = t.reshape(t.shape[0], t.shape[1], -1)
    inter = torch.sum(p * t, dim=dims)
    card = torch.sum(p + t, dim=dims)
    score = (2.0 * inter + smooth) / (card + smooth).clamp_min(eps)
    loss = 1 - score
    loss = loss * (t.sum(dims) > 0).double()
    return loss.mean()


def dice_cases(c):
    for loss, jac in (("soft_dice", False), ("soft_jaccard", True)):
        # multiclass
        x = randn(2, 3, 4, 5)
        y = randint(3, 2, 4, 5)
        for red in ("mean", "sum", "none"):
            c.add(f"{loss} multiclass logits {red}", loss, overlap_ref(jac, "multiclass", reduction=red), x, y,
                  params={"mode": "multiclass"}, reduction=red, target_long=True)
        c.add(f"{loss} multiclass default params (mode multiclass, from_logits true)", loss, overlap_ref(jac, "multiclass"), x, y, target_long=True)
        c.add(f"{loss} multiclass smooth 1", loss, overlap_ref(jac, "multiclass", smooth=1.0), x, y,
              params={"mode": "multiclass", "smooth": 1.0}, reduction="mean", target_long=True)
        pm = torch.tensor(x).softmax(1).tolist()
        c.add(f"{loss} multiclass probabilities (from_logits false)", loss, overlap_ref(jac, "multiclass", from_logits=False, reduction="none"), pm, y,
              params={"mode": "multiclass", "from_logits": False}, reduction="none", target_long=True)
        # ignore_index: the whole pixel goes, across all channels
        yi = [[[255 if (i + j) % 4 == 0 else v for j, v in enumerate(row)] for i, row in enumerate(img)] for img in y]
        c.add(f"{loss} multiclass ignore_index 255 (whole pixel)", loss, overlap_ref(jac, "multiclass", ignore_index=255, reduction="none"), x, yi,
              params={"mode": "multiclass", "ignore_index": 255}, reduction="none", target_long=True)
        c.add(f"{loss} multiclass ignore_index equal to class 0", loss, overlap_ref(jac, "multiclass", ignore_index=0, reduction="none"), x, y,
              params={"mode": "multiclass", "ignore_index": 0}, reduction="none", target_long=True)
        # empty classes: class 3 of 4 never appears
        x4 = randn(2, 4, 3, 3)
        y4 = randint(3, 2, 3, 3)
        for empty in ("keep", "zero"):
            for sm in (0.0, 0.5):
                c.add(f"{loss} multiclass empty class, {empty}, smooth {sm}", loss,
                      overlap_ref(jac, "multiclass", smooth=sm, empty_classes=empty, reduction="none"), x4, y4,
                      params={"mode": "multiclass", "empty_classes": empty, "smooth": sm}, reduction="none", target_long=True)
            c.add(f"{loss} multiclass empty class, {empty}, mean", loss,
                  overlap_ref(jac, "multiclass", empty_classes=empty), x4, y4,
                  params={"mode": "multiclass", "empty_classes": empty}, reduction="mean", target_long=True)
        # multilabel
        xm = randn(2, 3, 4)
        ym = bern(0.4, 2, 3, 4)
        ym[0][2] = [0.0, 0.0, 0.0, 0.0]
        ym[1][2] = [0.0, 0.0, 0.0, 0.0]
        for red in ("mean", "sum", "none"):
            c.add(f"{loss} multilabel logits {red} (class 2 empty)", loss, overlap_ref(jac, "multilabel", reduction=red), xm, ym,
                  params={"mode": "multilabel"}, reduction=red)
        c.add(f"{loss} multilabel zero empty, smooth 1", loss, overlap_ref(jac, "multilabel", smooth=1.0, empty_classes="zero", reduction="none"), xm, ym,
              params={"mode": "multilabel", "smooth": 1.0, "empty_classes": "zero"}, reduction="none")
        ymi = [[[255.0 if k == 1 else v for k, v in enumerate(row)] for row in s] for s in ym]
        c.add(f"{loss} multilabel ignore_index per element", loss, overlap_ref(jac, "multilabel", ignore_index=255, reduction="none"), xm, ymi,
              params={"mode": "multilabel", "ignore_index": 255}, reduction="none")
        c.add(f"{loss} multilabel probabilities", loss, overlap_ref(jac, "multilabel", from_logits=False), probs(2, 3, 4), ym,
              params={"mode": "multilabel", "from_logits": False})
        # binary
        xb = randn(3, 2, 4)
        yb = bern(0.5, 3, 2, 4)
        for red in ("mean", "sum", "none"):
            c.add(f"{loss} binary logits {red}", loss, overlap_ref(jac, "binary", reduction=red), xb, yb, params={"mode": "binary"}, reduction=red)
        c.add(f"{loss} binary smooth 2, eps 1e-3", loss, overlap_ref(jac, "binary", smooth=2.0, eps=1e-3), xb, yb,
              params={"mode": "binary", "smooth": 2.0, "eps": 1e-3})
        ybi = [[[255.0 if (i + k) % 3 == 0 else v for k, v in enumerate(row)] for i, row in enumerate(s)] for s in yb]
        c.add(f"{loss} binary ignore_index", loss, overlap_ref(jac, "binary", ignore_index=255), xb, ybi,
              params={"mode": "binary", "ignore_index": 255})
        c.add(f"{loss} binary probabilities", loss, overlap_ref(jac, "binary", from_logits=False), probs(3, 2, 4), yb,
              params={"mode": "binary", "from_logits": False})
        c.add(f"{loss} binary empty mask, keep, smooth 1 (P/(P+s) for Dice)", loss, overlap_ref(jac, "binary", smooth=1.0), xb, [[[0.0] * 4] * 2] * 3,
              params={"mode": "binary", "smooth": 1.0})
        c.add(f"{loss} binary empty mask and empty prediction hits the eps floor", loss, overlap_ref(jac, "binary", from_logits=False, eps=1e-3),
              [[0.0, 0.0, 0.0]], [[0.0, 0.0, 0.0]], params={"mode": "binary", "from_logits": False, "eps": 1e-3})
        c.add(f"{loss} binary spatial-free input [N]", loss, overlap_ref(jac, "binary"), [0.3, -1.2, 2.0, 0.7], [1.0, 0.0, 1.0, 0.0],
              params={"mode": "binary"})
    # smp's published soft_dice_score, (2·Σp·t + s)/clamp_min(Σ(p + t) + s, eps) with empty classes
    # masked, is ours with the same smooth and eps and empty_classes "zero" (see the report: the
    # spec's "(I+s)/max((P+T)/2+s, eps)" is not what smp's _functional.py computes).
    x = randn(2, 3, 6)
    y = [[0, 0, 1, 1, 0, 1], [1, 0, 0, 1, 1, 0]]  # class 2 empty
    c.add("soft_dice equals smp DiceLoss(multiclass, smooth 0.5) with empty_classes zero", "soft_dice",
          lambda xx, yy, _e: smp_dice(xx, yy, 0.5, 1e-7), x, y,
          params={"mode": "multiclass", "smooth": 0.5, "empty_classes": "zero"}, target_long=True)
    for loss, jac in (("soft_dice", False), ("soft_jaccard", True)):
        xb = randn(2, 5)
        yb = bern(0.5, 2, 5)
        c.add(f"{loss} binary eps 100 above the denominator (clamp active)", loss, overlap_ref(jac, "binary", eps=100.0), xb, yb,
              params={"mode": "binary", "eps": 100.0})

    # errors
    c.error("soft_dice multiclass target with the input's shape", {"loss": "soft_dice", "input": randn(1, 2, 3), "target": [[[0, 1, 0], [1, 0, 1]]], "params": {"mode": "multiclass"}}, "shape_mismatch")
    c.error("soft_dice multiclass label out of range", {"loss": "soft_dice", "input": randn(1, 2, 3), "target": [[0, 2, 1]], "params": {"mode": "multiclass"}}, "class_out_of_range")
    c.error("soft_dice multiclass fractional label", {"loss": "soft_dice", "input": randn(1, 2, 3), "target": [[0, 0.5, 1]], "params": {"mode": "multiclass"}}, "invalid_label")
    c.error("soft_dice binary label 2", {"loss": "soft_dice", "input": [0.1, 0.2], "target": [0, 2], "params": {"mode": "binary"}}, "invalid_label")
    c.error("soft_jaccard multilabel soft label", {"loss": "soft_jaccard", "input": [[0.1, 0.2]], "target": [[0, 0.3]], "params": {"mode": "multilabel"}}, "invalid_label")
    c.error("soft_dice binary shape mismatch", {"loss": "soft_dice", "input": [0.1, 0.2, 0.3], "target": [0, 1], "params": {"mode": "binary"}}, "shape_mismatch")
    c.error("soft_dice multilabel needs [N, C, ...]", {"loss": "soft_dice", "input": [0.1, 0.2], "target": [0, 1], "params": {"mode": "multilabel"}}, "invalid_rank")
    c.error("soft_dice unknown mode", {"loss": "soft_dice", "input": [0.1], "target": [1], "params": {"mode": "multi"}}, "invalid_param")
    c.error("soft_dice negative smooth", {"loss": "soft_dice", "input": [0.1], "target": [1], "params": {"mode": "binary", "smooth": -1}}, "invalid_param")
    c.error("soft_dice empty_classes typo", {"loss": "soft_dice", "input": [0.1], "target": [1], "params": {"mode": "binary", "empty_classes": "skip"}}, "invalid_param")
    c.error("soft_dice fractional ignore_index", {"loss": "soft_dice", "input": [0.1], "target": [1], "params": {"mode": "binary", "ignore_index": 0.5}}, "invalid_param")
    c.error("soft_dice probabilities out of [0, 1] with from_logits false", {"loss": "soft_dice", "input": [1.5, 0.2], "target": [1, 0], "params": {"mode": "binary", "from_logits": False}}, "invalid_probability")
    c.error("soft_dice reduction batchmean", {"loss": "soft_dice", "input": [0.1], "target": [1], "params": {"mode": "binary"}, "reduction": "batchmean"}, "invalid_reduction")


# ───────────────────────────── Lovász ─────────────────────────────

def lovasz_weights(gt_sorted):
    """Jaccard-loss increments of the sorted labels, float64, no gradient (constants)."""
    gt_sorted = gt_sorted.detach().double()
    G = gt_sorted.sum()
    inter = G - gt_sorted.cumsum(0)
    union = G + (1 - gt_sorted).cumsum(0)
    J = 1 - inter / union
    w = J.clone()
    w[1:] = J[1:] - J[:-1]
    return w


def hinge_flat(x, y):
    if x.numel() == 0:
        return torch.zeros(())
    s = 2 * y - 1
    e = 1 - x * s
    _, perm = torch.sort(e.detach(), descending=True)
    return torch.dot(F.relu(e[perm]), lovasz_weights(y[perm]))


def hinge_ref(per_image=True, ignore_index=None):
    def fn(x, y, _ex):
        groups = [(x[b].reshape(-1), y[b].reshape(-1)) for b in range(x.shape[0])] if per_image else [(x.reshape(-1), y.reshape(-1))]
        losses = []
        for xs, ys in groups:
            if ignore_index is not None:
                keep = ys != ignore_index
                xs, ys = xs[keep], ys[keep]
            losses.append(hinge_flat(xs, ys))
        return torch.stack(losses).mean()
    return fn


def softmax_flat(p, y, classes):
    """p [P, C] probabilities of the valid pixels, y [P] labels."""
    if p.shape[0] == 0:
        return torch.zeros(())
    C = p.shape[1]
    losses = []
    for c in (range(C) if isinstance(classes, str) else classes):
        fg = (y == c).double()
        if classes == "present" and fg.sum() == 0:
            continue
        e = (fg - p[:, c]).abs()
        _, perm = torch.sort(e.detach(), descending=True)
        losses.append(torch.dot(e[perm], lovasz_weights(fg[perm])))
    return torch.stack(losses).mean() if losses else torch.zeros(())


def softmax_ref(classes="present", per_image=False, ignore_index=None, from_logits=False):
    def fn(x, y, _ex):
        p = x.softmax(1) if from_logits else x
        C = x.shape[1]
        pf = p.movedim(1, -1)  # [B, ..., C]
        if per_image:
            groups = [(pf[b].reshape(-1, C), y[b].reshape(-1)) for b in range(x.shape[0])]
        else:
            groups = [(pf.reshape(-1, C), y.reshape(-1))]
        losses = []
        for ps, ys in groups:
            if ignore_index is not None:
                keep = ys != ignore_index
                ps, ys = ps[keep], ys[keep]
            losses.append(softmax_flat(ps, ys, classes))
        return torch.stack(losses).mean()
    return fn


def prob_tensor(B, C, *sp):
    """Softmax of random logits: probabilities without ties."""
    return torch.tensor(randn(B, C, *sp)).softmax(1).tolist()


def lovasz_cases(c):
    L = "lovasz_hinge"
    x = randn(2, 4, 5)
    y = bern(0.4, 2, 4, 5)
    c.add("lovasz_hinge per_image (default)", L, hinge_ref(), x, y)
    c.add("lovasz_hinge per_image false", L, hinge_ref(per_image=False), x, y, params={"per_image": False}, reduction="mean")
    yi = [[[255.0 if (i * 5 + j) % 3 == 0 else v for j, v in enumerate(row)] for i, row in enumerate(img)] for img in y]
    c.add("lovasz_hinge ignore_index 255", L, hinge_ref(ignore_index=255), x, yi, params={"ignore_index": 255})
    c.add("lovasz_hinge ignore_index 255, per_image false", L, hinge_ref(per_image=False, ignore_index=255), x, yi, params={"ignore_index": 255, "per_image": False})
    y0 = [[[0.0] * 5] * 4, y[1]]
    c.add("lovasz_hinge image without positive pixels (relu(max e))", L, hinge_ref(), x, y0)
    yall = [[[255.0] * 5] * 4, y[1]]
    c.add("lovasz_hinge all-ignored image counts as 0 in the mean", L, hinge_ref(ignore_index=255), x, yall, params={"ignore_index": 255})
    yone = [[[255.0] * 5] * 3 + [[255.0, 1.0, 255.0, 255.0, 255.0]], y[1]]
    c.add("lovasz_hinge image with one valid pixel", L, hinge_ref(ignore_index=255), x, yone, params={"ignore_index": 255})
    c.add("lovasz_hinge one-pixel input [1, 1]", L, hinge_ref(), [[0.3]], [[0.0]])
    c.add("lovasz_hinge 1-D input (each sample its own group)", L, hinge_ref(), [0.3, -0.8, 1.7], [1.0, 0.0, 0.0])
    xl = randn(2, 12, 15)
    yl = bern(0.3, 2, 12, 15)
    c.add("lovasz_hinge 180-pixel images (radix-sort path)", L, hinge_ref(), xl, yl)
    c.add("lovasz_hinge 360-pixel batch group", L, hinge_ref(per_image=False), xl, yl, params={"per_image": False})
    xbig = randn(1, 50, 60, scale=2.0)
    ybig = bern(0.5, 1, 50, 60)
    c.add("lovasz_hinge 3000-pixel image", L, hinge_ref(), xbig, ybig)

    S = "lovasz_softmax"
    p = prob_tensor(2, 3, 3, 4)
    ys = randint(3, 2, 3, 4)
    ys[0][0] = [0, 0, 1, 1]  # image 0 lacks class 2 entirely
    ys[0][1] = [1, 0, 0, 1]
    ys[0][2] = [0, 1, 1, 0]
    c.add("lovasz_softmax defaults (present, batch group, probabilities)", S, softmax_ref(), p, ys, target_long=True)
    for classes in ("present", "all", [0, 2], [1]):
        for per_image in (False, True):
            c.add(f"lovasz_softmax classes {classes}, per_image {per_image}", S, softmax_ref(classes=classes, per_image=per_image), p, ys,
                  params={"classes": classes, "per_image": per_image}, target_long=True)
    xs = randn(2, 3, 3, 4)
    c.add("lovasz_softmax from_logits (softmax first)", S, softmax_ref(from_logits=True), xs, ys, params={"from_logits": True}, target_long=True)
    c.add("lovasz_softmax from_logits, all, per_image", S, softmax_ref(classes="all", per_image=True, from_logits=True), xs, ys,
          params={"from_logits": True, "classes": "all", "per_image": True}, target_long=True)
    ysi = [[[255 if (i + j) % 3 == 0 else v for j, v in enumerate(row)] for i, row in enumerate(img)] for img in ys]
    c.add("lovasz_softmax ignore_index 255", S, softmax_ref(ignore_index=255), p, ysi, params={"ignore_index": 255}, target_long=True)
    c.add("lovasz_softmax ignore_index 255, per_image, all", S, softmax_ref(classes="all", per_image=True, ignore_index=255), p, ysi,
          params={"ignore_index": 255, "per_image": True, "classes": "all"}, target_long=True)
    yone = [[[255] * 4, [255, 2, 255, 255], [255] * 4], ys[1]]
    c.add("lovasz_softmax image with one valid pixel, per_image", S, softmax_ref(per_image=True, ignore_index=255), p, yone,
          params={"ignore_index": 255, "per_image": True}, target_long=True)
    c.add("lovasz_softmax one valid pixel, all classes", S, softmax_ref(classes="all", per_image=True, ignore_index=255), p, yone,
          params={"ignore_index": 255, "per_image": True, "classes": "all"}, target_long=True)
    yall = [[[255] * 4] * 3, ys[1]]
    for classes in ("present", "all"):
        c.add(f"lovasz_softmax all-ignored image counts as 0 ({classes})", S, softmax_ref(classes=classes, per_image=True, ignore_index=255), p, yall,
              params={"ignore_index": 255, "per_image": True, "classes": classes}, target_long=True)
    c.add("lovasz_softmax ignore_index equal to a class id", S, softmax_ref(classes="all", ignore_index=0), p, ys,
          params={"ignore_index": 0, "classes": "all"}, target_long=True)
    c.add("lovasz_softmax [B, C] input without spatial dims", S, softmax_ref(), prob_tensor(5, 3), [0, 2, 1, 1, 0], target_long=True)
    pl = prob_tensor(2, 4, 10, 12)
    yl = randint(4, 2, 10, 12)
    c.add("lovasz_softmax 240-pixel batch (radix-sort path)", S, softmax_ref(classes="all"), pl, yl, params={"classes": "all"}, target_long=True)
    c.add("lovasz_softmax 120-pixel images, from_logits", S, softmax_ref(per_image=True, from_logits=True), randn(2, 4, 10, 12), yl,
          params={"per_image": True, "from_logits": True}, target_long=True)

    # errors
    c.error("lovasz_hinge label 2", {"loss": L, "input": [[0.1, 0.2]], "target": [[0, 2]]}, "invalid_label")
    c.error("lovasz_hinge target shape", {"loss": L, "input": [[0.1, 0.2]], "target": [0, 1]}, "shape_mismatch")
    c.error("lovasz_hinge reduction sum", {"loss": L, "input": [[0.1, 0.2]], "target": [[0, 1]], "reduction": "sum"}, "invalid_reduction")
    c.error("lovasz_hinge reduction none", {"loss": L, "input": [[0.1, 0.2]], "target": [[0, 1]], "reduction": "none"}, "invalid_reduction")
    c.error("lovasz_hinge per_image not a boolean", {"loss": L, "input": [[0.1, 0.2]], "target": [[0, 1]], "params": {"per_image": "yes"}}, "invalid_param")
    c.error("lovasz_softmax label out of range", {"loss": S, "input": prob_tensor(1, 2, 2), "target": [[0, 2]]}, "class_out_of_range")
    c.error("lovasz_softmax target with the input's shape", {"loss": S, "input": prob_tensor(1, 2, 2), "target": [[[0, 1], [1, 0]]]}, "shape_mismatch")
    c.error("lovasz_softmax input without a class dimension", {"loss": S, "input": [0.2, 0.8], "target": [1]}, "invalid_rank")
    c.error("lovasz_softmax class list out of range", {"loss": S, "input": prob_tensor(1, 2, 2), "target": [[0, 1]], "params": {"classes": [0, 3]}}, "invalid_param")
    c.error("lovasz_softmax negative class id", {"loss": S, "input": prob_tensor(1, 2, 2), "target": [[0, 1]], "params": {"classes": [-1]}}, "invalid_param")
    c.error("lovasz_softmax classes typo", {"loss": S, "input": prob_tensor(1, 2, 2), "target": [[0, 1]], "params": {"classes": "presnt"}}, "invalid_param")
    c.error("lovasz_softmax probabilities out of [0, 1]", {"loss": S, "input": [[[1.2, 0.3], [0.1, 0.2]]], "target": [[0, 1]]}, "invalid_probability")


def main():
    c = Cases("segmentation")
    dice_cases(c)
    lovasz_cases(c)
    c.write()


if __name__ == "__main__":
    main()
