import { Document, parseDocument, Scalar, YAMLSeq, type CollectionTag, type ScalarTag } from 'yaml';
import type { Issue, Result } from '../model/issue';
import {
  INTRINSIC_NAMES,
  Intrinsic,
  longFormKey,
  QuotedText,
  type CfnValue,
  type IntrinsicName,
} from './intrinsics';
import type { CfnTemplate } from './template';

/**
 * YAML for CloudFormation: intrinsics as short-form tags (`!Ref`, `!GetAtt`, `!Sub`…), user text
 * always double-quoted. CloudFormation and cfn-lint read YAML 1.1, where `yes`, `on`, `1:20` or
 * `2001-12-14` are not strings, so documents are written and read as YAML 1.1: the writer then quotes
 * any string a 1.1 reader would take for something else.
 */

type CreateNodeContext = Parameters<NonNullable<ScalarTag['createNode']>>[2];

/** Functions whose short form takes one scalar (`!Ref Vpc`); the others take a sequence. */
const SCALAR_FORM: ReadonlySet<IntrinsicName> = new Set([
  'Ref',
  'Condition',
  'GetAtt',
  'Sub',
  'GetAZs',
  'Base64',
  'ImportValue',
]);

function isScalarArg(value: unknown): value is string | QuotedText {
  return typeof value === 'string' || value instanceof QuotedText;
}

/** Does this intrinsic render as a tagged scalar (as opposed to a tagged flow sequence)? */
function rendersAsScalar(value: Intrinsic): boolean {
  if (value.fn === 'GetAtt') {
    const [resource, attribute] = value.args as readonly CfnValue[];
    return typeof resource === 'string' && typeof attribute === 'string';
  }
  return SCALAR_FORM.has(value.fn) && isScalarArg(value.args);
}

function scalarText(value: Intrinsic): Scalar {
  if (value.fn === 'GetAtt') {
    const [resource, attribute] = value.args as readonly string[];
    return new Scalar(`${resource}.${attribute}`);
  }
  const arg = value.args as string | QuotedText;
  if (arg instanceof QuotedText) {
    const node = new Scalar(arg.value);
    node.type = Scalar.QUOTE_DOUBLE;
    return node;
  }
  const node = new Scalar(arg);
  // `!GetAZs ''` rather than a bare tag: the empty string is the argument, and it should show.
  if (arg === '') node.type = Scalar.QUOTE_SINGLE;
  return node;
}

function argsList(value: Intrinsic): unknown[] {
  // `!Not`, `!And`… already hold lists; a lone non-list argument is wrapped, as CloudFormation reads it.
  return Array.isArray(value.args) ? [...(value.args as readonly CfnValue[])] : [value.args];
}

function parseGetAtt(text: string): string[] {
  const dot = text.indexOf('.');
  return dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)];
}

/** Scalar-form tag: writes and reads `!Ref Vpc`, `!GetAtt Alb.DNSName`, `!Sub '…'`. */
function scalarTag(fn: IntrinsicName): ScalarTag {
  return {
    tag: `!${fn}`,
    identify: (value: unknown) => value instanceof Intrinsic && value.fn === fn,
    createNode(schema, value, ctx: CreateNodeContext) {
      const intrinsic = value as Intrinsic;
      if (rendersAsScalar(intrinsic)) return scalarText(intrinsic);
      const seq = YAMLSeq.from(schema, argsList(intrinsic), ctx);
      seq.flow = true;
      return seq;
    },
    resolve: (text: string) => new Intrinsic(fn, fn === 'GetAtt' ? parseGetAtt(text) : text),
  };
}

/** Sequence-form tag, for reading `!Join ['', [...]]`; writing goes through the scalar tag's createNode. */
function seqTag(fn: IntrinsicName): CollectionTag {
  return {
    tag: `!${fn}`,
    collection: 'seq',
    resolve: (seq) => new Intrinsic(fn, (seq as YAMLSeq).toJSON() as CfnValue),
  };
}

/** Every CloudFormation short-form tag, for `parseDocument(text, { customTags: CFN_TAGS })`. */
export const CFN_TAGS: (ScalarTag | CollectionTag)[] = INTRINSIC_NAMES.flatMap((fn) => [
  scalarTag(fn),
  seqTag(fn),
]);

/** Writes `QuotedText` as a double-quoted plain string (no tag). Used only when rendering. */
const quotedTextTag: ScalarTag = {
  tag: 'tag:yaml.org,2002:str',
  default: true,
  identify: (value: unknown) => value instanceof QuotedText,
  createNode(_schema, value) {
    const node = new Scalar((value as QuotedText).value);
    node.type = Scalar.QUOTE_DOUBLE;
    return node;
  },
  resolve: (text: string) => text,
};

/**
 * A YAML node has one tag, so `!Base64 !Sub '…'` is not YAML: when a scalar-form function wraps another
 * function, the outer one is written in its long form (`Fn::Base64: !Sub '…'`), as CloudFormation's
 * documentation prescribes. Undefined object members are dropped.
 */
function toRenderable(value: unknown): unknown {
  if (value instanceof Intrinsic) {
    const args = toRenderable(value.args) as CfnValue;
    if (SCALAR_FORM.has(value.fn) && value.args instanceof Intrinsic)
      return { [longFormKey(value.fn)]: args };
    return new Intrinsic(value.fn, args);
  }
  if (value instanceof QuotedText) return value;
  if (Array.isArray(value)) return value.map(toRenderable);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value))
      if (member !== undefined) out[key] = toRenderable(member);
    return out;
  }
  return value;
}

/** Renders any CloudFormation value tree (a template or a fragment) as YAML 1.1 text. */
export function renderCfnYaml(value: unknown): string {
  const doc = new Document(toRenderable(value), {
    version: '1.1',
    customTags: [...CFN_TAGS, quotedTextTag],
    // Repeated values (the same `ref('Vpc')` object) must be written out, never as YAML anchors.
    aliasDuplicateObjects: false,
  });
  // No line folding: long quoted strings stay on one line, the way people and cfn-lint read them.
  return doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
}

export function renderTemplateYaml(template: CfnTemplate): string {
  return renderCfnYaml(template);
}

/**
 * Reads a CloudFormation YAML template with the same tags. Intrinsics come back in their JSON long form
 * (`{ "Fn::GetAtt": ["Alb", "DNSName"] }`), so the result equals `JSON.parse(JSON.stringify(template))`.
 */
export function parseTemplateYaml(text: string, fileName = 'template.yaml'): Result<unknown> {
  const doc = parseDocument(text, { version: '1.1', customTags: CFN_TAGS, uniqueKeys: true });
  const issues: Issue[] = [
    ...doc.errors.map((e) => ({ e, severity: 'error' as const })),
    ...doc.warnings.map((e) => ({ e, severity: 'warning' as const })),
  ].map(({ e, severity }) => ({
    code: `cloudformation.yaml-${e.code.toLowerCase().replace(/_/g, '-')}`,
    severity,
    message: e.message,
    hint: 'The template is not valid YAML for CloudFormation; export it again from the project.',
    path: { file: fileName, row: e.linePos?.[0].line },
  }));
  if (doc.errors.length > 0) return { ok: false, issues };
  // `json: true` turns each intrinsic into its long form through toJSON.
  return { ok: true, value: doc.toJS({ json: true }), issues };
}
