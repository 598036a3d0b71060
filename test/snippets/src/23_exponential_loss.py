# name: exponential_loss (PyTorch)
# prefix: loss-exponential
# description: Exponential loss e^(−y·f) of AdaBoost, labels y = ±1, raw scores f; mean divides by the number of elements.
import torch


def exponential_loss(input, target, reduction="${1|mean,sum,none|}"):
    """l = e^(−y·f).

    `input`: raw scores f (margins, not probabilities); `target`: labels y = ±1 (not 0/1). The loss
    AdaBoost minimises; it punishes a wrong sign exponentially, so it is sensitive to outliers and
    label noise. reduction: "mean" (sum / number of elements), "sum" or "none".
    """
    loss = torch.exp(-target.to(input.dtype) * input)
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
