import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initAccessToken } from './api/access-token';
import { App } from './app/app';
import { Providers } from './app/providers';
import { initTheme } from './store/theme-store';
import './styles/theme.css';
import './styles/base.css';
import './styles/components.css';

initAccessToken();
initTheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <Providers>
      <App />
    </Providers>
  </StrictMode>,
);
