import { nodesOfKind, type Topology } from '../../model/topology';
import { SECURITY_ALARMS } from '../../topology/account-services';
import { failed, passed, type RuleOutcome, type SecurityRule } from '../rule';
import { ofType, propsOf, asArray } from '../template-query';

function checkDesign(topology: Topology): RuleOutcome {
  const trails = nodesOfKind(topology, 'cloudtrail');
  const watch = nodesOfKind(topology, 'cloudwatch');
  const toLogs = trails.some((t) => t.cloudWatchLogs);
  const alarms = watch.reduce((acc, c) => acc + c.extraAlarms, 0);
  if (toLogs && alarms >= SECURITY_ALARMS.length)
    return passed(
      `CloudTrail feeds CloudWatch Logs and ${SECURITY_ALARMS.length} security alarms notify the operations team.`,
    );
  return failed(
    [...trails.map((t) => t.id), ...watch.map((c) => c.id)],
    !toLogs
      ? 'CloudTrail does not deliver to CloudWatch Logs, so no alarm can watch API activity.'
      : `Fewer than ${SECURITY_ALARMS.length} alarms watch API activity (root use, unauthorised calls, sign-in without MFA, security group, NACL and trail changes).`,
  );
}

export const log05SecurityAlarms: SecurityRule = {
  id: 'LOG-05',
  title: 'CloudWatch alarms watch sensitive API activity',
  category: 'detection',
  severity: 'medium',
  mode: 'automatic',
  why: 'The case study sets CloudWatch alarms; the whitepaper asks to detect and respond to security events. Alarms on root use, unauthorised calls, console sign-in without MFA and changes to security groups, NACLs and the trail turn the audit log into a warning.',
  source: 'case study, whitepaper',
  // Security Hub CloudWatch.1–14 map to CIS v1.2/v1.4 monitoring items, not to CIS v3.0.0; not confirmed
  // for this set, so none is mapped. No cfn-nag or checkov check covers metric filters.
  controls: {},
  fix: 'Deliver CloudTrail to CloudWatch Logs and add metric filters and alarms (to an SNS topic) for the six CIS monitoring events.',
  verify:
    'CloudWatch › Alarms lists the six security alarms in OK state with the operations SNS topic as action; the topic has a confirmed subscription.',
  check: checkDesign,
  checkTemplate(resources) {
    const filters = ofType(resources, 'AWS::Logs::MetricFilter');
    const notifying = ofType(resources, 'AWS::CloudWatch::Alarm').filter(([, a]) => {
      const p = propsOf(a);
      return p.Namespace !== 'AWS/EC2' && asArray(p.AlarmActions).length > 0;
    });
    const trailToLogs = ofType(resources, 'AWS::CloudTrail::Trail').some(
      ([, t]) => propsOf(t).CloudWatchLogsLogGroupArn !== undefined,
    );
    return trailToLogs &&
      filters.length >= SECURITY_ALARMS.length &&
      notifying.length >= SECURITY_ALARMS.length
      ? passed(`${filters.length} metric filters on the trail's log group, each with a notifying alarm.`)
      : failed(
          [...ofType(resources, 'AWS::CloudTrail::Trail').map(([id]) => id), ...filters.map(([id]) => id)],
          'The template lacks CloudTrail delivery to CloudWatch Logs or the security metric filters and alarms.',
        );
  },
  fixTopology(topology) {
    // Without a trail and a CloudWatch node there is nothing to wire alarms to: LOG-01 comes first.
    if (nodesOfKind(topology, 'cloudwatch').length === 0 || nodesOfKind(topology, 'cloudtrail').length === 0)
      return null;
    return {
      ...topology,
      nodes: topology.nodes.map((n) => {
        if (n.kind === 'cloudtrail') return { ...n, cloudWatchLogs: true };
        if (n.kind === 'cloudwatch')
          return { ...n, extraAlarms: Math.max(n.extraAlarms, SECURITY_ALARMS.length) };
        return n;
      }),
    };
  },
};
