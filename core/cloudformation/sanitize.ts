/**
 * Making user text (project, customer and server names, descriptions) safe for CloudFormation whatever
 * was typed. YAML quoting is the renderer's job (`QuotedText`); these functions keep values inside the
 * limits AWS puts on each field: allowed characters, length, one line.
 */

const ELLIPSIS = '...';

/** Lone UTF-16 surrogates (possible in JS strings, invalid in UTF-8) become U+FFFD. */
function toWellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * One clean line: line breaks, tabs and control characters become single spaces; bidirectional
 * overrides (which can make reviewed text read differently from what runs) and Unicode noncharacters
 * are dropped. Letters and emoji of any script are kept.
 */
export function cleanText(text: string): string {
  return toWellFormed(text)
    .normalize('NFC')
    .replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFDD0-\uFDEF\uFFFE\uFFFF]/g, '')
    .replace(/[\s\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .trim();
}

/**
 * Outside `!Sub`, CloudFormation keeps `${AWS::Region}` literally, but cfn-lint (E1029) and people
 * read it as a forgotten substitution. In literal values `${` becomes `$ {`; inside `!Sub` use
 * `escapeSub`, which keeps the text exact.
 */
export function defuseSubSyntax(text: string): string {
  return text.replace(/\$\{/g, '$ {');
}

/** `cleanText` for a literal property value (tags, descriptions): one line, no `${`. */
export function literalText(text: string): string {
  return defuseSubSyntax(cleanText(text));
}

/** Cuts at a code point (never inside a surrogate pair) and marks the cut. */
export function truncateCodePoints(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  return (
    points
      .slice(0, Math.max(0, max - ELLIPSIS.length))
      .join('')
      .trimEnd() + ELLIPSIS
  );
}

function utf8Bytes(codePoint: string): number {
  const cp = codePoint.codePointAt(0) ?? 0;
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) n += utf8Bytes(ch);
  return n;
}

/** Cuts so the UTF-8 encoding fits `maxBytes` (the template Description limit is in bytes). */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text;
  let out = '';
  let used = 0;
  const budget = maxBytes - ELLIPSIS.length;
  for (const ch of text) {
    const size = utf8Bytes(ch);
    if (used + size > budget) break;
    out += ch;
    used += size;
  }
  return out.trimEnd() + ELLIPSIS;
}

/** AWS tag values: 256 Unicode characters. */
export const TAG_VALUE_MAX = 256;

/**
 * A tag value accepted by every AWS service: letters, numbers, spaces and `_ . : / = + - @` (the
 * pattern IAM and Elastic Load Balancing enforce). Anything else becomes a space.
 */
export function strictTagValue(textIn: string, fallback: string): string {
  const cleaned = cleanText(textIn)
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return truncateCodePoints(cleaned || fallback, TAG_VALUE_MAX);
}

/** An EC2 tag value: EC2 accepts any character, so the name is kept as typed (one line, 256 characters). */
export function ec2TagValue(textIn: string, fallback: string): string {
  return truncateCodePoints(literalText(textIn) || fallback, TAG_VALUE_MAX);
}

/**
 * Security group and rule descriptions: EC2 allows only `a-zA-Z0-9`, spaces and `._-:/()#,@[]+=&;{}!$*`,
 * up to 255 characters. Accents are dropped (é → e); other characters become spaces.
 */
export function ec2Description(textIn: string, fallback: string, max = 255): string {
  const cleaned = literalText(textIn)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-zA-Z0-9. _\-:/()#,@[\]+=&;{}!$*]/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return truncateCodePoints(cleaned || fallback, max);
}

/** Text placed inside `!Sub`: `${` would start a substitution, `${!` writes a literal `${`. */
export function escapeSub(text: string): string {
  return text.replace(/\$\{/g, '${!');
}

/** The template Description: at most 1,024 bytes. */
export const TEMPLATE_DESCRIPTION_MAX_BYTES = 1024;
