# name: lovasz_softmax (NumPy)
# prefix: loss-lovasz-softmax-np
# description: NumPy value of the Lovász-softmax: probabilities (or logits with from_logits), classes present/all/list, per_image groups, ignore_index, float64 weights.
import numpy as np


def lovasz_softmax_np(input, target, classes=${1:"present"}, per_image=${2:False}, ignore_index=${3:None}, from_logits=${4:False}):
    """loss = mean over groups of the mean over classes c of Σ_k e_(k)·w_k, e = |[y = c] − p_c|.

    The value (no gradient) in NumPy; classes, groups, ignore_index and the weights as in
    lovasz_softmax (Berman et al. 2018), in float64.
    """
    def lovasz_softmax_flat(probas, labels):
        if ignore_index is not None:
            keep = labels != ignore_index
            probas, labels = probas[keep], labels[keep]
        if probas.shape[0] == 0:
            return 0.0
        if isinstance(classes, str) and classes in ("all", "present"):
            class_ids = range(probas.shape[1])
        else:
            class_ids = classes
        losses = []
        for c in class_ids:
            fg = (labels == c).astype(np.float64)
            if isinstance(classes, str) and classes == "present" and fg.sum() == 0:
                continue
            errors = np.abs(fg - probas[:, c])
            perm = np.argsort(-errors, kind="stable")
            fg_sorted = fg[perm]
            gts = fg_sorted.sum()
            jaccard = 1 - (gts - np.cumsum(fg_sorted)) / (gts + np.cumsum(1 - fg_sorted))
            losses.append(float(np.dot(errors[perm], np.concatenate([jaccard[:1], np.diff(jaccard)]))))
        return float(np.mean(losses)) if losses else 0.0

    x = np.asarray(input, dtype=np.float64)
    y = np.asarray(target)
    if from_logits:
        e = np.exp(x - x.max(axis=1, keepdims=True))
        x = e / e.sum(axis=1, keepdims=True)
    num_classes = x.shape[1]
    if per_image:
        return float(np.mean([lovasz_softmax_flat(np.moveaxis(p, 0, -1).reshape(-1, num_classes), yi.reshape(-1)) for p, yi in zip(x, y)]))
    return lovasz_softmax_flat(np.moveaxis(x, 1, -1).reshape(-1, num_classes), y.reshape(-1))
