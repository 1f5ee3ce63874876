import { slugify } from '../../core/model/ids';
import { monthlyByResource } from '../../core/pricing/estimate';
import { renderDiagramSvg } from '../../core/proposal/diagram-svg';
import { issuesFromFailure } from '../host/host-error';
import type { RendererApi } from '../host/renderer-api';
import { selectEstimate } from '../store/analysis';
import type { AppStore } from '../store/app-store';

export type DiagramFormat = 'svg' | 'png';

/** The PNG is drawn at twice the diagram's own size, so it stays sharp on slides. */
const PNG_SCALE = 2;

/** Draws SVG text onto a canvas and returns the PNG as base64 (no data: prefix). */
export async function rasterizeSvg(svg: string, scale = PNG_SCALE): Promise<string> {
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  const image = new Image();
  image.decoding = 'async';
  image.src = url;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale));
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw on a canvas.');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
}

function base64ToBytes(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Exports the design as the proposal draws it (core's SVG, with each resource's monthly cost), as SVG
 * or as a PNG rasterised here. The host writes it: where the architect chooses on the desktop, into
 * the workspace in browser mode (where the browser also downloads it). The outcome goes to the status bar.
 */
export async function exportDiagram(
  store: AppStore,
  api: RendererApi,
  format: DiagramFormat,
  download?: (fileName: string, content: Uint8Array | string, type: string) => void,
): Promise<boolean> {
  const state = store.getState();
  const { project } = state;
  if (project.topology.nodes.length === 0) {
    state.report('info', 'There is no diagram to export yet: import an inventory first.');
    return false;
  }
  const estimate = selectEstimate(state);
  const svg = renderDiagramSvg(
    project.topology,
    project.layout,
    estimate ? monthlyByResource(estimate) : undefined,
  );
  const fileName = `${slugify(project.project.name) || 'design'}-diagram.${format}`;
  state.setBusy(`Exporting the diagram as ${format.toUpperCase()}…`);
  try {
    const content = format === 'svg' ? svg : await rasterizeSvg(svg);
    const answer = await api.exportDiagram({ format, fileName, content });
    if (answer.status === 'cancelled') {
      store.getState().report('info', 'Diagram export cancelled; nothing was written.');
      return false;
    }
    if (answer.status === 'error') {
      store.getState().report('error', 'The diagram could not be exported.', answer.issues);
      return false;
    }
    if (api.mode === 'browser' && download)
      download(
        fileName,
        format === 'svg' ? svg : base64ToBytes(content),
        format === 'svg' ? 'image/svg+xml' : 'image/png',
      );
    store.getState().report('success', `Exported the diagram to ${answer.path}.`);
    return true;
  } catch (e) {
    store
      .getState()
      .report('error', 'The diagram could not be exported.', issuesFromFailure(e, 'Exporting the diagram'));
    return false;
  } finally {
    store.getState().setBusy(null);
  }
}
