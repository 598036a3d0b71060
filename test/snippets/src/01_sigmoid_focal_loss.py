# name: sigmoid_focal_loss (PyTorch)
# prefix: loss-focal-sigmoid
# description: torchvision's sigmoid focal loss: α weights the positives (t = 1), 1 − α the negatives, α = −1 turns it off; logits in; default reduction none (torchvision's), mean divides by the number of elements.
import torch
import torch.nn.functional as F


def sigmoid_focal_loss(input, target, alpha=${1:0.25}, gamma=${2:2.0}, reduction="${3|none,mean,sum|}"):
    """l = α_t·(1 − p_t)^γ·BCE(x, t), p = σ(x), p_t = p·t + (1 − p)·(1 − t), α_t = α·t + (1 − α)·(1 − t).

    Equals torchvision.ops.sigmoid_focal_loss (Lin et al. 2017, eq. 5). `input` holds logits, not
    probabilities; `target` has the same shape, 0/1 or soft values in [0, 1] (used in the formula
    as written). α weights the positive class (t = 1) and 1 − α the negative one; α = −1 disables
    the weighting. kornia's focal gives 1 − α to class 0 and α to the rest, and smp's
    focal_loss_with_logits takes p_t = exp(−BCE), which differs from this for soft targets.
    reduction: "none" (the default, as in torchvision), "mean" (sum / number of elements) or "sum".
    1 − p_t is computed as σ(−x)·t + σ(x)·(1 − t): the same number without the cancellation of
    1 − σ(x) for confident logits, so γ < 1 keeps its true, finite gradient.
    """
    p_neg = torch.sigmoid(-input)
    p_pos = torch.sigmoid(input)
    target = target.to(input.dtype)
    # Where σ underflows (|x| > ~745) 1 − p_t is 0 and (0)^γ has an infinite slope for γ < 1:
    # the smallest normal float keeps the value 0 and the gradient 0 instead of NaN.
    one_minus_pt = (p_neg * target + p_pos * (1 - target)).clamp_min(torch.finfo(input.dtype).tiny)
    ce = F.binary_cross_entropy_with_logits(input, target, reduction="none")
    loss = ce * one_minus_pt ** gamma
    if alpha >= 0:
        loss = (alpha * target + (1 - alpha) * (1 - target)) * loss
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
