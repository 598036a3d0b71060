# name: l0_loss (PyTorch)
# prefix: loss-l0
# description: Noise2Noise's annealed "L0" loss (|f − y| + eps)^γ with l0_gamma(step, total_steps), the schedule that takes γ linearly from 2 (L2) to 0 over training; d|x|/dx at 0 is 0; mean divides by the number of elements.
import torch


def l0_gamma(step, total_steps, start=${1:2.0}):
    """γ for training step `step` of `total_steps`: linear from `start` (2, L2) at step 0 to 0 at the end (Lehtinen et al. 2018)."""
    return start * max(0.0, 1.0 - step / total_steps)


def l0_loss(input, target, gamma=${2:2.0}, eps=${3:1e-8}, reduction="${4|mean,sum,none|}"):
    """l = (|f − y| + eps)^γ.

    Noise2Noise's approximate L0 (Lehtinen et al. 2018): γ = 2 fits the mean of noisy targets,
    γ = 1 the median and γ → 0 the mode, which recovers images under impulse noise. Anneal γ from
    2 to 0 during training with l0_gamma(step, total_steps). γ = 0 is 1 everywhere with gradient 0
    (it learns nothing on its own). d|x|/dx at 0 is taken as 0; eps keeps the gradient of γ < 1
    finite near a perfect prediction. reduction: "mean" (sum / number of elements), "sum", "none".
    """
    loss = ((input - target).abs() + eps) ** gamma
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
