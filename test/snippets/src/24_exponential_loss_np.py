# name: exponential_loss (NumPy)
# prefix: loss-exponential-np
# description: NumPy value of the exponential loss e^(−y·f), labels y = ±1.
import numpy as np


def exponential_loss_np(input, target, reduction="${1|mean,sum,none|}"):
    """l = e^(−y·f).

    The value (no gradient) in NumPy; labels y = ±1. reduction: "mean" (/ number of elements), "sum", "none".
    """
    loss = np.exp(-np.asarray(target, dtype=np.float64) * np.asarray(input, dtype=np.float64))
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
