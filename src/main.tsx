import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyTheme, loadTheme } from './app/theme';
import './app/app.css';
import { LabProvider } from './store/LabContext';
import { startPersistence } from './store/persist/startPersistence';
import { createLabStore, localStorageMemory } from './store/labStore';
import { createTrainingClient, mnistUrl } from './worker/client';

applyTheme(loadTheme());
const store = createLabStore(createTrainingClient(), localStorageMemory, mnistUrl());
void startPersistence(store).then((persister) => {
  // Whatever is still pending is written when the page is hidden or closed.
  if (!persister) return;
  window.addEventListener('pagehide', () => void persister.flush());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void persister.flush();
  });
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
