import { render } from 'preact';
import { createSession } from './auth/session.ts';
import { createTokenStorage } from './auth/token-storage.ts';
import { App } from './components/App.tsx';
import { createHubConnection } from './connection/hub-connection.ts';
import { SettingsContext } from './settings/settings-context.ts';
import { createTokenSettings } from './settings/token-settings.ts';
import { HubContext } from './store/hub-context.ts';
import { createHubStore } from './store/hub-store.ts';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

// The store, the connection and the session need each other; the closures resolve that at call
// time, after all three exist.
const store = createHubStore({
  callService: (call) => connection.callService(call),
  request: (message) => connection.command(message),
  signIn: (input) => void session.signIn(input),
  signOut: () => {
    settings.open.value = false;
    session.signOut();
  },
});

const connection = createHubConnection({
  url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/websocket`,
  sink: store,
  onAuthOk: () => session.accepted(),
  onAuthInvalid: (message) => session.rejected(message),
});

const settings = createTokenSettings(
  (message) => connection.command(message),
  (message, onEvent) => connection.subscribe(message, onEvent),
);

const session = createSession({
  store,
  connection,
  tokens: createTokenStorage(localStorageOrNull()),
  fetch: (input, init) => fetch(input, init),
  location,
  history,
});

// First, before rendering: a login code in the address leaves it at once.
void session.start();

// The login link pasted into the address bar of an open panel changes only the fragment: no reload.
window.addEventListener('hashchange', () => {
  if (location.hash.includes('code=')) void session.start();
});

// A laptop waking up or a phone coming back to the tab should not wait out the backoff.
window.addEventListener('online', () => connection.reconnectNow());
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') connection.reconnectNow();
});

const root = document.getElementById('app');
if (root) {
  render(
    <HubContext.Provider value={store}>
      <SettingsContext.Provider value={settings}>
        <App />
      </SettingsContext.Provider>
    </HubContext.Provider>,
    root,
  );
}

// Installable as an app. The worker caches the app shell only (ui/public/sw.js); browsers offer
// service workers only to secure contexts (HTTPS, or the hub on localhost), elsewhere the panel is as before.
if ('serviceWorker' in navigator) {
  void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}
