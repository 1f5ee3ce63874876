import type { Issue } from '../model/issue';
import { at } from './finish-inventory';
import { readNumber, roundGib, toGib } from './numbers';
import type { CellValue } from './table';
import { cellText } from './table';

/** How a numeric column is read and checked; every failure becomes an issue naming row and column. */
export interface NumberSpec {
  min: number;
  max: number;
  integer?: boolean;
  /** Empty is allowed (null), not an error. */
  optional?: boolean;
  /** The column holds a percentage; a trailing "%" is accepted. */
  percent?: boolean;
  /** The column holds a size in this unit (e.g. "GiB", "MiB"); a unit written in the cell wins. Returns GiB. */
  sizeUnit?: string;
  example: string;
}

export interface FieldContext {
  label: string;
  line: number;
  decimalComma: boolean;
  issues: Issue[];
}

/** Reads a number cell; pushes an error and returns null when it is missing, not a number or out of range. */
export function readNumberField(
  ctx: FieldContext,
  column: string,
  value: CellValue | undefined,
  spec: NumberSpec,
): number | null {
  const shown = cellText(value).slice(0, 40);
  const reading = readNumber(value, ctx.decimalComma);
  if (!reading.ok) {
    if (reading.reason === 'empty') {
      if (spec.optional) return null;
      ctx.issues.push({
        code: 'inventory.missing-value',
        severity: 'error',
        message: `"${column}" is empty.`,
        hint: `Enter a number, e.g. ${spec.example}.`,
        path: at(ctx.label, ctx.line, column),
      });
      return null;
    }
    ctx.issues.push({
      code: 'inventory.not-a-number',
      severity: 'error',
      message: `"${column}" is "${shown}", which is not a number.`,
      hint: `Enter a number, e.g. ${spec.example}.`,
      path: at(ctx.label, ctx.line, column),
    });
    return null;
  }
  let value_ = reading.value;
  if (spec.sizeUnit !== undefined) {
    const gib = toGib(reading, spec.sizeUnit);
    if (gib === null) {
      ctx.issues.push({
        code: 'inventory.bad-unit',
        severity: 'error',
        message: `"${column}" is "${shown}"; "${reading.unit}" is not a size unit.`,
        hint: `Enter a size in ${spec.sizeUnit} (or with a unit: MiB, GiB, TiB), e.g. ${spec.example}.`,
        path: at(ctx.label, ctx.line, column),
      });
      return null;
    }
    value_ = roundGib(gib);
  } else if (reading.unit !== null && !(spec.percent && reading.unit === '%')) {
    ctx.issues.push({
      code: 'inventory.bad-unit',
      severity: 'error',
      message: `"${column}" is "${shown}"; this column takes a plain number${spec.percent ? ' or a percentage' : ''}.`,
      hint: `Enter a number, e.g. ${spec.example}.`,
      path: at(ctx.label, ctx.line, column),
    });
    return null;
  }
  if ((spec.integer && !Number.isInteger(value_)) || value_ < spec.min || value_ > spec.max) {
    ctx.issues.push({
      code: value_ < 0 ? 'inventory.negative-value' : 'inventory.out-of-range',
      severity: 'error',
      message: `"${column}" is ${shown}; expected ${spec.integer ? 'a whole number' : 'a number'} from ${spec.min} to ${spec.max}${spec.sizeUnit ? ' GiB' : ''}.`,
      hint: `Enter a value such as ${spec.example}.`,
      path: at(ctx.label, ctx.line, column),
    });
    return null;
  }
  return value_;
}

/** Splits a list cell: "App A, App B" or "App A; App B"; quotes and blanks removed. */
export function splitList(text: string): string[] {
  return text
    .split(/[;,\n|]/)
    .map((s) => s.trim().replace(/^"|"$/g, ''))
    .filter((s) => s !== '');
}
