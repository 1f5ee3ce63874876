/**
 * Orthogonal edge routing for the printed diagram: each edge leaves its source and enters its target
 * at right angles and goes around the resource boxes, not through them (a line drawn under a box
 * reads as if it ended there). A* over a sparse grid built from the boxes' edges, with a penalty per
 * bend and for running along a line that means something else. Pure and deterministic.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface RouteRequest {
  id: string;
  source: Rect;
  target: Rect;
  /** Edges with the same signature may share a line (a bundle); others are kept apart when possible. */
  signature: string;
}

/** Space kept between a line and any box. */
const MARGIN = 10;
/** A bend costs as much as this many pixels of line: few bends read better than the shortest path. */
const BEND_COST = 40;
/** Running on a line that belongs to a different kind of edge. */
const SHARE_COST_PER_PX = 4;
const SHARE_COST_FIXED = 80;
/** Anchors along a side, as fractions; the middle one is preferred. */
const ANCHOR_FRACTIONS: readonly { f: number; cost: number }[] = [
  { f: 0.5, cost: 0 },
  { f: 0.3, cost: 12 },
  { f: 0.7, cost: 12 },
];
/** Above this grid size the diagram is drawn with simple elbows instead (keeps printing fast). */
const MAX_GRID_POINTS = 400_000;

type Dir = 0 | 1 | 2 | 3; // right, down, left, up
const DX = [1, 0, -1, 0] as const;
const DY = [0, 1, 0, -1] as const;

interface Anchor {
  /** On the box's border. */
  border: Point;
  /** MARGIN outside the border, on the routing grid. */
  stub: Point;
  /** Direction pointing away from the box. */
  out: Dir;
  cost: number;
}

function anchorsOf(r: Rect): Anchor[] {
  const out: Anchor[] = [];
  for (const { f, cost } of ANCHOR_FRACTIONS) {
    const ax = r.x + r.width * f;
    const ay = r.y + r.height * f;
    out.push({
      border: { x: r.x + r.width, y: ay },
      stub: { x: r.x + r.width + MARGIN, y: ay },
      out: 0,
      cost,
    });
    out.push({
      border: { x: ax, y: r.y + r.height },
      stub: { x: ax, y: r.y + r.height + MARGIN },
      out: 1,
      cost,
    });
    out.push({ border: { x: r.x, y: ay }, stub: { x: r.x - MARGIN, y: ay }, out: 2, cost });
    out.push({ border: { x: ax, y: r.y }, stub: { x: ax, y: r.y - MARGIN }, out: 3, cost });
  }
  return out;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function uniqueSorted(values: number[]): number[] {
  const sorted = [...new Set(values.map(round1))].sort((a, b) => a - b);
  // Midpoints let lines run down the middle of the channel between two boxes.
  const withMid: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i] as number;
    withMid.push(v);
    const next = sorted[i + 1];
    if (next !== undefined && next - v > 2) withMid.push(round1((v + next) / 2));
  }
  return withMid;
}

/** Minimal binary heap on numeric priorities. */
class MinHeap {
  private keys: number[] = [];
  private values: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  peekKey(): number {
    return this.keys[0] ?? Infinity;
  }
  push(key: number, value: number): void {
    const keys = this.keys;
    const values = this.values;
    let i = keys.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((keys[parent] as number) <= key) break;
      keys[i] = keys[parent] as number;
      values[i] = values[parent] as number;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }
  pop(): number {
    const keys = this.keys;
    const values = this.values;
    const top = values[0] as number;
    const lastKey = keys.pop() as number;
    const lastValue = values.pop() as number;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        let mk = lastKey;
        if (l < n && (keys[l] as number) < mk) {
          m = l;
          mk = keys[l] as number;
        }
        if (r < n && (keys[r] as number) < mk) m = r;
        if (m === i) break;
        keys[i] = keys[m] as number;
        values[i] = values[m] as number;
        i = m;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }
}

