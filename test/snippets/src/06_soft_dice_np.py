# name: soft_dice (NumPy)
# prefix: loss-dice-np
# description: NumPy value of the soft Dice loss per class (I, P, T summed over the batch and all pixels); binary, multiclass or multilabel; empty classes keep or zero; ignore_index.
import numpy as np


def soft_dice_np(input, target, mode="${1|multiclass,binary,multilabel|}", from_logits=${2:True}, smooth=${3:0.0}, eps=${4:1e-7}, ignore_index=${5:None}, empty_classes="${6|keep,zero|}", reduction="${7|mean,sum,none|}"):
    """loss_k = 1 − (2·I_k + smooth) / max(P_k + T_k + smooth, eps), I_k = Σ p·t, P_k = Σ p, T_k = Σ t.

    The value (no gradient) in NumPy; modes, ignore_index and empty_classes as in soft_dice:
    binary (K = 1), multilabel (K = C, sigmoid), multiclass (index target, softmax over dim 1).
    """
    x = np.asarray(input, dtype=np.float64)
    y = np.asarray(target)
    if mode == "multiclass":
        if from_logits:
            e = np.exp(x - x.max(axis=1, keepdims=True))
            p = e / e.sum(axis=1, keepdims=True)
        else:
            p = x
        valid = y != ignore_index if ignore_index is not None else np.ones(y.shape, dtype=bool)
        index = np.where(valid, y, 0).astype(np.int64)
        t = (np.expand_dims(index, 1) == np.arange(x.shape[1]).reshape((1, -1) + (1,) * (x.ndim - 2))).astype(np.float64)
        valid = np.expand_dims(valid, 1)
    else:
        p = np.exp(-np.logaddexp(0.0, -x)) if from_logits else x
        t = y.astype(np.float64)
        valid = y != ignore_index if ignore_index is not None else np.ones(y.shape, dtype=bool)
    p = np.where(valid, p, 0.0)
    t = np.where(valid, t, 0.0)
    axes = tuple(range(p.ndim)) if mode == "binary" else (0,) + tuple(range(2, p.ndim))
    intersection = (p * t).sum(axis=axes)
    p_sum = p.sum(axis=axes)
    t_sum = t.sum(axis=axes)
    loss = np.reshape(1 - (2 * intersection + smooth) / np.maximum(p_sum + t_sum + smooth, eps), -1)
    if empty_classes == "zero":
        loss = np.where(np.reshape(t_sum, -1) > 0, loss, 0.0)
    if reduction == "mean":
        return loss.mean()
    if reduction == "sum":
        return loss.sum()
    return loss
