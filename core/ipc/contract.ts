import { z } from 'zod';
import { pricingSnapshotSchema } from '../pricing/snapshot';
import { projectSchema } from '../project/schema';

/**
 * The one contract between the renderer and its host, whichever shell that is: Electron IPC
 * (main/ipc/register-*.ts + main/preload.ts) or the browser-mode HTTP host (main/web-host.ts,
 * POST /api/<channel>). Both sides parse every payload with these schemas.
 */

export const issueSchema = z.object({
  code: z.string(),
  severity: z.enum(['error', 'warning', 'notice']),
  message: z.string(),
  hint: z.string(),
  path: z
    .object({
      file: z.string().optional(),
      row: z.number().optional(),
      column: z.string().optional(),
      field: z.string().optional(),
    })
    .optional(),
});

const errorResult = z.object({ status: z.literal('error'), issues: z.array(issueSchema).min(1) });
const cancelled = z.object({ status: z.literal('cancelled') });

/** A project file location: absolute on the desktop; a file name inside the workspace in browser mode. */
const filePath = z.string().min(1).max(1024);

export const recentFileSchema = z.object({ path: filePath, name: z.string(), modifiedAt: z.string() });

export const paperSizeSchema = z.enum(['A4', 'Letter']);

/** The proposal PDF of an export: written, or skipped with the reason (no browser to print with). */
export const exportedPdfSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('written'), file: z.string() }),
  z.object({ status: z.literal('skipped'), reason: z.string() }),
]);

export const channels = {
  'app.info': {
    input: z.object({}).strict(),
    output: z.object({
      version: z.string(),
      mode: z.enum(['desktop', 'browser']),
      regions: z.array(z.string()),
      /** Browser mode saves into this folder; null on the desktop, where the user picks any folder. */
      workspace: z.string().nullable(),
    }),
  },
  'pricing.snapshot': {
    input: z.object({ region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/) }).strict(),
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('ok'), snapshot: pricingSnapshotSchema }),
      errorResult,
    ]),
  },
  'project.open': {
    /** Without a path the desktop shows an Open dialog; browser mode requires one. */
    input: z.object({ path: filePath.optional() }).strict(),
    output: z.discriminatedUnion('status', [
      z.object({
        status: z.literal('opened'),
        path: filePath,
        project: projectSchema,
        issues: z.array(issueSchema),
      }),
      cancelled,
      errorResult,
    ]),
  },
  'project.save': {
    /** Without a path (or with saveAs) the desktop shows a Save dialog; browser mode names the file after the project. */
    input: z
      .object({ path: filePath.optional(), saveAs: z.boolean().optional(), project: projectSchema })
      .strict(),
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('saved'), path: filePath }),
      cancelled,
      errorResult,
    ]),
  },
  'project.recent': {
    input: z.object({}).strict(),
    output: z.object({ files: z.array(recentFileSchema).max(50) }),
  },
  'project.autosave': {
    /**
     * Writes the open project, saved or not, to the recovery file (atomically): the user data folder
     * on the desktop, the workspace in browser mode. `path` is the file the project belongs to, if any.
     */
    input: z.object({ project: projectSchema, path: filePath.nullable() }).strict(),
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('saved'), savedAt: z.string() }),
      errorResult,
    ]),
  },
  'project.recovery': {
    /** read: what the last session left unsaved (offered on launch); discard: removes the recovery file. */
    input: z.object({ action: z.enum(['read', 'discard']) }).strict(),
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('none') }),
      z.object({
        status: z.literal('found'),
        savedAt: z.string(),
        path: filePath.nullable(),
        project: projectSchema,
        issues: z.array(issueSchema),
      }),
      z.object({ status: z.literal('discarded') }),
      errorResult,
    ]),
  },
  'export.plan': {
    /** Every plan file of the project as it is now (saved or not): the desktop asks for a folder, browser mode writes <workspace>/<project>-export/. */
    input: z.object({ project: projectSchema, paper: paperSizeSchema }).strict(),
    output: z.discriminatedUnion('status', [
      z.object({
        status: z.literal('exported'),
        /** The folder written to, absolute. */
        dir: z.string(),
        /** Files written, relative to `dir`, "/"-separated. */
        files: z.array(z.string()),
        pdf: exportedPdfSchema,
        /** Warnings about the design the files carry (e.g. from the CloudFormation checks). */
        issues: z.array(issueSchema),
      }),
      cancelled,
      errorResult,
    ]),
  },
  'export.diagram': {
    /**
     * The architecture diagram as SVG text or a PNG (base64): the desktop asks where to save it;
     * browser mode writes it into the workspace (the app downloads it through the browser instead).
     */
    input: z
      .object({
        format: z.enum(['svg', 'png']),
        fileName: z
          .string()
          .min(5)
          .max(200)
          .regex(/^[\w .()-]+\.(svg|png)$/, 'expected a file name ending in .svg or .png'),
        content: z.string().min(1).max(15_000_000),
      })
      .strict(),
    output: z.discriminatedUnion('status', [
      z.object({ status: z.literal('exported'), path: z.string() }),
      cancelled,
      errorResult,
    ]),
  },
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Channels[C]['output']>;

export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

/** "project.open" → "projectOpen": the preload exposes one method of this name per channel. */
export function methodName(channel: Channel): string {
  return channel.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());
}

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(channels, name);
}

/** The renderer's view of its host: one typed method per channel. */
export type HostApi = {
  [C in Channel as C extends `${infer A}.${infer B}` ? `${A}${Capitalize<B>}` : never]: (
    input: ChannelInput<C>,
  ) => Promise<ChannelOutput<C>>;
};
