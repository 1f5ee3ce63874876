import type { ChannelOutput } from '../../core/ipc/contract';
import type { HostContext, ParsedInput } from './host-context';
import { listSnapshotRegions } from './snapshot-loader';

export interface AppHandlers {
  'app.info': (input: ParsedInput<'app.info'>) => Promise<ChannelOutput<'app.info'>>;
}

export function createAppHandlers(ctx: HostContext): AppHandlers {
  return {
    async 'app.info'() {
      return {
        version: ctx.version,
        mode: ctx.mode,
        regions: await listSnapshotRegions(ctx.pricingDataDir),
        workspace: ctx.workspaceDir,
      };
    },
  };
}
