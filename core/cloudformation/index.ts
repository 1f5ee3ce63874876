/** Public surface of the CloudFormation export: what the shells and other core modules call. */
export { buildTemplate, checkTemplateInputs } from './build-template';
export {
  buildDeliveryFiles,
  buildParameterEntries,
  suggestStackName,
  type DeliveryFile,
  type ParameterEntry,
} from './delivery-files';
export { QuotedText, Intrinsic, type CfnValue } from './intrinsics';
export type { CfnTemplate, CfnResource, CfnParameter, CfnOutput } from './template';
export { CFN_TAGS, parseTemplateYaml, renderCfnYaml, renderTemplateYaml } from './yaml';
