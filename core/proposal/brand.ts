import { z } from 'zod';
import type { Issue, Result } from '../model/issue';

/**
 * Branding of the proposal from a template folder of the architect's own: brand.json (company name,
 * colours, wording) and a logo file. Pure: the shell reads the files and passes the text and bytes
 * in; everything here is checked so a mistake is an issue naming the file and the field, and nothing
 * the user supplies can run or fetch anything in the printed document.
 */

/** Sections whose introduction the wording may replace (keys of brand.json's wording.intros). */
export const INTRO_SECTIONS = [
  'summary',
  'estate',
  'sizing',
  'architecture',
  'sqlHa',
  'costs',
  'security',
  'assumptions',
  'nextSteps',
] as const;
export type IntroSection = (typeof INTRO_SECTIONS)[number];

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const colour = z.string().regex(HEX_COLOUR, 'expected a colour as #RGB or #RRGGBB, e.g. "#0b5cad"');
const text = (max: number) => z.string().trim().min(1).max(max);

export const LOGO_EXTENSIONS = ['png', 'jpg', 'jpeg', 'svg'] as const;

/** brand.json. Strict: a misspelt key is an error rather than a setting that silently does nothing. */
export const brandFileSchema = z
  .object({
    /** The preparer's organisation: on the cover beside the preparer, and in the DOCX properties. */
    companyName: text(200).optional(),
    /** Logo file in the same folder; default: the first of logo.svg, logo.png, logo.jpg, logo.jpeg. */
    logo: z
      .string()
      .regex(/^[\w][\w .-]*\.(png|jpe?g|svg)$/i, 'expected a file name in the folder, e.g. "logo.png"')
      .optional(),
    colors: z
      .object({
        /** Headings, rules, key figures, the first chart series. */
        primary: colour.optional(),
        /** Second chart series and the cover band's middle. */
        accent: colour.optional(),
        /** The proposed option in charts, the cover band's end. */
        highlight: colour.optional(),
        /** Body text. */
        text: colour.optional(),
      })
      .strict()
      .optional(),
    wording: z
      .object({
        coverEyebrow: text(80).optional(),
        coverSubtitle: text(200).optional(),
        /** Replaces a section's opening paragraph. */
        intros: z.partialRecord(z.enum(INTRO_SECTIONS), text(2000)).optional(),
        /** Steps of the architect's own, after the ones the design calls for (or instead: replaceNextSteps). */
        nextSteps: z
          .array(z.object({ title: text(120), detail: text(1000) }).strict())
          .max(20)
          .optional(),
        replaceNextSteps: z.boolean().optional(),
        /** A closing paragraph after the next steps: contact details, validity of the offer. */
        closing: text(2000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type BrandFile = z.infer<typeof brandFileSchema>;

export interface BrandColors {
  primary: string;
  accent: string;
  highlight: string;
  text: string;
}

export const DEFAULT_BRAND_COLORS: BrandColors = {
  primary: '#0B5CAD',
  accent: '#00A4A6',
  highlight: '#FF9900',
  text: '#16191F',
};

/** A logo checked by checkLogo, as the proposal embeds it. */
export interface BrandLogo {
  fileName: string;
  mediaType: 'image/png' | 'image/jpeg' | 'image/svg+xml';
  /** data: URL for the HTML (an <img>, so even an SVG can run nothing). Built by the shell. */
  dataUrl: string;
  /** Pixel size when the file states it (for the DOCX, which needs one); null when unknown. */
  width: number | null;
  height: number | null;
}

/** Everything the view model needs from a brand folder; DEFAULT_BRAND without one. */
export interface Brand {
  companyName: string;
  colors: BrandColors;
  wording: NonNullable<BrandFile['wording']>;
  logo: BrandLogo | null;
}

export const DEFAULT_BRAND: Brand = {
  companyName: '',
  colors: DEFAULT_BRAND_COLORS,
  wording: {},
  logo: null,
};

/** Largest logo file the proposal embeds: a logo, not a photograph. */
export const MAX_LOGO_BYTES = 1024 * 1024;

function issue(code: string, message: string, hint: string, file: string, field?: string): Issue {
  return { code, severity: 'error', message, hint, path: { file, ...(field ? { field } : {}) } };
}

/** "#abc" → "#AABBCC": one spelling, so CSS and DOCX (which wants six digits) agree. */
export function normaliseColour(value: string): string {
  const hex = value.slice(1);
  const six = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return `#${six.toUpperCase()}`;
}

/**
 * Parses brand.json. `fileLabel` is the path shown in messages. Errors name the field
 * ("colors.primary") and say what was expected.
 */
export function parseBrandFile(textContent: string, fileLabel: string): Result<BrandFile> {
  let json: unknown;
  try {
    json = JSON.parse(textContent.replace(/^\uFEFF/, ''));
  } catch (e) {
    return {
      ok: false,
      issues: [
        issue(
          'brand.invalid-json',
          `${fileLabel} is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`,
          'Check the commas and quotes (a JSON validator or the example in the README helps).',
          fileLabel,
        ),
      ],
    };
  }
  const parsed = brandFileSchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data, issues: [] };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => {
      const field = i.path.map(String).join('.');
      const unknown = i.code === 'unrecognized_keys' ? ` (${i.keys.join(', ')})` : '';
      return issue(
        'brand.invalid-field',
        `${fileLabel}${field ? `, ${field}` : ''}: ${i.message}${unknown}.`,
        'See "Branding the proposal" in the README for the fields brand.json may hold.',
        fileLabel,
        field || undefined,
      );
    }),
  };
}

/** The brand a parsed brand.json (or none) and a checked logo (or none) give. */
export function resolveBrand(file: BrandFile | null, logo: BrandLogo | null): Brand {
  const c = file?.colors ?? {};
  return {
    companyName: file?.companyName ?? '',
    colors: {
      primary: normaliseColour(c.primary ?? DEFAULT_BRAND_COLORS.primary),
      accent: normaliseColour(c.accent ?? DEFAULT_BRAND_COLORS.accent),
      highlight: normaliseColour(c.highlight ?? DEFAULT_BRAND_COLORS.highlight),
      text: normaliseColour(c.text ?? DEFAULT_BRAND_COLORS.text),
    },
    wording: file?.wording ?? {},
    logo,
  };
}

/**
 * CSS custom properties for the brand colours. Safe to insert unescaped into a <style> element:
 * every value passed the #RGB/#RRGGBB check.
 */
export function brandCssVariables(colors: BrandColors): string {
  const safe = (v: string) => (HEX_COLOUR.test(v) ? v : '#000000');
  return `:root { --brand-primary: ${safe(colors.primary)}; --brand-accent: ${safe(colors.accent)}; --brand-highlight: ${safe(colors.highlight)}; --brand-text: ${safe(colors.text)}; }`;
}

/** Bytes as Latin-1 text: enough to scan an SVG's markup, which is ASCII where it matters. */
function latin1(bytes: Uint8Array, max = bytes.length): string {
  let out = '';
  const end = Math.min(bytes.length, max);
  for (let i = 0; i < end; i += 8192)
    out += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 8192)));
  return out;
}

