# name: hdr_relative_mse (PyTorch)
# prefix: loss-hdr
# description: Relative MSE for HDR images, (f − y)²/(d + eps)² with d the target or (Noise2Noise's L_HDR) the prediction, whose gradient flows through the denominator; mean divides by the number of elements.
import torch


def hdr_relative_mse(input, target, eps=${1:0.01}, denominator="${2|target,prediction|}", reduction="${3|mean,sum,none|}"):
    """l = (f − y)²/(y + eps)² (denominator "target") or (f − y)²/(f + eps)² ("prediction").

    Divides each squared error by the squared brightness, so the few very bright pixels of an HDR
    (e.g. Monte Carlo rendered) image do not dominate. With noisy targets, the target's brightness
    is noisy too; Noise2Noise's L_HDR divides by the prediction instead, and its gradient flows
    through the denominator (no .detach()). reduction: "mean" (sum / number of elements), "sum", "none".
    """
    scale = target if denominator == "target" else input
    loss = (input - target) ** 2 / (scale + eps) ** 2
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
