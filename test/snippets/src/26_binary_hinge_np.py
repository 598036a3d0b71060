# name: binary_hinge (NumPy)
# prefix: loss-hinge-np
# description: NumPy value of the binary hinge loss max(0, margin − y·f), labels y = ±1.
import numpy as np


def binary_hinge_np(input, target, margin=${1:1.0}, reduction="${2|mean,sum,none|}"):
    """l = max(0, margin − y·f).

    The value (no gradient) in NumPy; labels y = ±1. reduction: "mean" (/ number of elements), "sum", "none".
    """
    loss = np.maximum(margin - np.asarray(target, dtype=np.float64) * np.asarray(input, dtype=np.float64), 0.0)
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