function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 24) return null;
  const u32 = (i: number) =>
    (((b[i] as number) << 24) |
      ((b[i + 1] as number) << 16) |
      ((b[i + 2] as number) << 8) |
      (b[i + 3] as number)) >>>
    0;
  return { width: u32(16), height: u32(20) };
}

function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] as number;
    const len = ((b[i + 2] as number) << 8) | (b[i + 3] as number);
    // Start-of-frame markers (baseline, progressive…), not DHT (C4), JPG (C8) or DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return {
        height: ((b[i + 5] as number) << 8) | (b[i + 6] as number),
        width: ((b[i + 7] as number) << 8) | (b[i + 8] as number),
      };
    i += 2 + len;
  }
  return null;
}

function svgSize(svg: string): { width: number; height: number } | null {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? '';
  const attr = (name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*["']\\s*([\\d.]+)(px)?\\s*["']`, 'i').exec(root)?.[1];
  const w = attr('width');
  const h = attr('height');
  if (w && h) return { width: Math.round(Number(w)), height: Math.round(Number(h)) };
  const vb = /\sviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["']/i.exec(root);
  if (vb) return { width: Math.round(Number(vb[1])), height: Math.round(Number(vb[2])) };
  return null;
}

/** What an SVG logo may not contain: anything that runs, fetches, or expands. */
const SVG_FORBIDDEN: readonly [RegExp, string][] = [
  [/<script\b/i, 'a <script> element'],
  [/<foreignObject\b/i, 'a <foreignObject> element'],
  [/<!ENTITY\b/i, 'an entity declaration'],
  [/\son[a-z]+\s*=/i, 'an event handler attribute (onload=…)'],
  [/javascript:/i, 'a javascript: link'],
  [/(?:href|src)\s*=\s*["']\s*(?!#|data:image\/(?:png|jpeg);)/i, 'a link to another file or site'],
  [/url\(\s*["']?\s*(?!#)/i, 'a url() to another file or site'],
  [/@import\b/i, 'a CSS @import'],
];

/**
 * Checks a logo file: PNG, JPEG or SVG by its content (not just its name), at most MAX_LOGO_BYTES,
 * and an SVG with nothing that could run or fetch (it is refused rather than rewritten, so what
 * prints is what the architect drew). Returns the media type and size; the shell builds the data URL.
 */
export function checkLogo(
  fileLabel: string,
  bytes: Uint8Array,
): Result<Omit<BrandLogo, 'dataUrl' | 'fileName'>> {
  const fail = (code: string, message: string, hint: string): Result<never> => ({
    ok: false,
    issues: [issue(code, message, hint, fileLabel)],
  });
  if (bytes.length === 0)
    return fail('brand.logo-empty', `${fileLabel} is empty.`, 'Save the logo again as PNG, JPEG or SVG.');
  if (bytes.length > MAX_LOGO_BYTES)
    return fail(
      'brand.logo-too-large',
      `${fileLabel} is ${Math.ceil(bytes.length / 1024)} KB; a logo may be at most ${MAX_LOGO_BYTES / 1024} KB.`,
      'Export the logo smaller (a PNG about 600 pixels wide is plenty for print), or as SVG.',
    );
  const isPng = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (isPng) {
    const size = pngSize(bytes);
    return {
      ok: true,
      value: { mediaType: 'image/png', width: size?.width ?? null, height: size?.height ?? null },
      issues: [],
    };
  }
  if (isJpeg) {
    const size = jpegSize(bytes);
    return {
      ok: true,
      value: { mediaType: 'image/jpeg', width: size?.width ?? null, height: size?.height ?? null },
      issues: [],
    };
  }
  const markup = latin1(bytes);
  if (
    !/^\s*(?:\uFEFF|\xEF\xBB\xBF)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE[^>[]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg\b/i.test(
      markup,
    )
  )
    return fail(
      'brand.logo-unsupported',
      `${fileLabel} is not a PNG, JPEG or SVG image.`,
      'Save the logo as PNG, JPEG or SVG (logo.png, logo.jpg or logo.svg).',
    );
  for (const [pattern, what] of SVG_FORBIDDEN) {
    if (pattern.test(markup))
      return fail(
        'brand.logo-unsafe-svg',
        `${fileLabel} contains ${what}; a logo SVG may only draw.`,
        'Export the logo again as plain SVG (shapes and text only, fonts converted to outlines), or as PNG.',
      );
  }
  const size = svgSize(markup);
  return {
    ok: true,
    value: { mediaType: 'image/svg+xml', width: size?.width ?? null, height: size?.height ?? null },
    issues: [],
  };
}
