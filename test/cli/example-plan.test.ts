import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateJson } from '../../main/services/plan-export';
import { ROOT, planExample } from '../helpers/example';

/** examples/rpa-estate-plan is what `archplan plan` writes for the bundled example; it must stay true. */
describe('the committed example plan', () => {
  it('has the estimate the current code and snapshot produce (regenerate it with the command in the README)', async () => {
    const committed = JSON.parse(
      readFileSync(join(ROOT, 'examples', 'rpa-estate-plan', 'estimate.json'), 'utf8'),
    );
    const { analysis } = await planExample();
    const fresh = JSON.parse(estimateJson(analysis.estimate));
    expect(committed.totals).toEqual(fresh.totals);
    expect(committed.lines).toEqual(fresh.lines);
  });
});
