import { nodesOfKind } from '../../model/topology';
import { NODE } from '../../topology/design-ids';
import { type BuildContext, nodeLogicalId, strictTags } from '../context';
import { getAtt, text } from '../intrinsics';
import { literalText, truncateCodePoints } from '../sanitize';
import type { CfnResource } from '../template';

/** Characters left out of generated passwords: they break connection strings, JSON or PowerShell. */
export const PASSWORD_EXCLUDED = '"\'@/\\`$;';

/**
 * Secrets Manager secrets with generated passwords (never a literal in the template), encrypted with
 * the logs-and-secrets key. The RDS master password is not among them: RDS creates and rotates it
 * (ManageMasterUserPassword).
 */
export function buildSecrets(
  ctx: BuildContext,
  key: (kmsNodeId: string | null) => string | null,
): {
  resources: Record<string, CfnResource>;
  /** Logical id of a secret node's resource, when the template creates one. */
  secretFor(nodeId: string): string | null;
} {
  const resources: Record<string, CfnResource> = {};
  const made = new Map<string, string>();
  const rdsManaged = nodesOfKind(ctx.topology, 'rds-sql-server').length > 0;
  for (const node of nodesOfKind(ctx.topology, 'secrets-manager-secret')) {
    if (node.id === NODE.sqlSecret && rdsManaged) continue;
    const id = nodeLogicalId(ctx, node.id) as string;
    const username = node.id === NODE.directorySecret ? 'Admin' : 'rpa_app';
    const kms = key(node.kmsKeyId);
    resources[id] = {
      Type: 'AWS::SecretsManager::Secret',
      Properties: {
        Description: text(truncateCodePoints(literalText(node.purpose) || literalText(node.name), 2048)),
        ...(kms ? { KmsKeyId: getAtt(kms, 'Arn') } : {}),
        GenerateSecretString: {
          SecretStringTemplate: JSON.stringify({ username }),
          GenerateStringKey: 'password',
          PasswordLength: 32,
          ExcludeCharacters: PASSWORD_EXCLUDED,
        },
        Tags: strictTags(ctx, node.name, node.id),
      },
    };
    made.set(node.id, id);
  }
  return { resources, secretFor: (nodeId) => made.get(nodeId) ?? null };
}
