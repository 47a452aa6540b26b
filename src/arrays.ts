/** Array helpers shared by the load and the analysis layers. */

/**
 * The values at the given positions, in their order (a gather: `out[k] = values[positions[k]]`).
 * Unlike the analyses' `pick`, missing values (NaN) stay, so columns gathered by the same
 * positions stay aligned.
 * @example valuesAt(new Float64Array([5, 6, 7]), [2, 0]) // Float64Array [7, 5]
 */
export function valuesAt(values: ArrayLike<number>, positions: ArrayLike<number>): Float64Array {
  const out = new Float64Array(positions.length);
  for (let k = 0; k < positions.length; k++) out[k] = values[positions[k]!]!;
  return out;
}
