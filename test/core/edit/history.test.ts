import { describe, expect, it } from 'vitest';
import { createHistory, recordChange, redo, undo } from '../../../core/edit/history';

describe('undo history', () => {
  it('undoes and redoes changes in order, and a new change drops the redo list', () => {
    let h = createHistory<string>();
    h = recordChange(h, 'a', 'first');
    h = recordChange(h, 'b', 'second');
    const u1 = undo(h, 'c');
    expect(u1).toMatchObject({ value: 'b', label: 'second' });
    const u2 = undo(u1?.history ?? h, 'b');
    expect(u2?.value).toBe('a');
    expect(undo(u2?.history ?? h, 'a')).toBeNull();
    const r1 = redo(u2?.history ?? h, 'a');
    expect(r1).toMatchObject({ value: 'b', label: 'first' });
    const fresh = recordChange(r1?.history ?? h, 'b', 'third');
    expect(redo(fresh, 'x')).toBeNull();
  });

  it('makes quick edits of one field one step, and keeps at most the limit', () => {
    let h = createHistory<number>(3);
    h = recordChange(h, 0, 'type', { coalesceKey: 'name', now: 0 });
    h = recordChange(h, 1, 'type', { coalesceKey: 'name', now: 500 });
    h = recordChange(h, 2, 'type', { coalesceKey: 'name', now: 900 });
    expect(h.past).toHaveLength(1);
    h = recordChange(h, 3, 'type', { coalesceKey: 'name', now: 5000 });
    expect(h.past).toHaveLength(2);
    for (let i = 4; i < 10; i++) h = recordChange(h, i, `n${i}`);
    expect(h.past.map((e) => e.value)).toEqual([7, 8, 9]);
  });
});
