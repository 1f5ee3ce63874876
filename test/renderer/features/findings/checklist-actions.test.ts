import { describe, expect, it } from 'vitest';
import type { RendererApi } from '../../../../renderer/host/renderer-api';
import { selectChecks } from '../../../../renderer/store/analysis';
import { type AppStore, createAppStore } from '../../../../renderer/store/app-store';
import { flagsByResource, groupChecklist } from '../../../../renderer/features/findings/findings-view';
import { plannedEstate } from '../../realistic-project';

/** The checklist commands never reach the host: any call would be a bug, so every method throws. */
const noHost = new Proxy(
  { mode: 'browser' },
  {
    get(target, key) {
      if (key in target) return target[key as keyof typeof target];
      return () => {
        throw new Error(`unexpected host call ${String(key)}`);
      };
    },
  },
) as unknown as RendererApi; // only `mode` is read by the slices under test

async function storeWith(options: Parameters<typeof plannedEstate>[0]): Promise<AppStore> {
  const store = createAppStore({
    api: noHost,
    now: () => '2026-11-23T10:00:00.000Z',
    confirmDiscard: () => true,
    askFileName: () => null,
  });
  const project = await plannedEstate(options);
  // A load (new loadSerial) starts a fresh history, as opening a file does.
  store.setState((s) => ({ project, loadSerial: s.loadSerial + 1, dirty: false }));
  return store;
}

const statusOf = (store: AppStore, id: string) => selectChecks(store.getState()).find((c) => c.ruleId === id);

describe('security checklist commands', () => {
  it('applies a one-click fix as an undoable step', async () => {
    const store = await storeWith({ natGateways: 'single' });
    expect(statusOf(store, 'NET-03')).toMatchObject({ status: 'fail', fixable: true });
    expect(store.getState().applyFix('NET-03')).toBe(true);
    expect(statusOf(store, 'NET-03')?.status).toBe('pass');
    expect(store.getState().history.past.at(-1)?.label).toBe('Fix NET-03');
    store.getState().undo();
    expect(statusOf(store, 'NET-03')?.status).toBe('fail');
    expect(store.getState().applyFix('NET-05')).toBe(false);
    expect(store.getState().status?.issues[0]?.code).toBe('check.not-failing');
  });

  it('accepts a risk only with a justification, an owner and a future review date', async () => {
    const store = await storeWith({ natGateways: 'single' });
    const bad = store
      .getState()
      .suppressCheck({ ruleId: 'NET-03', justification: 'cost', owner: '', reviewBy: '2026-01-01' });
    expect(bad.map((i) => i.path?.field)).toEqual(['justification', 'owner']);
    expect(
      store.getState().suppressCheck({
        ruleId: 'NET-03',
        justification: 'Pilot phase: one NAT gateway until go-live.',
        owner: 'A. Architect',
        reviewBy: '2026-01-01',
      })[0]?.code,
    ).toBe('suppression.past-review');
    expect(
      store.getState().suppressCheck({
        ruleId: 'NET-03',
        justification: 'Pilot phase: one NAT gateway until go-live.',
        owner: 'A. Architect',
        reviewBy: '2027-02-28',
      }),
    ).toEqual([]);
    expect(statusOf(store, 'NET-03')).toMatchObject({
      status: 'suppressed',
      suppression: { owner: 'A. Architect' },
    });
    const resilience = groupChecklist(selectChecks(store.getState())).find(
      (g) => g.category === 'resilience',
    );
    expect(resilience?.counts.suppressed).toBe(1);
    store.getState().unsuppressCheck('NET-03');
    expect(statusOf(store, 'NET-03')?.status).toBe('fail');
  });

  it('signs off an attestation and withdraws it again', async () => {
    const store = await storeWith({});
    expect(statusOf(store, 'IAM-03')?.status).toBe('manual');
    expect(
      store.getState().attestCheck({ ruleId: 'NET-05', signedBy: 'X', date: '2026-11-23' })[0]?.code,
    ).toBe('attestation.automatic');
    expect(
      store.getState().attestCheck({
        ruleId: 'IAM-03',
        signedBy: 'R. Customer (CISO)',
        date: '2026-11-23',
        note: 'Identity Center MFA policy reviewed',
      }),
    ).toEqual([]);
    expect(statusOf(store, 'IAM-03')).toMatchObject({
      status: 'pass',
      attestation: { signedBy: 'R. Customer (CISO)' },
      detail: expect.stringContaining('Signed off by R. Customer (CISO) on 2026-11-23'),
    });
    store.getState().withdrawAttestation('IAM-03');
    expect(statusOf(store, 'IAM-03')?.status).toBe('manual');
  });

  it('badges the servers behind a security group that opens RDP to the internet', async () => {
    const store = await storeWith({});
    const { project } = store.getState();
    store.setState({
      project: {
        ...project,
        topology: {
          ...project.topology,
          securityGroups: project.topology.securityGroups.map((g) =>
            g.id === 'sg-bot'
              ? {
                  ...g,
                  ingress: [
                    ...g.ingress,
                    {
                      protocol: 'tcp' as const,
                      fromPort: 3389,
                      toPort: 3389,
                      source: { kind: 'cidr' as const, cidr: '0.0.0.0/0' },
                      description: 'vendor RDP',
                    },
                  ],
                }
              : g,
          ),
        },
      },
    });
    const flags = flagsByResource(selectChecks(store.getState()));
    expect(flags.get('ec2-iqbot-prd-01')).toMatchObject({ tone: 'danger', severity: 'critical' });
    expect(flags.get('ec2-iqbot-prd-01')?.ruleIds).toContain('NET-05');
    expect(flags.get('ec2-sqlprd01')?.ruleIds ?? []).not.toContain('NET-05');
  });
});
