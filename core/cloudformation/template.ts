import type { CfnObject, CfnValue, Intrinsic, QuotedText } from './intrinsics';

/** The parts of a CloudFormation template this exporter writes; field names are CloudFormation's own. */

export type CfnDeletionPolicy = 'Retain' | 'Delete' | 'Snapshot';

export interface CfnResource {
  Type: string;
  Properties?: CfnObject;
  DependsOn?: string | string[];
  DeletionPolicy?: CfnDeletionPolicy;
  UpdateReplacePolicy?: CfnDeletionPolicy;
  Condition?: string;
  Metadata?: CfnObject;
}

export interface CfnParameter {
  Type: string;
  Description?: string;
  Default?: string;
  AllowedPattern?: string;
  AllowedValues?: string[];
  ConstraintDescription?: string;
  MinLength?: number;
  MaxLength?: number;
  NoEcho?: boolean;
}

export interface CfnOutput {
  /** Exports of a conditional resource exist only when it does. */
  Condition?: string;
  Description?: string;
  Value: CfnValue;
  Export?: { Name: CfnValue };
}

export interface CfnTemplate {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: QuotedText;
  Metadata: CfnObject;
  Parameters: Record<string, CfnParameter>;
  /** Present only when some resource is conditional. */
  Conditions?: Record<string, CfnValue>;
  Resources: Record<string, CfnResource>;
  Outputs: Record<string, CfnOutput>;
}

/** Tags as CloudFormation takes them on most resource types (a type alias, so it fits `CfnValue`). */
export type CfnTag = {
  Key: string;
  Value: string | QuotedText | Intrinsic;
};
