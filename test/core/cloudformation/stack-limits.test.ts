import { describe, expect, it } from 'vitest';
import { STACK_RESOURCE_LIMIT, buildDeliveryStacks, checkStackLimits } from '../../../core/cloudformation';
import { syntheticInventoryCsv } from '../../../scripts/synthetic-inventory';
import { planExample } from '../../helpers/example';

describe('CloudFormation stack resource quota', () => {
  it('has nothing to say about the example estate', async () => {
    const { project } = await planExample();
    expect(checkStackLimits(buildDeliveryStacks(project))).toEqual([]);
  });

  it('warns, naming the stack file and its count, when an estate outgrows one stack', async () => {
    const { project } = await planExample({}, syntheticInventoryCsv(600));
    const stacks = buildDeliveryStacks(project);
    const compute = stacks.stacks.find((s) => s.name === 'compute');
    const count = Object.keys(compute?.template.Resources ?? {}).length;
    expect(count).toBeGreaterThan(STACK_RESOURCE_LIMIT);
    const issues = checkStackLimits(stacks);
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: 'cfn.stack-too-many-resources',
        severity: 'warning',
        path: { file: '04-compute.yaml' },
        message: expect.stringContaining(`04-compute.yaml has ${count.toLocaleString('en-US')} resources`),
      }),
    );
  }, 120_000);
});
