import { nodesOfKind } from '../../model/topology';
import { type BuildContext, nodeLogicalId, securityGroupLogicalId, strictTags } from '../context';
import { getAtt, ref, type CfnObject } from '../intrinsics';
import type { CfnResource } from '../template';

/**
 * Application Load Balancers: HTTPS listeners with TLS 1.3/1.2 and the certificate from the
 * CertificateArn parameter, HTTP listeners that only redirect to HTTPS, an HTTPS target group with
 * the topology's targets, and invalid HTTP headers dropped.
 */

/** ELB's recommended policy: TLS 1.3 with TLS 1.2 fallback, the console default for new listeners. */
export const TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

export interface LoadBalancerInputs {
  vpc: string;
  certificateArn: string | null;
  igwAttachment: string | null;
  /** Instances the template creates; other target ids are left out. */
  placedInstanceIds: ReadonlySet<string>;
}

export interface LoadBalancerResources {
  resources: Record<string, CfnResource>;
  /** Logical id of the first load balancer, for the stack outputs. */
  first: string | null;
  /** Logical id of the first load balancer's target group, for its alarms. */
  firstTargetGroup: string | null;
}

export function buildLoadBalancers(ctx: BuildContext, inputs: LoadBalancerInputs): LoadBalancerResources {
  const resources: Record<string, CfnResource> = {};
  let first: string | null = null;
  let firstTargetGroup: string | null = null;
  for (const node of nodesOfKind(ctx.topology, 'load-balancer')) {
    const id = nodeLogicalId(ctx, node.id) as string;
    first ??= id;
    const subnets = node.subnetIds
      .map((s) => nodeLogicalId(ctx, s))
      .filter((s): s is string => s !== undefined);
    const groups = node.securityGroupIds
      .map((g) => securityGroupLogicalId(ctx, g))
      .filter((g): g is string => g !== undefined);
    const targets = node.targetIds
      .filter((t) => inputs.placedInstanceIds.has(t))
      .map((t) => ({ Id: ref(nodeLogicalId(ctx, t) as string), Port: node.targetPort }));
    const internetFacing = node.scheme === 'internet-facing';
    resources[id] = {
      Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      // An internet-facing load balancer cannot be created before the VPC has its internet gateway.
      ...(internetFacing && inputs.igwAttachment ? { DependsOn: inputs.igwAttachment } : {}),
      Properties: {
        Type: 'application',
        Scheme: node.scheme,
        IpAddressType: 'ipv4',
        Subnets: subnets.map((s) => ref(s)),
        SecurityGroups: groups.map((g) => getAtt(g, 'GroupId')),
        LoadBalancerAttributes: [{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }],
        Tags: strictTags(ctx, node.name, node.id),
      },
    };
    const targetGroup = ctx.ids.claim(`${id}TargetGroup`);
    firstTargetGroup ??= targetGroup;
    resources[targetGroup] = {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      Properties: {
        VpcId: ref(inputs.vpc),
        TargetType: 'instance',
        Protocol: 'HTTPS',
        ProtocolVersion: 'HTTP1',
        Port: node.targetPort,
        HealthCheckEnabled: true,
        HealthCheckProtocol: 'HTTPS',
        HealthCheckPath: '/',
        HealthCheckIntervalSeconds: 30,
        HealthCheckTimeoutSeconds: 10,
        HealthyThresholdCount: 3,
        UnhealthyThresholdCount: 3,
        Matcher: { HttpCode: '200-399' },
        Targets: targets,
        Tags: strictTags(ctx, `${node.name} targets`, `${node.id} targets`),
      },
    };
    const httpsPort = node.listeners.find((l) => l.protocol === 'HTTPS')?.port ?? 443;
    for (const listener of node.listeners) {
      const https = listener.protocol === 'HTTPS';
      if (https && !inputs.certificateArn) continue;
      const listenerId = ctx.ids.claim(`${id}Listener${https ? 'Https' : 'Http'}${listener.port}`);
      // HTTP only ever redirects, whatever the model says: plain HTTP never reaches the targets.
      const action: CfnObject = https
        ? { Type: 'forward', TargetGroupArn: ref(targetGroup) }
        : {
            Type: 'redirect',
            RedirectConfig: {
              Protocol: 'HTTPS',
              Port: String(httpsPort),
              Host: '#{host}',
              Path: '/#{path}',
              Query: '#{query}',
              StatusCode: 'HTTP_301',
            },
          };
      resources[listenerId] = {
        Type: 'AWS::ElasticLoadBalancingV2::Listener',
        Properties: {
          LoadBalancerArn: ref(id),
          Port: listener.port,
          Protocol: listener.protocol,
          ...(https
            ? {
                SslPolicy: TLS_POLICY,
                Certificates: [{ CertificateArn: ref(inputs.certificateArn as string) }],
              }
            : {}),
          DefaultActions: [action],
        },
      };
    }
  }
  return { resources, first, firstTargetGroup };
}
