import { nodesOfKind, type Topology } from '../../model/topology';
import { GROUP, NODE } from '../../topology/design-ids';
import { failed, listNames, passed, type RuleOutcome, type SecurityRule } from '../rule';
import { asArray, ofType, propsOf, tagOf, textOf } from '../template-query';

/** Security updates approved after a week: time for the vendor to pull a bad patch, short enough to close holes. */
const APPROVE_AFTER_DAYS = 7;
const MAX_APPROVE_AFTER_DAYS = 30;

function checkDesign(topology: Topology): RuleOutcome {
  const instances = nodesOfKind(topology, 'ec2-instance');
  if (instances.length === 0) return passed('The design has no EC2 instances to patch.');
  const patch = nodesOfKind(topology, 'patch-manager')[0];
  if (!patch)
    return failed(
      instances.map((n) => n.id),
      'No Patch Manager baseline and maintenance window patch the servers.',
    );
  const unpatched = instances.filter((n) => !patch.targetRoles.includes(n.role));
  if (unpatched.length > 0)
    return failed(
      unpatched.map((n) => n.id),
      `${listNames(unpatched.map((n) => n.name))} ${unpatched.length === 1 ? 'is' : 'are'} outside the patch window.`,
    );
  if (patch.maintenanceWindow.trim() === '' || patch.approveAfterDays > MAX_APPROVE_AFTER_DAYS)
    return failed(
      [patch.id],
      `${patch.name} has no maintenance window or approves patches after more than ${MAX_APPROVE_AFTER_DAYS} days.`,
    );
  return passed(
    `Every server is patched in the window ${patch.maintenanceWindow}, patches approved after ${patch.approveAfterDays} days.`,
  );
}

export const cmp04PatchManager: SecurityRule = {
  id: 'CMP-04',
  title: 'Patch Manager patches every server in a maintenance window',
  category: 'operations',
  severity: 'high',
  mode: 'automatic',
  why: 'The case study uses SSM Patch Manager with a baseline and a maintenance window to keep Windows and SQL Server patched; unpatched servers are the most common way in after misconfiguration (whitepaper).',
  source: 'case study, whitepaper',
  // Security Hub SSM.2 is the runtime evidence (patch compliance of managed instances), from the catalog
  // research; no cfn-nag or checkov check covers Patch Manager.
  controls: { fsbp: ['SSM.2'] },
  fix: `Add a Windows patch baseline (security and critical updates approved after ${APPROVE_AFTER_DAYS} days) and a weekly maintenance window that targets every server role.`,
  verify:
    'Systems Manager › Patch Manager › Compliance reports every instance as Compliant after the first window.',
  check: checkDesign,
  checkTemplate(resources) {
    const instances = ofType(resources, 'AWS::EC2::Instance');
    if (instances.length === 0) return passed('The template has no EC2 instances to patch.');
    const baseline = ofType(resources, 'AWS::SSM::PatchBaseline').some(
      ([, b]) => propsOf(b).ApprovalRules !== undefined,
    );
    const task = ofType(resources, 'AWS::SSM::MaintenanceWindowTask').some(
      ([, t]) => propsOf(t).TaskArn === 'AWS-RunPatchBaseline',
    );
    const roles = new Set(
      ofType(resources, 'AWS::SSM::MaintenanceWindowTarget')
        .flatMap(([, t]) => asArray(propsOf(t).Targets))
        .filter((t) => (t as { Key?: unknown }).Key === 'tag:Role')
        .flatMap((t) => asArray((t as { Values?: unknown }).Values))
        .map(textOf)
        .filter((v): v is string => v !== null),
    );
    const outside = instances.filter(([, r]) => !roles.has(tagOf(r, 'Role') ?? ''));
    if (!baseline || !task)
      return failed(
        instances.map(([id]) => id),
        'The template has no patch baseline with approval rules or no AWS-RunPatchBaseline task.',
      );
    return outside.length === 0
      ? passed('A baseline, a maintenance window and an AWS-RunPatchBaseline task cover every instance role.')
      : failed(
          outside.map(([id]) => id),
          `${listNames(outside.map(([id, r]) => tagOf(r, 'Name') ?? id))} fall outside the patch targets.`,
        );
  },
  fixTopology(topology) {
    const roles = [...new Set(nodesOfKind(topology, 'ec2-instance').map((n) => n.role))];
    const patch = nodesOfKind(topology, 'patch-manager')[0];
    if (patch) {
      return {
        ...topology,
        nodes: topology.nodes.map((n) =>
          n.id === patch.id && n.kind === 'patch-manager'
            ? {
                ...n,
                targetRoles: [...new Set([...n.targetRoles, ...roles])],
                maintenanceWindow:
                  n.maintenanceWindow.trim() === '' ? 'cron(0 2 ? * SUN *)' : n.maintenanceWindow,
                approveAfterDays: Math.min(n.approveAfterDays, MAX_APPROVE_AFTER_DAYS),
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
          id: NODE.patchManager,
          name: 'Patch Manager',
          parentId: topology.nodes.some((n) => n.id === GROUP.operations) ? GROUP.operations : null,
          kind: 'patch-manager',
          operatingSystem: 'WINDOWS',
          approveAfterDays: APPROVE_AFTER_DAYS,
          maintenanceWindow: 'cron(0 2 ? * SUN *)',
          targetRoles: roles,
        },
      ],
    };
  },
};
