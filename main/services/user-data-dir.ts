import { homedir } from 'node:os';
import { join } from 'node:path';

/** Electron's app name for this package (package.json "name"), so the CLI and the app share a folder. */
const APP_NAME = 'architecture-planner';

/**
 * The user's data folder, where live price refreshes are kept: the same folder Electron's
 * app.getPath('userData') gives the desktop app, so a refresh from the CLI is seen by the app.
 * ARCHPLAN_DATA_DIR overrides it (tests, portable installs).
 */
export function resolveUserDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.ARCHPLAN_DATA_DIR) return env.ARCHPLAN_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}

/** Where refreshed price snapshots live inside the data folder. */
export function refreshedPricingDir(userDataDir: string): string {
  return join(userDataDir, 'pricing');
}
