import { ancestorOfKind, indexNodes, nodesOfKind } from '../../model/topology';
import { supportsRecoverAction } from '../../cloudformation/resources/ec2-instance';
import { mapNodes } from '../design-query';
import { failed, listNames, passed, verb, type SecurityRule } from '../rule';

export const cmp06AutoRecovery: SecurityRule = {
  id: 'CMP-06',
  title: 'Instances recover automatically from hardware failure',
  category: 'resilience',
  severity: 'medium',
  mode: 'automatic',
  why: 'The customer asked for no single point of failure. A CloudWatch alarm on the system status check moves an instance to healthy hardware with its IP, volumes and metadata, in minutes and without an operator.',
  source: 'case study',
  // Security Hub AutoScaling.1 covers Auto Scaling groups, which the design does not use: not mapped.
  controls: {},
  fix: 'Add a StatusCheckFailed_System alarm with the EC2 recover action to every instance whose type supports it (types with instance-store disks cannot).',
  verify:
    'CloudWatch › Alarms lists a “RecoveryAlarm” per instance, in OK state, with the action “Recover this instance”.',
  check(topology) {
    const byId = indexNodes(topology);
    const bad = nodesOfKind(topology, 'ec2-instance').filter(
      (n) =>
        ancestorOfKind(byId, n, 'subnet') !== undefined &&
        supportsRecoverAction(n.instanceType) &&
        !n.autoRecovery,
    );
    return bad.length === 0
      ? passed('Every instance that can recover automatically has a recovery alarm.')
      : failed(
          bad.map((n) => n.id),
          `${listNames(bad.map((n) => n.name))} ${verb(bad.length, 'has', 'have')} no recovery alarm.`,
        );
  },
  // No template check: the instance type is a deployment parameter, so the resources alone cannot say
  // whether the recover action applies; and the exporter adds the alarm by type, ignoring `autoRecovery`
  // (reported to the CloudFormation export owner).
  fixTopology(topology) {
    return mapNodes(topology, (n) =>
      n.kind === 'ec2-instance' && !n.autoRecovery && supportsRecoverAction(n.instanceType)
        ? { ...n, autoRecovery: true }
        : n,
    );
  },
};
