# name: loss-lens-display
# prefix: loss-lens-display
# description: Show a loss in a notebook with the Loss Lens renderer: display() a request (mime application/vnd.loss-lens+json) built from tensors or arrays; the renderer computes the value, gradient, formula and curves itself.
from IPython.display import display


def loss_lens_display(loss, input, target=None, extra=None, params=None, reduction=None, title=None):
    """Render a Loss Lens report for `loss` (an id, or a list of ids to compare) in this cell's output.

    Emits the notebook payload's request {"version": 1, "kind": "request", "loss", "input",
    "target", "extra", "params", "reduction", "title"} as application/vnd.loss-lens+json, with
    tensors and arrays as nested lists (.tolist()); a text/plain line for other front ends.
    extra holds input2, positive, negative where the loss takes them. Returns the request.
    """
    def as_lists(value):
        if hasattr(value, "detach"):
            value = value.detach().cpu()
        return value.tolist() if hasattr(value, "tolist") else value

    request = {"version": 1, "kind": "request", "loss": loss, "input": as_lists(input), "target": as_lists(target),
               "extra": {name: as_lists(t) for name, t in (extra or {}).items()},
               "params": {name: as_lists(v) for name, v in (params or {}).items()}}
    if reduction is not None:
        request["reduction"] = reduction
    if title is not None:
        request["title"] = title
    names = loss if isinstance(loss, str) else ", ".join(loss)
    display({"application/vnd.loss-lens+json": request, "text/plain": "Loss Lens: " + names}, raw=True)
    return request


loss_lens_display("${1|@LOSS_IDS@|}", ${2:logits}, ${3:target}${0})
