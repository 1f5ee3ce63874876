import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-write';

/** The desktop's recently used project files, newest first, kept in a small JSON file in the user data folder. */
export interface RecentFilesStore {
  list(): Promise<string[]>;
  /** Moves `path` to the front (adding it if new). */
  add(path: string): Promise<void>;
}

const storedSchema = z.object({
  version: z.literal(1),
  files: z.array(z.string().min(1).max(4096)).max(200),
});

/**
 * A recent-files store backed by `file`. A missing or damaged file reads as an empty list (it only
 * remembers convenience data, so it is rebuilt rather than blocking the app); writes are atomic and
 * serialised so two quick saves cannot interleave.
 */
export function createRecentFilesStore(file: string, max = 20): RecentFilesStore {
  let queue: Promise<unknown> = Promise.resolve();

  async function read(): Promise<string[]> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return [];
    }
    try {
      const parsed = storedSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data.files : [];
    } catch {
      return [];
    }
  }

  function serialise<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    list: () => serialise(read),
    add: (path) =>
      serialise(async () => {
        const files = [path, ...(await read()).filter((p) => p !== path)].slice(0, max);
        await mkdir(dirname(file), { recursive: true });
        await writeFileAtomic(file, `${JSON.stringify({ version: 1, files }, null, 2)}\n`);
      }),
  };
}
