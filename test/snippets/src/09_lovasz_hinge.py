# name: lovasz_hinge (PyTorch)
# prefix: loss-lovasz-hinge
# description: Lovász hinge (Berman et al. 2018) for binary segmentation: logits and 0/1 labels; per_image averages over images (an all-ignored image counts as 0), else one group; weights in float64; mean only, scalar out.
import torch
import torch.nn.functional as F


def lovasz_hinge(input, target, per_image=${1:True}, ignore_index=${2:None}):
    """loss = mean over groups of Σ_k relu(e_(k))·w_k, e = 1 − x·(2y − 1) sorted descending.

    w_k = J_k − J_(k−1), J_k = 1 − (G − Σ_{i≤k} g_i)/(G + Σ_{i≤k} (1 − g_i)) over the labels g
    sorted with e, G = Σg: the gradient of the Lovász extension of the Jaccard loss (Berman, Rannen
    Triki & Blaschko, CVPR 2018). `input`: logits [B, ...]; `target`: 0/1 labels of the same shape.
    per_image: each image is a group (else the whole batch is one); pixels labelled ignore_index
    are removed (Berman's `ignore`). An empty group (all pixels ignored) gives 0 and still counts
    in the mean; one valid pixel is an ordinary group. w is a constant (no gradient through the
    sort). Berman's and smp's code build w with float32 cumsums (≈1e-7 accurate); here in float64.
    """
    def lovasz_hinge_flat(logits, labels):
        if ignore_index is not None:
            keep = labels != ignore_index
            logits, labels = logits[keep], labels[keep]
        if logits.numel() == 0:
            return logits.sum()
        signs = 2 * labels.to(logits.dtype) - 1
        errors = 1 - logits * signs
        errors_sorted, perm = torch.sort(errors, descending=True)
        gt_sorted = labels[perm].to(torch.float64)
        gts = gt_sorted.sum()
        intersection = gts - gt_sorted.cumsum(0)
        union = gts + (1 - gt_sorted).cumsum(0)
        jaccard = 1 - intersection / union
        weights = torch.cat([jaccard[:1], jaccard[1:] - jaccard[:-1]])
        return torch.dot(F.relu(errors_sorted), weights.to(errors_sorted.dtype))

    if per_image:
        return torch.stack([lovasz_hinge_flat(x.reshape(-1), y.reshape(-1)) for x, y in zip(input, target)]).mean()
    return lovasz_hinge_flat(input.reshape(-1), target.reshape(-1))
