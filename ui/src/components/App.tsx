import { useHubStore } from '../store/hub-context.ts';
import { Dashboard } from './Dashboard.tsx';
import { DetailsHost } from './DetailsHost.tsx';
import { LoginView } from './LoginView.tsx';
import { TopBar } from './TopBar.tsx';

export function App() {
  const signedIn = useHubStore().auth.value.phase === 'signed-in';
  return signedIn ? (
    <main class="app">
      <TopBar />
      <Dashboard />
      <DetailsHost />
    </main>
  ) : (
    <main class="app app--login">
      <LoginView />
    </main>
  );
}
