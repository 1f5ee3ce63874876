import type { Node } from '@xyflow/react';

/**
 * Takes freshly derived nodes while keeping what React Flow measured on the previous ones, so a
 * re-derivation (a moved node, a new price) does not make every node re-measure and flicker.
 */
export function adoptDerivedNodes<N extends Node>(derived: readonly N[], previous: readonly N[]): N[] {
  const measured = new Map(previous.filter((n) => n.measured !== undefined).map((n) => [n.id, n.measured]));
  return derived.map((n) => {
    const m = measured.get(n.id);
    return m && n.measured === undefined ? { ...n, measured: m } : n;
  });
}
