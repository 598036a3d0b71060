# name: lovasz_hinge (NumPy)
# prefix: loss-lovasz-hinge-np
# description: NumPy value of the Lovász hinge: logits and 0/1 labels, per_image groups (an all-ignored image counts as 0), ignore_index, float64 weights.
import numpy as np


def lovasz_hinge_np(input, target, per_image=${1:True}, ignore_index=${2:None}):
    """loss = mean over groups of Σ_k relu(e_(k))·w_k, e = 1 − x·(2y − 1) sorted descending.

    The value (no gradient) in NumPy; groups, ignore_index and the weights w_k = J_k − J_(k−1) as in
    lovasz_hinge (Berman et al. 2018), in float64.
    """
    def lovasz_hinge_flat(logits, labels):
        if ignore_index is not None:
            keep = labels != ignore_index
            logits, labels = logits[keep], labels[keep]
        if logits.size == 0:
            return 0.0
        errors = 1 - logits * (2 * labels.astype(np.float64) - 1)
        perm = np.argsort(-errors, kind="stable")
        gt_sorted = labels[perm].astype(np.float64)
        gts = gt_sorted.sum()
        jaccard = 1 - (gts - np.cumsum(gt_sorted)) / (gts + np.cumsum(1 - gt_sorted))
        weights = np.concatenate([jaccard[:1], np.diff(jaccard)])
        return float(np.dot(np.maximum(errors[perm], 0.0), weights))

    x = np.asarray(input, dtype=np.float64)
    y = np.asarray(target)
    if per_image:
        return float(np.mean([lovasz_hinge_flat(xi.reshape(-1), yi.reshape(-1)) for xi, yi in zip(x, y)]))
    return lovasz_hinge_flat(x.reshape(-1), y.reshape(-1))
