import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { App } from './app/App';
import { applyTheme, loadTheme } from './app/theme';
import './app/app.css';
import { LabProvider } from './store/LabContext';
import { browserEstimate, startPersistence } from './store/persist/startPersistence';
import { browserTabLink } from './store/persist/tabLink';
import { createLabStore, localStorageMemory } from './store/labStore';
import { FINAL_STATUSES } from '../shared/runStatus';
import { createTrainingClient, datasetUrls } from './workers/client';

applyTheme(loadTheme());
const store = createLabStore(createTrainingClient(), localStorageMemory, datasetUrls());
// The other tabs of this browser see this tab's runs as they are saved, and it sees theirs.
void startPersistence(store, undefined, browserEstimate, browserTabLink()).then((persister) => {
  // Whatever is still pending is written when the page is hidden or closed.
  if (!persister) return;
  window.addEventListener('pagehide', () => void persister.flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void persister.flush();
  });
});

// Offline after the first visit (production build only; vite-plugin-pwa's dev module does nothing):
// the service worker precaches the app, the wasm files and MNIST. When a new version takes over,
// the page reloads onto it, but only once no run is queued, training or paused.
if (import.meta.env.PROD)
  registerSW({
    onNeedReload() {
      const busy = () =>
        Object.values(store.getState().runs).some((run) => !FINAL_STATUSES.has(run.status));
      if (!busy()) return window.location.reload();
      const unsubscribe = store.subscribe(() => {
        if (busy()) return;
        unsubscribe();
        window.location.reload();
      });
    },
  });

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <LabProvider store={store}>
      <App />
    </LabProvider>
  </StrictMode>,
);
