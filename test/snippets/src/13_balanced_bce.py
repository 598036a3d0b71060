# name: balanced_bce (PyTorch)
# prefix: loss-balanced-bce
# description: Class-balanced BCE on logits (HED): α weights the positives and 1 − α the negatives; "auto" takes α = fraction of targets equal to 0 in the whole tensor, as a constant; mean divides by the number of elements.
import torch
import torch.nn.functional as F


def balanced_bce(input, target, alpha=${1:"auto"}, reduction="${2|mean,sum,none|}"):
    """l = −[α·y·ln σ(x) + (1 − α)·(1 − y)·ln(1 − σ(x))].

    `input`: logits; `target`: values in [0, 1] of the same shape. alpha in [0, 1] weights the
    positive term and 1 − α the negative one; "auto" is HED's rule (Xie & Tu 2015): α = the
    fraction of targets equal to 0 in the whole tensor, a constant (no gradient). For binary
    targets this is torchvision's sigmoid_focal_loss with γ = 0, and
    (1 − α)·F.binary_cross_entropy_with_logits(pos_weight = α/(1 − α)).
    reduction: "mean" (sum / number of elements), "sum" or "none".
    """
    target = target.to(input.dtype)
    if isinstance(alpha, str) and alpha == "auto":
        alpha = (target == 0).to(input.dtype).mean()
    loss = -(alpha * target * F.logsigmoid(input) + (1 - alpha) * (1 - target) * F.logsigmoid(-input))
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
