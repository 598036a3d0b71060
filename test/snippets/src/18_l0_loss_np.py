# name: l0_loss (NumPy)
# prefix: loss-l0-np
# description: NumPy value of Noise2Noise's annealed "L0" loss (|f − y| + eps)^γ, with l0_gamma_np(step, total_steps) taking γ linearly from 2 to 0 over training.
import numpy as np


def l0_gamma_np(step, total_steps, start=${1:2.0}):
    """γ for training step `step` of `total_steps`: linear from `start` (2, L2) at step 0 to 0 at the end (Lehtinen et al. 2018)."""
    return start * max(0.0, 1.0 - step / total_steps)


def l0_loss_np(input, target, gamma=${2:2.0}, eps=${3:1e-8}, reduction="${4|mean,sum,none|}"):
    """l = (|f − y| + eps)^γ.

    The value (no gradient) in NumPy; γ = 0 gives 1 everywhere. reduction: "mean" (/ number of
    elements), "sum" or "none".
    """
    loss = (np.abs(np.asarray(input, dtype=np.float64) - np.asarray(target, dtype=np.float64)) + eps) ** gamma
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
