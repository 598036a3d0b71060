# name: contrastive_loss (NumPy)
# prefix: loss-contrastive-np
# description: NumPy value of the contrastive loss: y = 1 similar (d²), y = 0 dissimilar (max(0, margin − d)²), d = ‖x1 − x2‖₂.
import numpy as np


def contrastive_loss_np(input, input2, target, margin=${1:1.0}, reduction="${2|mean,sum,none|}"):
    """l = y·d² + (1 − y)·max(0, margin − d)², d = ‖x1 − x2‖₂.

    The value (no gradient) in NumPy. x1, x2: [N, D]; y [N]: 1 = similar pair, 0 = dissimilar
    (Hadsell et al. 2006 use Y = 0 for similar and factors ½). reduction: "mean" (/ N), "sum", "none".
    """
    y = np.asarray(target, dtype=np.float64)
    d = np.linalg.norm(np.asarray(input, dtype=np.float64) - np.asarray(input2, dtype=np.float64), axis=1)
    loss = y * d ** 2 + (1 - y) * np.maximum(margin - d, 0.0) ** 2
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
