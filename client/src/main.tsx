import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppProviders } from './app/providers';
import { captureWallToken } from './lib/wall-token';
import './app/styles/base.css';
import './app/styles/workspace.css';
import './app/styles/alerts.css';
import './app/styles/wall.css';
import './app/styles/admin.css';
import './app/styles/clusters.css';

// Before the first request and the socket: a wall's `?token=` leaves the address bar at once.
captureWallToken();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <AppProviders>
      <App />
    </AppProviders>
  </StrictMode>,
);
