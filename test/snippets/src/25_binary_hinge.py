# name: binary_hinge (PyTorch)
# prefix: loss-hinge
# description: Binary hinge loss max(0, margin − y·f) of SVMs, labels y = ±1, raw scores f; equals F.margin_ranking_loss(f, 0, y, margin); mean divides by the number of elements.
import torch


def binary_hinge(input, target, margin=${1:1.0}, reduction="${2|mean,sum,none|}"):
    """l = max(0, margin − y·f).

    `input`: raw scores f; `target`: labels y = ±1 (not 0/1). The SVM loss: zero once a sample is
    on the right side with at least `margin` to spare. Equals
    F.margin_ranking_loss(f, torch.zeros_like(f), y, margin), including its gradient at the kink
    (clamp_min lets it through where margin − y·f = 0). reduction: "mean" (/ number of elements),
    "sum" or "none".
    """
    loss = torch.clamp_min(margin - target.to(input.dtype) * input, 0)
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
