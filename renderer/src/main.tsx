import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initToken } from './api/client';
import { App } from './components/App';
import './styles.css';
import './layout.css';
import './schema.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
if (!initToken()) {
  root.innerHTML =
    '<div class="empty"><h2>Missing access token</h2><p>Open the UI URL that <code>hookline serve</code> printed (it ends in <code>?token=…</code>).</p></div>';
} else {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
