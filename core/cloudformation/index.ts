/** Public surface of the CloudFormation export: what the shells and other core modules call. */
export { buildTemplate, buildTemplateParts, checkTemplateInputs } from './build-template';
export {
  buildDeliveryFiles,
  buildDeliveryStacks,
  buildParameterEntries,
  buildReadmeModel,
  renderDeliveryReadme,
  renderDeliveryTemplates,
  stackFileName,
  suggestStackName,
  suppressedFindings,
  STACK_RESOURCE_LIMIT,
  checkStackLimits,
  validateDeliveryStacks,
  type DeliveryAnalysis,
  type DeliveryCheck,
  type DeliveryFile,
  type DeliveryFileOptions,
  type DeliveryReadmeModel,
  type DeliveryStacks,
  type DeliveryValidation,
  type ParameterEntry,
} from './delivery-files';
export { QuotedText, Intrinsic, type CfnValue } from './intrinsics';
export { buildSpecIndex, parseSpecIndex, type SpecIndex } from './spec-index';
export {
  assignStacks,
  splitTemplate,
  STACK_NAMES,
  STACK_TITLES,
  type CfnStack,
  type StackName,
} from './split-stacks';
export { applySuppressionMetadata, type SuppressedFinding } from './suppression-metadata';
export type { CfnTemplate, CfnResource, CfnParameter, CfnOutput } from './template';
export { EXPORTED_RESOURCE_TYPES, validateTemplate } from './validate-template';
export { CFN_TAGS, parseTemplateYaml, renderCfnYaml, renderTemplateYaml } from './yaml';
