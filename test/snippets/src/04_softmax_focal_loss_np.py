# name: softmax_focal_loss (NumPy)
# prefix: loss-focal-softmax-np
# description: NumPy value of the softmax focal loss: per-class α (α_t = alpha[target]), ignore_index, mean over non-ignored elements; logits in.
import numpy as np


def softmax_focal_loss_np(input, target, alpha=${1:None}, gamma=${2:2.0}, ignore_index=${3:-100}, reduction="${4|mean,sum,none|}"):
    """l = −α_t·(1 − p_t)^γ·ln p_t, p_t = softmax(x)[y].

    The value (no gradient) in NumPy. `input`: logits [N, C, d1..dk]; `target`: class indices
    [N, d1..dk]. alpha: None, a number, or a list of C per-class weights (α_t = alpha[target]).
    Elements with target == ignore_index give 0; "mean" divides by the number of the others.
    """
    x = np.asarray(input, dtype=np.float64)
    y = np.asarray(target).astype(np.int64)
    valid = y != ignore_index
    index = np.expand_dims(np.where(valid, y, 0), 1)
    shifted = x - x.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    log_pt = np.take_along_axis(log_p, index, axis=1).squeeze(1)
    p = np.exp(log_p)
    np.put_along_axis(p, index, 0.0, axis=1)
    one_minus_pt = p.sum(axis=1)
    loss = -(one_minus_pt ** gamma) * log_pt
    if alpha is not None:
        if np.ndim(alpha) == 0:
            loss = alpha * loss
        else:
            loss = np.asarray(alpha, dtype=np.float64)[index.squeeze(1)] * loss
    loss = np.where(valid, loss, 0.0)
    if reduction == "mean":
        return loss.sum() / valid.sum()
    if reduction == "sum":
        return loss.sum()
    return loss
