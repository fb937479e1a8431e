import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initialLang } from './i18n/lang.tsx';
import { loadLang } from './i18n/load.ts';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');

function render(el: HTMLElement) {
  createRoot(el).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// English texts are a chunk of their own: when English was chosen last time, fetch it before the first
// render so that the first paint is English. Should the fetch fail, the app starts in Chinese.
loadLang(initialLang())
  .catch((err: unknown) => console.warn('The English texts could not be loaded; starting in Chinese.', err))
  .finally(() => render(root));
