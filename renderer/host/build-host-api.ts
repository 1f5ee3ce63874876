import {
  type Channel,
  type ChannelInput,
  type ChannelOutput,
  CHANNEL_NAMES,
  type HostApi,
  methodName,
} from '../../core/ipc/contract';

/** Sends one request over a transport (Electron IPC or HTTP) and returns the parsed output. */
export type InvokeChannel = <C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
) => Promise<ChannelOutput<C>>;

/** One typed method per channel, named as the preload names them (`project.open` → `projectOpen`). */
export function buildHostApi(invoke: InvokeChannel): HostApi {
  const methods = Object.fromEntries(
    CHANNEL_NAMES.map((channel) => [
      methodName(channel),
      (input: ChannelInput<typeof channel>) => invoke(channel, input),
    ]),
  );
  // The mapped HostApi keys and methodName() spell the same names; TypeScript cannot follow a
  // runtime map over CHANNEL_NAMES, so the cast states what the contract guarantees.
  return methods as unknown as HostApi;
}
