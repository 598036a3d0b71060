# name: sigmoid_focal_loss (NumPy)
# prefix: loss-focal-sigmoid-np
# description: NumPy value of torchvision's sigmoid focal loss: α weights the positives, α = −1 turns it off; logits in; default reduction none.
import numpy as np


def sigmoid_focal_loss_np(input, target, alpha=${1:0.25}, gamma=${2:2.0}, reduction="${3|none,mean,sum|}"):
    """l = α_t·(1 − p_t)^γ·BCE(x, t), p = σ(x), p_t = p·t + (1 − p)·(1 − t), α_t = α·t + (1 − α)·(1 − t).

    The value of torchvision.ops.sigmoid_focal_loss in NumPy (no gradient). `input` holds logits;
    `target` 0/1 or soft values in [0, 1]. α weights the positives (t = 1), 1 − α the negatives;
    α = −1 disables it. reduction: "none" (default), "mean" (/ number of elements) or "sum".
    """
    x = np.asarray(input, dtype=np.float64)
    t = np.asarray(target, dtype=np.float64)
    log_p = -np.logaddexp(0.0, -x)
    log_not_p = -np.logaddexp(0.0, x)
    ce = -(t * log_p + (1 - t) * log_not_p)
    one_minus_pt = np.exp(log_not_p) * t + np.exp(log_p) * (1 - t)
    loss = ce * one_minus_pt ** gamma
    if alpha >= 0:
        loss = (alpha * t + (1 - alpha) * (1 - t)) * loss
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
