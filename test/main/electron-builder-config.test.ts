import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..');
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
const schema = JSON.parse(
  readFileSync(join(ROOT, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'),
) as {
  properties: Record<string, unknown>;
  definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
};

describe('installer configuration', () => {
  it('uses only options electron-builder knows', () => {
    for (const key of Object.keys(config)) expect(Object.keys(schema.properties), key).toContain(key);
    for (const key of Object.keys(config.electronFuses as object))
      expect(Object.keys(schema.definitions.FuseOptionsV1.properties), key).toContain(key);
  });

  it('flips the fuses Electron’s security checklist asks for', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.asar).toBe(true);
  });

  it('builds Windows, macOS and Linux installers with the price data and templates as resources', () => {
    expect(config).toMatchObject({
      win: { target: 'nsis' },
      mac: { target: 'dmg' },
      linux: { target: 'AppImage' },
    });
    expect((config.extraResources as { from: string }[]).map((r) => r.from).sort()).toEqual([
      'pricing-data',
      'templates',
    ]);
  });
});
