import { readFileSync } from 'node:fs';
import { resolveResourceDir } from './app-paths';

/** The app's version from the package.json shipped beside the code ("0.0.0-unknown" if it cannot be read). */
export function readAppVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(resolveResourceDir('package.json'), 'utf8'));
    const version = (pkg as { version?: unknown }).version;
    return typeof version === 'string' ? version : '0.0.0-unknown';
  } catch {
    return '0.0.0-unknown';
  }
}
