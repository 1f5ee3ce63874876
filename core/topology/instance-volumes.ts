import type { Server } from '../model/inventory';
import type { Volume } from '../model/topology';

/** Windows Server 2022 needs room for updates and the page file; data lives on D:. */
export const ROOT_VOLUME_GIB = 100;
export const MIN_DATA_VOLUME_GIB = 20;

function roundUp(n: number, step: number): number {
  return Math.ceil(n / step) * step;
}

/** C: for Windows and D: for the server's data (its inventory storage, rounded up to 10 GiB), gp3, encrypted. */
export function volumesFor(server: Server): Volume[] {
  return [
    {
      name: 'C:',
      device: '/dev/sda1',
      sizeGib: ROOT_VOLUME_GIB,
      type: 'gp3',
      iops: 3000,
      throughputMiBps: 125,
      encrypted: true,
    },
    {
      name: 'D:',
      device: '/dev/xvdb',
      sizeGib: Math.max(MIN_DATA_VOLUME_GIB, roundUp(server.storageGib, 10)),
      type: 'gp3',
      iops: 3000,
      throughputMiBps: 125,
      encrypted: true,
    },
  ];
}
