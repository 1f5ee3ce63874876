import { describe, expect, it } from 'vitest';
import { type Point, type Rect, routeEdges } from '../../../core/proposal/route-edges';

function insideStrictly(p: { x: number; y: number }, r: Rect): boolean {
  return p.x > r.x && p.x < r.x + r.width && p.y > r.y && p.y < r.y + r.height;
}

/** Does an axis-parallel segment pass through the inside of a box? */
function crosses(a: Point, b: Point, r: Rect): boolean {
  if (a.x === b.x) {
    const [y0, y1] = [Math.min(a.y, b.y), Math.max(a.y, b.y)];
    return a.x > r.x && a.x < r.x + r.width && y0 < r.y + r.height && y1 > r.y;
  }
  const [x0, x1] = [Math.min(a.x, b.x), Math.max(a.x, b.x)];
  return a.y > r.y && a.y < r.y + r.height && x0 < r.x + r.width && x1 > r.x;
}

function onBorder(p: Point, r: Rect): boolean {
  const onX = p.x === r.x || p.x === r.x + r.width;
  const onY = p.y === r.y || p.y === r.y + r.height;
  return (onX && p.y >= r.y && p.y <= r.y + r.height) || (onY && p.x >= r.x && p.x <= r.x + r.width);
}

describe('routeEdges', () => {
  // A row of three boxes: a line from the left one to the right one must go around the middle one.
  const left: Rect = { x: 0, y: 100, width: 200, height: 64 };
  const middle: Rect = { x: 260, y: 100, width: 200, height: 64 };
  const right: Rect = { x: 520, y: 100, width: 200, height: 64 };
  const below: Rect = { x: 260, y: 300, width: 200, height: 64 };
  const boxes = [left, middle, right, below];

  it('goes around boxes, with right angles only, from border to border', () => {
    const routes = routeEdges(boxes, [
      { id: 'a', source: left, target: right, signature: 'traffic' },
      { id: 'b', source: left, target: below, signature: 'backup' },
    ]);
    for (const [id, target] of [
      ['a', right],
      ['b', below],
    ] as const) {
      const points = routes.get(id) ?? [];
      expect(points.length, id).toBeGreaterThanOrEqual(2);
      expect(onBorder(points[0] as Point, left), id).toBe(true);
      expect(onBorder(points[points.length - 1] as Point, target), id).toBe(true);
      for (let i = 1; i < points.length; i++) {
        const a = points[i - 1] as Point;
        const b = points[i] as Point;
        expect(a.x === b.x || a.y === b.y, `${id} segment ${i} is not orthogonal`).toBe(true);
        for (const box of boxes) expect(crosses(a, b, box), `${id} segment ${i} crosses a box`).toBe(false);
      }
      for (const p of points.slice(1, -1))
        for (const box of boxes) expect(insideStrictly(p, box)).toBe(false);
    }
  });

  it('takes the straight line when nothing is in the way', () => {
    const routes = routeEdges([left, middle], [{ id: 'a', source: left, target: middle, signature: 's' }]);
    expect(routes.get('a')).toEqual([
      { x: 200, y: 132 },
      { x: 260, y: 132 },
    ]);
  });

  it('keeps different kinds of connection off each other’s lines', () => {
    const routes = routeEdges(
      [left, middle],
      [
        { id: 'a', source: left, target: middle, signature: 'replication' },
        { id: 'b', source: left, target: middle, signature: 'backup' },
      ],
    );
    const a = routes.get('a') ?? [];
    const b = routes.get('b') ?? [];
    expect(a[0]).not.toEqual(b[0]);
  });

  it('is deterministic', () => {
    const req = [
      { id: 'a', source: left, target: right, signature: 'x' },
      { id: 'b', source: right, target: below, signature: 'y' },
    ];
    expect(routeEdges(boxes, req)).toEqual(routeEdges(boxes, req));
  });
});
