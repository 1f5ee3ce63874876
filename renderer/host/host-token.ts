/**
 * Browser mode: the host prints a link with a per-launch token in the fragment (`#token=…`). The
 * fragment never reaches the server logs; we move it to sessionStorage (survives reloads of this tab
 * only) and strip it from the address bar so it is not bookmarked or shared by accident.
 */

export const TOKEN_STORAGE_KEY = 'archplan.hostToken';

/** The parts of `window` the token handling touches, injected so it is testable without a DOM. */
export interface TokenEnvironment {
  location: { hash: string; pathname: string; search: string };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
  replaceUrl(url: string): void;
}

/** Reads `token` from a fragment such as "#token=abc" or "#x=1&token=abc"; null when absent or empty. */
export function readTokenFromFragment(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token !== null && token.trim() !== '' ? token.trim() : null;
}

/**
 * Takes the token from the fragment on first load (storing it and removing the fragment), or from
 * sessionStorage on later loads of the same tab. Null when neither has one.
 */
export function takeHostToken(env: TokenEnvironment): string | null {
  const fromUrl = readTokenFromFragment(env.location.hash);
  if (fromUrl !== null) {
    env.storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    env.replaceUrl(`${env.location.pathname}${env.location.search}`);
    return fromUrl;
  }
  return env.storage.getItem(TOKEN_STORAGE_KEY);
}
