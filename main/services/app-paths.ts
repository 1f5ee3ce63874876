import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds a folder the app ships beside its code (pricing-data, templates, dist/renderer): in a packaged
 * Electron app under process.resourcesPath; in a checkout, up from this bundle (dist/<shell>/) or from
 * the TypeScript source (main/services/) when run by tsx or vitest. ARCHPLAN_RESOURCES overrides.
 */
export function resolveResourceDir(name: string, moduleUrl: string = import.meta.url): string {
  const candidates: string[] = [];
  const override = process.env.ARCHPLAN_RESOURCES;
  if (override) candidates.push(join(override, name));
  const resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, name));
  let dir = dirname(fileURLToPath(moduleUrl));
  for (let i = 0; i < 4; i++) {
    candidates.push(join(dir, name));
    dir = resolve(dir, '..');
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found)
    throw new Error(
      `Cannot find the "${name}" folder (looked in ${candidates.join(', ')}). Reinstall Architecture Planner.`,
    );
  return found;
}