/** Drops points that lie on a straight line between their neighbours. */
export function simplifyPolyline(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const prev = out[out.length - 2];
    if (prev && last && ((prev.x === last.x && last.x === p.x) || (prev.y === last.y && last.y === p.y)))
      out[out.length - 1] = p;
    else out.push(p);
  }
  return out;
}

/** Fallback when the grid is too large or no route exists: leave the facing sides, one elbow. */
export function elbowRoute(source: Rect, target: Rect): Point[] {
  const sc = { x: source.x + source.width / 2, y: source.y + source.height / 2 };
  const tc = { x: target.x + target.width / 2, y: target.y + target.height / 2 };
  const gapX = Math.max(target.x - (source.x + source.width), source.x - (target.x + target.width));
  const gapY = Math.max(target.y - (source.y + source.height), source.y - (target.y + target.height));
  if (gapY >= gapX) {
    const down = tc.y > sc.y;
    const sy = down ? source.y + source.height : source.y;
    const ty = down ? target.y : target.y + target.height;
    const my = round1((sy + ty) / 2);
    return simplifyPolyline([
      { x: sc.x, y: sy },
      { x: sc.x, y: my },
      { x: tc.x, y: my },
      { x: tc.x, y: ty },
    ]);
  }
  const right = tc.x > sc.x;
  const sx = right ? source.x + source.width : source.x;
  const tx = right ? target.x : target.x + target.width;
  const mx = round1((sx + tx) / 2);
  return simplifyPolyline([
    { x: sx, y: sc.y },
    { x: mx, y: sc.y },
    { x: mx, y: tc.y },
    { x: tx, y: tc.y },
  ]);
}

/**
 * Routes every request around `obstacles` (resource boxes and group titles). Requests are routed in
 * the order given; later ones avoid the lines of earlier ones with a different signature.
 * Returns polylines from the source's border to the target's border.
 */
