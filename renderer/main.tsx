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
  confirmDiscard: (message) => window.confirm(message),
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
