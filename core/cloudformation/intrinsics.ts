/**
 * CloudFormation intrinsic functions as small typed values. A template is a plain object tree whose
 * leaves may be `Intrinsic` (rendered as a short-form tag such as `!Ref Vpc`) or `QuotedText`
 * (text that came from the user, always rendered as a double-quoted scalar). Both turn into the
 * JSON long form through `toJSON`, so `JSON.stringify(template)` is a valid JSON template too.
 */

export const INTRINSIC_NAMES = [
  'Ref',
  'GetAtt',
  'Sub',
  'Join',
  'Select',
  'GetAZs',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
  'FindInMap',
  'Base64',
  'Split',
  'ImportValue',
  'Cidr',
  'Condition',
] as const;
export type IntrinsicName = (typeof INTRINSIC_NAMES)[number];

/** The key CloudFormation uses for the function in the JSON (long) form. */
export function longFormKey(fn: IntrinsicName): string {
  return fn === 'Ref' || fn === 'Condition' ? fn : `Fn::${fn}`;
}

export class Intrinsic {
  constructor(
    readonly fn: IntrinsicName,
    readonly args: CfnValue,
  ) {}

  /** JSON long form: `{ "Ref": "Vpc" }`, `{ "Fn::GetAtt": ["Alb", "DNSName"] }`. */
  toJSON(): Record<string, unknown> {
    return { [longFormKey(this.fn)]: this.args };
  }
}

/** Text from user input (names, descriptions): rendered double-quoted whatever it contains. */
export class QuotedText {
  constructor(readonly value: string) {}

  toJSON(): string {
    return this.value;
  }

  toString(): string {
    return this.value;
  }
}

export type CfnScalar = string | number | boolean;
export type CfnValue = CfnScalar | Intrinsic | QuotedText | readonly CfnValue[] | CfnObject;
export interface CfnObject {
  readonly [key: string]: CfnValue | undefined;
}

export const text = (value: string): QuotedText => new QuotedText(value);
export const ref = (logicalId: string): Intrinsic => new Intrinsic('Ref', logicalId);
/** `!GetAtt Alb.DNSName`; nested attribute names keep their dots (`Endpoint.Address`). */
export const getAtt = (logicalId: string, attribute: string): Intrinsic =>
  new Intrinsic('GetAtt', [logicalId, attribute]);
export const sub = (template: string | QuotedText, variables?: CfnObject): Intrinsic =>
  new Intrinsic('Sub', variables === undefined ? template : [template, variables]);
export const join = (delimiter: string, values: CfnValue): Intrinsic =>
  new Intrinsic('Join', [delimiter, values]);
export const select = (index: number | Intrinsic, list: CfnValue): Intrinsic =>
  new Intrinsic('Select', [index, list]);
/** `!GetAZs ''` lists the AZs of the stack's own region. */
export const getAZs = (region: string | Intrinsic = ''): Intrinsic => new Intrinsic('GetAZs', region);
export const fnIf = (condition: string, whenTrue: CfnValue, whenFalse: CfnValue): Intrinsic =>
  new Intrinsic('If', [condition, whenTrue, whenFalse]);
export const equals = (a: CfnValue, b: CfnValue): Intrinsic => new Intrinsic('Equals', [a, b]);
export const not = (condition: CfnValue): Intrinsic => new Intrinsic('Not', [condition]);
export const and = (...conditions: CfnValue[]): Intrinsic => new Intrinsic('And', conditions);
export const or = (...conditions: CfnValue[]): Intrinsic => new Intrinsic('Or', conditions);
export const findInMap = (map: string, topKey: CfnValue, secondKey: CfnValue): Intrinsic =>
  new Intrinsic('FindInMap', [map, topKey, secondKey]);
export const base64 = (value: CfnValue): Intrinsic => new Intrinsic('Base64', value);
export const split = (delimiter: string, source: CfnValue): Intrinsic =>
  new Intrinsic('Split', [delimiter, source]);
export const importValue = (exportName: CfnValue): Intrinsic => new Intrinsic('ImportValue', exportName);
/** `!Cidr [block, count, bits]`: `count` blocks of 2^bits addresses carved from `block`. */
export const cidr = (block: CfnValue, count: number, cidrBits: number): Intrinsic =>
  new Intrinsic('Cidr', [block, count, cidrBits]);
export const condition = (name: string): Intrinsic => new Intrinsic('Condition', name);

/**
 * Pseudo parameters, for `ref(...)` and inside `!Sub`.
 */
export const AWS_ACCOUNT_ID = 'AWS::AccountId';
export const AWS_PARTITION = 'AWS::Partition';
export const AWS_REGION = 'AWS::Region';
export const AWS_STACK_NAME = 'AWS::StackName';
export const AWS_URL_SUFFIX = 'AWS::URLSuffix';
