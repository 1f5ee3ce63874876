import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, readTokenFromFragment, takeHostToken } from '../../../renderer/host/host-token';

function fakeWindow(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored === null ? [] : [[TOKEN_STORAGE_KEY, stored]]);
  const replaced: string[] = [];
  return {
    env: {
      location: { hash, pathname: '/', search: '' },
      storage: {
        getItem: (k: string) => storage.get(k) ?? null,
        setItem: (k: string, v: string) => void storage.set(k, v),
      },
      replaceUrl: (url: string) => void replaced.push(url),
    },
    storage,
    replaced,
  };
}

describe('the browser-mode token', () => {
  it('is taken from the #token= fragment on first load, kept for the tab and removed from the address bar', () => {
    const w = fakeWindow('#token=3f9ac0de');
    expect(takeHostToken(w.env)).toBe('3f9ac0de');
    expect(w.storage.get(TOKEN_STORAGE_KEY)).toBe('3f9ac0de');
    expect(w.replaced).toEqual(['/']);
  });

  it('survives a reload of the same tab (fragment already removed)', () => {
    const w = fakeWindow('', 'abc123');
    expect(takeHostToken(w.env)).toBe('abc123');
    expect(w.replaced).toEqual([]);
  });

  it('is replaced by a newer link (a relaunched host has a new token)', () => {
    const w = fakeWindow('#token=new-token', 'old-token');
    expect(takeHostToken(w.env)).toBe('new-token');
    expect(w.storage.get(TOKEN_STORAGE_KEY)).toBe('new-token');
  });

  it('is absent when the page was opened without the link', () => {
    expect(takeHostToken(fakeWindow('').env)).toBeNull();
    expect(readTokenFromFragment('#token=')).toBeNull();
    expect(readTokenFromFragment('#view=canvas&token=xyz')).toBe('xyz');
  });
});
