# name: hdr_relative_mse (NumPy)
# prefix: loss-hdr-np
# description: NumPy value of the HDR relative MSE, (f − y)²/(d + eps)² with d the target or the prediction (Noise2Noise's L_HDR).
import numpy as np


def hdr_relative_mse_np(input, target, eps=${1:0.01}, denominator="${2|target,prediction|}", reduction="${3|mean,sum,none|}"):
    """l = (f − y)²/(y + eps)² (denominator "target") or (f − y)²/(f + eps)² ("prediction").

    The value (no gradient) in NumPy. reduction: "mean" (/ number of elements), "sum" or "none".
    """
    f = np.asarray(input, dtype=np.float64)
    y = np.asarray(target, dtype=np.float64)
    scale = y if denominator == "target" else f
    loss = (f - y) ** 2 / (scale + eps) ** 2
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
