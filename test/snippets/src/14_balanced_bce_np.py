# name: balanced_bce (NumPy)
# prefix: loss-balanced-bce-np
# description: NumPy value of the class-balanced BCE on logits: α for positives, 1 − α for negatives, "auto" = fraction of zero targets (HED).
import numpy as np


def balanced_bce_np(input, target, alpha=${1:"auto"}, reduction="${2|mean,sum,none|}"):
    """l = −[α·y·ln σ(x) + (1 − α)·(1 − y)·ln(1 − σ(x))].

    The value (no gradient) in NumPy. `input`: logits; `target` in [0, 1]; alpha in [0, 1] or
    "auto" (the fraction of targets equal to 0, HED's rule).
    """
    x = np.asarray(input, dtype=np.float64)
    t = np.asarray(target, dtype=np.float64)
    if isinstance(alpha, str) and alpha == "auto":
        alpha = float(np.mean(t == 0))
    loss = alpha * t * np.logaddexp(0.0, -x) + (1 - alpha) * (1 - t) * np.logaddexp(0.0, x)
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
