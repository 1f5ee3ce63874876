import { nodesOfKind } from '../../model/topology';
import { CONFIG_MANAGED_RULES } from '../../topology/account-services';
import { GROUP, NODE } from '../../topology/design-ids';
import { failed, passed, type SecurityRule } from '../rule';
import { ofType, propsOf } from '../template-query';

export const log03Config: SecurityRule = {
  id: 'LOG-03',
  title: 'AWS Config records every resource and evaluates the recommended rules',
  category: 'detection',
  severity: 'high',
  mode: 'automatic',
  why: 'The case study enables AWS Config with the recommended rules, so drift from this design (an opened port, an unencrypted volume) is recorded and flagged after go-live, not found at the next audit.',
  source: 'case study',
  // Security Hub Config.1 confirmed with search; CIS 3.3 (v3.0.0) from the catalog research. checkov's
  // Config checks are Terraform-only.
  controls: { fsbp: ['Config.1'], cis: ['3.3'] },
  fix: 'Record all supported resource types (global ones included) and deploy the recommended managed rules.',
  verify:
    'aws configservice describe-configuration-recorder-status shows recording: true; the Config console lists the rules with compliance results.',
  check(topology) {
    const recorders = nodesOfKind(topology, 'config-recorder');
    if (recorders.length === 0) return failed([], 'The design has no AWS Config recorder.');
    const good = recorders.find(
      (r) => r.allSupported && r.includeGlobalResources && r.managedRules.length > 0,
    );
    return good
      ? passed(
          `${good.name} records every resource type and evaluates ${good.managedRules.length} managed rules.`,
        )
      : failed(
          recorders.map((r) => r.id),
          'AWS Config does not record every resource type or has no managed rules.',
        );
  },
  checkTemplate(resources) {
    const recorders = ofType(resources, 'AWS::Config::ConfigurationRecorder');
    const recordsAll = recorders.some(([, r]) => {
      const group = propsOf(r).RecordingGroup as Record<string, unknown> | undefined;
      return group?.AllSupported === true && group.IncludeGlobalResourceTypes === true;
    });
    const delivers = ofType(resources, 'AWS::Config::DeliveryChannel').length > 0;
    const rules = ofType(resources, 'AWS::Config::ConfigRule').length > 0;
    return recordsAll && delivers && rules
      ? passed('The recorder covers every resource type, delivers, and the template deploys managed rules.')
      : failed(
          recorders.map(([id]) => id),
          'AWS Config is missing, records only some resource types, has no delivery channel or no rules.',
        );
  },
  fixTopology(topology) {
    const recorders = nodesOfKind(topology, 'config-recorder');
    if (recorders.length > 0) {
      return {
        ...topology,
        nodes: topology.nodes.map((n) =>
          n.kind === 'config-recorder'
            ? {
                ...n,
                allSupported: true,
                includeGlobalResources: true,
                managedRules: n.managedRules.length > 0 ? n.managedRules : [...CONFIG_MANAGED_RULES],
              }
            : n,
        ),
      };
    }
    return {
      ...topology,
      nodes: [
        ...topology.nodes,
        {
          id: NODE.config,
          name: 'AWS Config',
          parentId: topology.nodes.some((n) => n.id === GROUP.security) ? GROUP.security : null,
          kind: 'config-recorder',
          allSupported: true,
          includeGlobalResources: true,
          managedRules: [...CONFIG_MANAGED_RULES],
        },
      ],
    };
  },
};
