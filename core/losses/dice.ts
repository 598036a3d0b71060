import type { AnyLoss } from '../loss.js';

const losses: readonly AnyLoss[] = [];
export default losses;
