import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { serializeSnapshot } from '../../../core/pricing/serialize-snapshot';
import type { PricingSnapshot } from '../../../core/pricing/snapshot';
import { writeFileAtomic } from '../atomic-write';

/**
 * Snapshots written by live refreshes: `<userData>/pricing/<region>-<fetchedAt>.json`, the time with
 * ":" replaced so the name is valid on Windows. The newest per region is the one the app and CLI use.
 */
const REFRESHED = /^([a-z]{2}(?:-[a-z]+)+-\d)-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:-\d{3})?Z)\.json$/;

export interface RefreshedSnapshotFile {
  region: string;
  /** ISO time of the fetch, from the file name. */
  fetchedAt: string;
  file: string;
}

export function refreshedFileName(region: string, fetchedAt: string): string {
  return `${region}-${fetchedAt.replace(/:/g, '-').replace(/\.(\d{3})Z$/, '-$1Z')}.json`;
}

function fetchedAtOf(stamp: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})(?:-(\d{3}))?Z$/.exec(stamp);
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}${m[5] ? `.${m[5]}` : ''}Z` : stamp;
}

/** The refreshed snapshots among a folder's file names, newest first. */
export function refreshedSnapshotsIn(dir: string, names: readonly string[]): RefreshedSnapshotFile[] {
  return names
    .flatMap((name) => {
      const m = REFRESHED.exec(name);
      return m?.[1] && m[2] ? [{ region: m[1], fetchedAt: fetchedAtOf(m[2]), file: join(dir, name) }] : [];
    })
    .sort((a, b) => b.fetchedAt.localeCompare(a.fetchedAt) || a.region.localeCompare(b.region));
}

/** Refreshed snapshots in a folder, newest first; empty when the folder does not exist. */
export async function listRefreshedSnapshots(dir: string): Promise<RefreshedSnapshotFile[]> {
  try {
    return refreshedSnapshotsIn(dir, await readdir(dir));
  } catch {
    return [];
  }
}

/** Writes a refreshed snapshot atomically (never half-written); returns its path. */
export async function writeRefreshedSnapshot(dir: string, snapshot: PricingSnapshot): Promise<string> {
  if (snapshot.origin.kind !== 'live')
    throw new Error('only live snapshots are written to the refresh folder');
  await mkdir(dir, { recursive: true });
  const file = join(dir, refreshedFileName(snapshot.region, snapshot.origin.fetchedAt));
  await writeFileAtomic(file, serializeSnapshot(snapshot));
  return file;
}
