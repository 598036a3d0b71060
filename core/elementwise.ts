/**
 * Element-wise losses of an input and a target under NumPy broadcasting (as PyTorch's functional
 * losses broadcast, with a warning). The kernel sees both at the broadcast shape and writes the
 * loss and d loss/d input per element in one pass; the gradient is summed back to the input's shape.
 */
import { fail } from './errors.js';
import { broadcastShapes, broadcastTo, sameShape, shapeString, sumToShape, type Shape, type Tensor } from './tensor.js';

export type ElementKernel = (x: Float64Array, y: Float64Array, loss: Float64Array, grad: Float64Array) => void;

export function broadcastPair(x: Tensor, y: Tensor, yName: string): { shape: Shape; x: Tensor; y: Tensor } {
  if (sameShape(x.shape, y.shape)) return { shape: x.shape, x, y };
  const shape = broadcastShapes(x.shape, y.shape);
  if (shape === null) {
    return fail('shape_mismatch', `${yName} has shape ${shapeString(y.shape)}, which does not broadcast with input's shape ${shapeString(x.shape)}: give it the input's shape.`, { tensor: yName });
  }
  return { shape, x: broadcastTo(x, shape), y: broadcastTo(y, shape) };
}

export function elementwise(input: Tensor, target: Tensor, kernel: ElementKernel, targetName = 'target'): { unreduced: Tensor; grad: Tensor } {
  const { shape, x, y } = broadcastPair(input, target, targetName);
  const loss = new Float64Array(x.data.length);
  const grad = new Float64Array(x.data.length);
  kernel(x.data, y.data, loss, grad);
  return { unreduced: { shape, data: loss }, grad: sumToShape({ shape, data: grad }, input.shape) };
}
