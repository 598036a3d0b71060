/**
 * The part of Vega the renderer uses: the parser, the view, and the transforms its specs need
 * (data, facet, scales, axes, legends). The 'vega' package registers every transform it has (geo,
 * force, hierarchy, voronoi, word clouds, ...), which costs download and compile time on the first
 * chart; this registers only the general ones. A spec using another transform fails to parse,
 * which the renderer tests would show.
 */
import { extend } from 'vega-util';
import { transforms } from 'vega-dataflow';
import * as tx from 'vega-transforms';
import * as vtx from 'vega-view-transforms';
import * as encode from 'vega-encode';

extend(transforms, tx, vtx, encode);

export { changeset } from 'vega-dataflow';
export { View } from 'vega-view';
export { parse } from 'vega-parser';
export { scheme } from 'vega-scale';
