# name: soft_dice (PyTorch)
# prefix: loss-dice
# description: Soft Dice loss per class, 1 − (2I + smooth)/max(P + T + smooth, eps), with I, P, T summed over the batch and all pixels; binary, multiclass (index target, softmax) or multilabel (sigmoid); empty classes keep loss 1 or are zeroed; ignored pixels drop out of every class.
import torch
import torch.nn.functional as F


def soft_dice(input, target, mode="${1|multiclass,binary,multilabel|}", from_logits=${2:True}, smooth=${3:0.0}, eps=${4:1e-7}, ignore_index=${5:None}, empty_classes="${6|keep,zero|}", reduction="${7|mean,sum,none|}"):
    """loss_k = 1 − (2·I_k + smooth) / max(P_k + T_k + smooth, eps), I_k = Σ p·t, P_k = Σ p, T_k = Σ t.

    mode "binary": input [N, ...] and a 0/1 target of the same shape (K = 1); "multilabel": input
    and 0/1 target [N, C, ...] (K = C); "multiclass": input [N, C, ...], target class indices
    [N, ...] (int64), one-hot encoded (K = C). p = sigmoid(x) (binary, multilabel) or softmax over
    dim 1 (multiclass) when from_logits, else p = x. The sums run over the batch and every spatial
    position, once per class (not per image). ignore_index: elements (multiclass: whole pixels)
    whose target equals it get p = t = 0. empty_classes: "keep" leaves a class with T_k = 0 in the
    loss (1 with gradient 0 when smooth = 0, P/(P + smooth) otherwise); "zero" sets its loss to 0
    (it still counts in the mean), as smp does. reduction: "mean" or "sum" over the K classes,
    "none" the vector [K].
    segmentation_models_pytorch (since its 2024 Tversky rewrite, PR #927) computes
    (I + s)/max((P + T)/2 + s, eps) with I = Σmin(p, t): this with smooth = 2s and eps = 2·eps,
    and Σmin(p, t) equals Σp·t only for 0/1 targets; older smp computed (2I + s)/max(P + T + s, eps),
    this with the same smooth and eps. smp zeroes empty classes: empty_classes="zero".
    """
    if mode == "multiclass":
        p = input.softmax(dim=1) if from_logits else input
        valid = target != ignore_index if ignore_index is not None else torch.ones_like(target, dtype=torch.bool)
        index = torch.where(valid, target, torch.zeros_like(target))
        t = F.one_hot(index, input.shape[1]).movedim(-1, 1).to(p.dtype)
        valid = valid.unsqueeze(1)
    else:
        p = input.sigmoid() if from_logits else input
        t = target.to(p.dtype)
        valid = target != ignore_index if ignore_index is not None else torch.ones_like(t, dtype=torch.bool)
    p = torch.where(valid, p, torch.zeros_like(p))
    t = torch.where(valid, t, torch.zeros_like(t))
    dims = tuple(range(p.ndim)) if mode == "binary" else (0,) + tuple(range(2, p.ndim))
    intersection = (p * t).sum(dim=dims)
    p_sum = p.sum(dim=dims)
    t_sum = t.sum(dim=dims)
    loss = 1 - (2 * intersection + smooth) / (p_sum + t_sum + smooth).clamp_min(eps)
    loss = loss.reshape(-1)
    if empty_classes == "zero":
        loss = torch.where(t_sum.reshape(-1) > 0, loss, torch.zeros_like(loss))
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
