# name: log_cosh (NumPy)
# prefix: loss-log-cosh-np
# description: NumPy value of the log-cosh loss ln cosh(f − y), stable for any residual.
import numpy as np


def log_cosh_np(input, target, reduction="${1|mean,sum,none|}"):
    """l = ln cosh(f − y).

    The value (no gradient) in NumPy, computed as log1p(2·sinh²(d/2)) for |d| < 20 and as
    |d| + log1p(e^(−2|d|)) − ln 2 beyond. reduction: "mean" (/ number of elements), "sum", "none".
    """
    d = np.asarray(input, dtype=np.float64) - np.asarray(target, dtype=np.float64)
    a = np.abs(d)
    small = a < 20
    loss = np.where(small, np.log1p(2 * np.sinh(np.where(small, d, 0.0) / 2) ** 2), a + np.log1p(np.exp(-2 * a)) - np.log(2.0))
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
