import './zod-config';
import '@xyflow/react/dist/style.css';
import './app/app.css';
import './diagram/diagram.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api';
import { App } from './app/app';
import { createAppStore } from './store/app-store';
import { StoreProvider } from './store/store-context';

const store = createAppStore({
  api,
  now: () => new Date().toISOString(),
  // The app's own Save / Don't save / Cancel dialog (session-dialogs.tsx); `store` exists by the time it is asked.
  confirmDiscard: (message) => store.getState().promptUnsaved(message),
  deferAnalysis: (task) => void setTimeout(task, 0),
  askFileName: (suggested) => {
    const answer = window.prompt('Save in the workspace as:', suggested);
    return answer === null || answer.trim() === '' ? null : answer.trim();
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App api={api} />
    </StoreProvider>
  </StrictMode>,
);
