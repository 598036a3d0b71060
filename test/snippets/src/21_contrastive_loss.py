# name: contrastive_loss (PyTorch)
# prefix: loss-contrastive
# description: Contrastive loss (Hadsell, Chopra & LeCun 2006) for pairs: y = 1 means similar (d²), y = 0 dissimilar (max(0, margin − d)²), d = ‖x1 − x2‖₂ without eps; twice the paper's loss, whose Y = 0 is similar; mean divides by N.
import torch


def contrastive_loss(input, input2, target, margin=${1:1.0}, reduction="${2|mean,sum,none|}"):
    """l = y·d² + (1 − y)·max(0, margin − d)², d = ‖x1 − x2‖₂.

    `input` x1 and `input2` x2: embeddings [N, D]; `target` y [N]: 1 for a similar pair, 0 for a
    dissimilar one. Hadsell, Chopra & LeCun (CVPR 2006) write Y = 0 for similar pairs and factors
    ½: their loss is exactly 0.5× this one with y = 1 − Y. No eps in d; at d = 0 the gradient is 0
    (torch's norm backward). reduction: "mean" (sum / N), "sum" or "none" ([N]).
    """
    y = target.to(input.dtype)
    d = torch.linalg.vector_norm(input - input2, dim=1)
    loss = y * d ** 2 + (1 - y) * torch.clamp_min(margin - d, 0) ** 2
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
