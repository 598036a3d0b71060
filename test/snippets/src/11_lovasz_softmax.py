# name: lovasz_softmax (PyTorch)
# prefix: loss-lovasz-softmax
# description: Lovász-softmax (Berman et al. 2018) for multiclass segmentation: probabilities [B, C, H, W] (or logits with from_logits), index labels; classes "present" (a string compare), "all" or a list; per_image groups; an all-ignored group is 0 and counts; one valid pixel works; float64 weights; mean only.
import torch


def lovasz_softmax(input, target, classes=${1:"present"}, per_image=${2:False}, ignore_index=${3:None}, from_logits=${4:False}):
    """loss = mean over groups of the mean over classes c of Σ_k e_(k)·w_k, e = |[y = c] − p_c|.

    Errors sorted descending; w_k = J_k − J_(k−1) from the sorted foreground [y = c] as for the
    Lovász hinge (Berman, Rannen Triki & Blaschko, CVPR 2018), a constant. `input`: probabilities
    [B, C, H, W] (any trailing dims), or logits with from_logits=True (softmax over dim 1, like
    smp's LovaszLoss in multiclass mode); `target`: class indices [B, H, W] (int64).
    classes: "present" (classes with a pixel in the group), "all", or a list of class ids.
    per_image: each image is a group (else the whole batch); pixels labelled ignore_index are
    removed. A group with no pixel or no used class gives 0 and still counts in the mean.
    Berman's code fails on a group with one valid pixel (its .squeeze() drops the pixel axis),
    mishandles an all-ignored image with per_image, compares `classes is 'present'` by identity
    and builds w in float32; this one compares strings, keeps [P, C] shapes and uses float64.
    """
    def lovasz_weights(fg_sorted):
        gts = fg_sorted.sum()
        jaccard = 1 - (gts - fg_sorted.cumsum(0)) / (gts + (1 - fg_sorted).cumsum(0))
        return torch.cat([jaccard[:1], jaccard[1:] - jaccard[:-1]])

    def lovasz_softmax_flat(probas, labels):
        if ignore_index is not None:
            keep = labels != ignore_index
            probas, labels = probas[keep], labels[keep]
        if probas.shape[0] == 0:
            return probas.sum()
        if isinstance(classes, str) and classes in ("all", "present"):
            class_ids = range(probas.shape[1])
        else:
            class_ids = classes
        losses = []
        for c in class_ids:
            fg = (labels == c).to(torch.float64)
            if isinstance(classes, str) and classes == "present" and fg.sum() == 0:
                continue
            errors = (fg.to(probas.dtype) - probas[:, c]).abs()
            errors_sorted, perm = torch.sort(errors, descending=True)
            losses.append(torch.dot(errors_sorted, lovasz_weights(fg[perm]).to(errors_sorted.dtype)))
        if not losses:
            return probas.sum() * 0
        return torch.stack(losses).mean()

    probas = input.softmax(dim=1) if from_logits else input
    num_classes = probas.shape[1]
    if per_image:
        return torch.stack([lovasz_softmax_flat(p.movedim(0, -1).reshape(-1, num_classes), y.reshape(-1)) for p, y in zip(probas, target)]).mean()
    return lovasz_softmax_flat(probas.movedim(1, -1).reshape(-1, num_classes), target.reshape(-1))
