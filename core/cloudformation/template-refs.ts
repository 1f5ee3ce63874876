import { Intrinsic, QuotedText, type CfnValue } from './intrinsics';
import type { CfnResource } from './template';

/**
 * What a template value points at: Ref, GetAtt and `${…}` inside Sub, and condition names. Shared by
 * the stack split (which rewrites references across stacks) and the validator (which finds dangling ones).
 */

export interface ValueRef {
  kind: 'ref' | 'getatt' | 'sub';
  /** Logical id, parameter or pseudo parameter. */
  target: string;
  /** GetAtt attribute, or the part after the dot in `${Res.Attr}`. */
  attribute?: string;
}

/** `${Name}` and `${Name.Attr}` in a Sub string; `${!Literal}` is not a reference. */
export function subReferences(template: string): { target: string; attribute?: string }[] {
  const out: { target: string; attribute?: string }[] = [];
  for (const m of template.matchAll(/\$\{([^}]*)\}/g)) {
    const body = (m[1] ?? '').trim();
    if (body.startsWith('!') || body === '') continue;
    const dot = body.indexOf('.');
    out.push(dot < 0 ? { target: body } : { target: body.slice(0, dot), attribute: body.slice(dot + 1) });
  }
  return out;
}

/** The Sub template string and its variables map, whichever form the Sub takes. */
export function subParts(args: CfnValue): { template: string | null; variables: Record<string, CfnValue> } {
  if (typeof args === 'string') return { template: args, variables: {} };
  if (args instanceof QuotedText) return { template: args.value, variables: {} };
  if (Array.isArray(args)) {
    const [first, vars] = args as readonly CfnValue[];
    const template = typeof first === 'string' ? first : first instanceof QuotedText ? first.value : null;
    const variables =
      vars !== undefined && vars !== null && typeof vars === 'object' && !Array.isArray(vars)
        ? (vars as Record<string, CfnValue>)
        : {};
    return { template, variables };
  }
  return { template: null, variables: {} };
}

/** GetAtt arguments as [resource, attribute], from either the list or the dotted-string form. */
export function getAttParts(args: CfnValue): [string, string] | null {
  if (typeof args === 'string') {
    const dot = args.indexOf('.');
    return dot < 0 ? null : [args.slice(0, dot), args.slice(dot + 1)];
  }
  if (Array.isArray(args)) {
    const [resource, attribute] = args as readonly CfnValue[];
    if (typeof resource === 'string' && typeof attribute === 'string') return [resource, attribute];
  }
  return null;
}

/** Every Ref / GetAtt / Sub reference in a value, in document order. */
export function collectValueRefs(value: unknown, out: ValueRef[] = []): ValueRef[] {
  if (value instanceof Intrinsic) {
    if (value.fn === 'Ref' && typeof value.args === 'string') out.push({ kind: 'ref', target: value.args });
    else if (value.fn === 'GetAtt') {
      const parts = getAttParts(value.args);
      if (parts) out.push({ kind: 'getatt', target: parts[0], attribute: parts[1] });
      else collectValueRefs(value.args, out);
    } else if (value.fn === 'Sub') {
      const { template, variables } = subParts(value.args);
      if (template !== null)
        for (const r of subReferences(template))
          if (!(r.target in variables)) out.push({ kind: 'sub', ...r });
      for (const v of Object.values(variables)) collectValueRefs(v, out);
    } else collectValueRefs(value.args, out);
    return out;
  }
  if (value instanceof QuotedText || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) {
    for (const v of value) collectValueRefs(v, out);
    return out;
  }
  for (const v of Object.values(value as Record<string, unknown>)) collectValueRefs(v, out);
  return out;
}

/** Condition names a value uses: `!If [Cond, …]` and `!Condition Cond`. */
export function collectConditionRefs(value: unknown, out: string[] = []): string[] {
  if (value instanceof Intrinsic) {
    if (value.fn === 'Condition' && typeof value.args === 'string') out.push(value.args);
    if (value.fn === 'If' && Array.isArray(value.args)) {
      const [name] = value.args as readonly CfnValue[];
      if (typeof name === 'string') out.push(name);
    }
    collectConditionRefs(value.args, out);
    return out;
  }
  if (value instanceof QuotedText || value === null || typeof value !== 'object') return out;
  for (const v of Array.isArray(value) ? value : Object.values(value as Record<string, unknown>))
    collectConditionRefs(v, out);
  return out;
}

export function dependsOnList(resource: CfnResource): string[] {
  const d = resource.DependsOn;
  return d === undefined ? [] : typeof d === 'string' ? [d] : [...d];
}

export const isPseudoParameter = (name: string): boolean => name.startsWith('AWS::');
