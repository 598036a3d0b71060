/**
 * Element-wise losses take input and target under NumPy broadcasting (PyTorch's functional losses
 * broadcast, with a warning). Their kernels see both at the broadcast shape; the caller sums the
 * gradient back to the input's shape (core/tensor.ts sumToShape).
 */
import { fail } from './errors.js';
import { broadcastShapes, broadcastTo, sameShape, shapeString, type Shape, type Tensor } from './tensor.js';

export function broadcastPair(x: Tensor, y: Tensor, yName: string): { shape: Shape; x: Tensor; y: Tensor } {
  if (sameShape(x.shape, y.shape)) return { shape: x.shape, x, y };
  const shape = broadcastShapes(x.shape, y.shape);
  if (shape === null) {
    return fail(
      'shape_mismatch',
      {
        en: `${yName} has shape ${shapeString(y.shape)}, which does not broadcast with input's shape ${shapeString(x.shape)}: give it the input's shape.`,
        'zh-cn': `${yName} 的形状为 ${shapeString(y.shape)}，无法与 input 的形状 ${shapeString(x.shape)} 广播：请使它与 input 的形状相同。`,
      },
      { tensor: yName },
    );
  }
  return { shape, x: broadcastTo(x, shape), y: broadcastTo(y, shape) };
}