export function routeEdges(
  obstacles: readonly Rect[],
  requests: readonly RouteRequest[],
): Map<string, Point[]> {
  const result = new Map<string, Point[]>();
  if (requests.length === 0) return result;
  const inflated = obstacles.map((o) => ({
    x0: o.x - MARGIN,
    y0: o.y - MARGIN,
    x1: o.x + o.width + MARGIN,
    y1: o.y + o.height + MARGIN,
  }));

  const xsRaw: number[] = [];
  const ysRaw: number[] = [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of inflated) {
    xsRaw.push(b.x0, b.x1);
    ysRaw.push(b.y0, b.y1);
    minX = Math.min(minX, b.x0);
    minY = Math.min(minY, b.y0);
    maxX = Math.max(maxX, b.x1);
    maxY = Math.max(maxY, b.y1);
  }
  const anchorSets = new Map<string, { source: Anchor[]; target: Anchor[] }>();
  for (const req of requests) {
    const source = anchorsOf(req.source);
    const target = anchorsOf(req.target);
    for (const a of [...source, ...target]) {
      xsRaw.push(a.stub.x);
      ysRaw.push(a.stub.y);
      minX = Math.min(minX, a.stub.x);
      minY = Math.min(minY, a.stub.y);
      maxX = Math.max(maxX, a.stub.x);
      maxY = Math.max(maxY, a.stub.y);
    }
    anchorSets.set(req.id, { source, target });
  }
  // A ring around everything so a line can go around the whole diagram if it must.
  xsRaw.push(minX - 2 * MARGIN, maxX + 2 * MARGIN);
  ysRaw.push(minY - 2 * MARGIN, maxY + 2 * MARGIN);
  const xs = uniqueSorted(xsRaw);
  const ys = uniqueSorted(ysRaw);
  const W = xs.length;
  const H = ys.length;
  if (W * H > MAX_GRID_POINTS) {
    for (const req of requests) result.set(req.id, elbowRoute(req.source, req.target));
    return result;
  }
  const xIndex = new Map(xs.map((v, i) => [v, i]));
  const yIndex = new Map(ys.map((v, i) => [v, i]));

  // Blocked grid points (strictly inside a box) and blocked unit segments (crossing a box's inside).
  const pointBlocked = new Uint8Array(W * H);
  const hBlocked = new Uint8Array(W * H); // segment (i,j)→(i+1,j)
  const vBlocked = new Uint8Array(W * H); // segment (i,j)→(i,j+1)
  const firstAbove = (arr: readonly number[], v: number): number => {
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((arr[mid] as number) <= v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const firstAtOrAbove = (arr: readonly number[], v: number): number => {
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((arr[mid] as number) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (const b of inflated) {
    const x0 = round1(b.x0);
    const x1 = round1(b.x1);
    const y0 = round1(b.y0);
    const y1 = round1(b.y1);
    const iIn0 = firstAbove(xs, x0);
    const iIn1 = firstAtOrAbove(xs, x1); // exclusive
    const jIn0 = firstAbove(ys, y0);
    const jIn1 = firstAtOrAbove(ys, y1);
    const iB0 = firstAtOrAbove(xs, x0);
    const iB1 = firstAbove(xs, x1); // exclusive: indices with x <= x1
    const jB0 = firstAtOrAbove(ys, y0);
    const jB1 = firstAbove(ys, y1);
    for (let j = jIn0; j < jIn1; j++) {
      for (let i = iIn0; i < iIn1; i++) pointBlocked[j * W + i] = 1;
      // Horizontal segments at a y strictly inside, between x0 and x1.
      for (let i = iB0; i < iB1 - 1; i++) hBlocked[j * W + i] = 1;
    }
    for (let i = iIn0; i < iIn1; i++) {
      for (let j = jB0; j < jB1 - 1; j++) vBlocked[j * W + i] = 1;
    }
  }

  // Lines already drawn: unit segment key → signatures using it; the same for anchor points.
  const usedH = new Map<number, Set<string>>();
  const usedV = new Map<number, Set<string>>();
  const usedAnchors = new Map<string, Set<string>>();
  const anchorKey = (a: Anchor): string => `${round1(a.border.x)},${round1(a.border.y)}`;
  const anchorPenalty = (a: Anchor, signature: string): number => {
    const users = usedAnchors.get(anchorKey(a));
    return users && (users.size > 1 || !users.has(signature)) ? 2 * SHARE_COST_FIXED : 0;
  };
  const useAnchor = (a: Anchor, signature: string): void => {
    const set = usedAnchors.get(anchorKey(a)) ?? new Set<string>();
    set.add(signature);
    usedAnchors.set(anchorKey(a), set);
  };

  for (const req of requests) {
    const anchors = anchorSets.get(req.id);
    if (!anchors) continue;
    const path = routeOne(req, anchors.source, anchors.target);
    if (path) {
      result.set(req.id, path.points);
      useAnchor(path.start, req.signature);
      useAnchor(path.end, req.signature);
      for (const seg of path.segments) {
        const map = seg.horizontal ? usedH : usedV;
        const set = map.get(seg.key) ?? new Set<string>();
        set.add(req.signature);
        map.set(seg.key, set);
      }
    } else {
      result.set(req.id, elbowRoute(req.source, req.target));
    }
  }
  return result;

  function routeOne(
    req: RouteRequest,
    sources: readonly Anchor[],
    targets: readonly Anchor[],
  ): {
    points: Point[];
    segments: { key: number; horizontal: boolean }[];
    start: Anchor;
    end: Anchor;
  } | null {
    const N = W * H * 4;
    const g = new Float64Array(N).fill(Infinity);
    const prev = new Int32Array(N).fill(-1);
    const heap = new MinHeap();
    const targetAt = new Map<number, Anchor[]>();
    const targetPts: { i: number; j: number }[] = [];
    for (const a of targets) {
      const i = xIndex.get(round1(a.stub.x));
      const j = yIndex.get(round1(a.stub.y));
      if (i === undefined || j === undefined || pointBlocked[j * W + i]) continue;
      const list = targetAt.get(j * W + i) ?? [];
      list.push(a);
      targetAt.set(j * W + i, list);
      targetPts.push({ i, j });
    }
    if (targetPts.length === 0) return null;
    const h = (i: number, j: number): number => {
      let best = Infinity;
      for (const t of targetPts)
        best = Math.min(
          best,
          Math.abs((xs[i] as number) - (xs[t.i] as number)) +
            Math.abs((ys[j] as number) - (ys[t.j] as number)),
        );
      return best;
    };
    const startAnchor = new Map<number, Anchor>();
    for (const a of sources) {
      const i = xIndex.get(round1(a.stub.x));
      const j = yIndex.get(round1(a.stub.y));
      if (i === undefined || j === undefined || pointBlocked[j * W + i]) continue;
      const s = (j * W + i) * 4 + a.out;
      const cost = a.cost + MARGIN + anchorPenalty(a, req.signature);
      if (cost < (g[s] as number)) {
        g[s] = cost;
        startAnchor.set(s, a);
        heap.push(cost + h(i, j), s);
      }
    }
    let bestCost = Infinity;
    let bestState = -1;
    let bestTarget: Anchor | null = null;
    while (heap.size > 0) {
      if (heap.peekKey() >= bestCost) break;
      const s = heap.pop();
      const gs = g[s] as number;
      const d = (s & 3) as Dir;
      const cell = s >> 2;
      const i = cell % W;
      const j = (cell - i) / W;
      const here = targetAt.get(cell);
      if (here) {
        for (const a of here) {
          const inward = ((a.out + 2) % 4) as Dir;
          const total =
            gs + (d === inward ? 0 : BEND_COST) + a.cost + MARGIN + anchorPenalty(a, req.signature);
          if (total < bestCost) {
            bestCost = total;
            bestState = s;
            bestTarget = a;
          }
        }
      }
      for (let nd = 0 as Dir; nd < 4; nd = (nd + 1) as Dir) {
        if (nd === (d + 2) % 4) continue;
        const ni = i + DX[nd];
        const nj = j + DY[nd];
        if (ni < 0 || nj < 0 || ni >= W || nj >= H) continue;
        const ncell = nj * W + ni;
        if (pointBlocked[ncell]) continue;
        let segKey: number;
        let horizontal: boolean;
        if (nd === 0) {
          segKey = cell;
          horizontal = true;
        } else if (nd === 2) {
          segKey = ncell;
          horizontal = true;
        } else if (nd === 1) {
          segKey = cell;
          horizontal = false;
        } else {
          segKey = ncell;
          horizontal = false;
        }
        if ((horizontal ? hBlocked : vBlocked)[segKey]) continue;
        const len = horizontal
          ? Math.abs((xs[ni] as number) - (xs[i] as number))
          : Math.abs((ys[nj] as number) - (ys[j] as number));
        let cost = len + (nd === d ? 0 : BEND_COST);
        const users = (horizontal ? usedH : usedV).get(segKey);
        if (users && (users.size > 1 || !users.has(req.signature)))
          cost += SHARE_COST_FIXED + len * SHARE_COST_PER_PX;
        const ns = ncell * 4 + nd;
        const ng = gs + cost;
        if (ng < (g[ns] as number)) {
          g[ns] = ng;
          prev[ns] = s;
          heap.push(ng + h(ni, nj), ns);
        }
      }
    }
    if (bestState < 0 || !bestTarget) return null;
    const states: number[] = [];
    for (let s = bestState; s >= 0; s = prev[s] as number) states.push(s);
    states.reverse();
    const first = states[0] as number;
    const start = startAnchor.get(first);
    if (!start) return null;
    const gridPoints = states.map((s) => {
      const cell = s >> 2;
      const i = cell % W;
      return { x: xs[i] as number, y: ys[(cell - i) / W] as number };
    });
    const segments: { key: number; horizontal: boolean }[] = [];
    for (let k = 1; k < states.length; k++) {
      const a = (states[k - 1] as number) >> 2;
      const b = (states[k] as number) >> 2;
      const d = ((states[k] as number) & 3) as Dir;
      segments.push({ key: d === 0 || d === 1 ? a : b, horizontal: d === 0 || d === 2 });
    }
    return {
      points: simplifyPolyline([start.border, ...gridPoints, bestTarget.border]),
      segments,
      start,
      end: bestTarget,
    };
  }
}
