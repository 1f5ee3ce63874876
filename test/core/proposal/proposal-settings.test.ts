import { describe, expect, it } from 'vitest';
import { setProposalTemplateDir } from '../../../core/proposal/proposal-settings';
import { planExample } from '../../helpers/example';

describe('the proposal template folder setting', () => {
  it('is saved trimmed, cleared when blank, and leaves the project as it was when unchanged', async () => {
    const { project } = await planExample();
    const set = setProposalTemplateDir(project, '  /home/me/brand  ');
    expect(set.ok && set.value.proposal).toEqual({ templateDir: '/home/me/brand' });
    if (!set.ok) return;
    const again = setProposalTemplateDir(set.value, '/home/me/brand');
    expect(again.ok && again.value).toBe(set.value);
    const cleared = setProposalTemplateDir(set.value, '   ');
    expect(cleared.ok && cleared.value.proposal).toEqual({});
  });

  it('refuses a path with control characters, naming the field', async () => {
    const { project } = await planExample();
    const r = setProposalTemplateDir(project, '/tmp/brand\nrm -rf');
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({
      code: 'proposal.bad-template-dir',
      path: { field: 'proposal.templateDir' },
    });
  });
});
