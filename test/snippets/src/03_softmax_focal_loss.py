# name: softmax_focal_loss (PyTorch)
# prefix: loss-focal-softmax
# description: Softmax focal loss over C classes: α is None, one number, or a list of C per-class weights (α_t = alpha[target]); logits in; ignored elements give 0 and mean divides by the number of non-ignored elements (not by Σα_t).
import torch
import torch.nn.functional as F


def softmax_focal_loss(input, target, alpha=${1:None}, gamma=${2:2.0}, ignore_index=${3:-100}, reduction="${4|mean,sum,none|}"):
    """l = −α_t·(1 − p_t)^γ·ln p_t, p_t = softmax(x)[y] (Lin et al. 2017, eq. 5, with softmax).

    `input`: logits [N, C, d1..dk]; `target`: class indices [N, d1..dk] (int64).
    alpha: None (α_t = 1), a number (the same for every class) or a list of C per-class weights,
    α_t = alpha[target]. gamma = 0 with alpha None is F.cross_entropy.
    ignore_index: elements whose target equals it give 0 and no gradient; it may be a real class.
    reduction: "mean" divides the sum by the number of non-ignored elements; unlike cross_entropy's
    `weight`, not by Σα_t. "sum", or "none" (the target's shape).
    smp's FocalLoss("multiclass") is one-vs-rest sigmoid focal, not this; the widely copied snippet
    that takes p_t = exp(−CE) is only right for an unreduced, unweighted CE. 1 − p_t is summed
    from the other classes' probabilities, so it stays exact (and γ < 1 finite) when p_t is near 1.
    """
    valid = target != ignore_index
    index = torch.where(valid, target, torch.zeros_like(target)).unsqueeze(1)
    log_p = F.log_softmax(input, dim=1)
    log_pt = log_p.gather(1, index).squeeze(1)
    # Where the other classes underflow (logit gaps > ~745) 1 − p_t is 0 and (0)^γ has an infinite
    # slope for γ < 1: the smallest normal float keeps the value 0 and the gradient 0 instead of NaN.
    one_minus_pt = log_p.exp().scatter(1, index, 0.0).sum(dim=1).clamp_min(torch.finfo(input.dtype).tiny)
    loss = -(one_minus_pt ** gamma) * log_pt
    if alpha is not None:
        alpha = torch.as_tensor(alpha, dtype=input.dtype, device=input.device)
        loss = (alpha if alpha.ndim == 0 else alpha[index.squeeze(1)]) * loss
    loss = torch.where(valid, loss, torch.zeros_like(loss))
    if reduction == "mean":
        return loss.sum() / valid.sum()
    if reduction == "sum":
        return loss.sum()
    return loss
