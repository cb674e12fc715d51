import { useHubStore } from '../store/hub-context.ts';
import { BrokerBanner } from './BrokerBanner.tsx';
import { Dashboard } from './Dashboard.tsx';
import { LoginView } from './LoginView.tsx';
import { TopBar } from './TopBar.tsx';

export function App() {
  const signedIn = useHubStore().auth.value.phase === 'signed-in';
  return signedIn ? (
    <main class="app">
      <TopBar />
      <BrokerBanner />
      <Dashboard />
    </main>
  ) : (
    <main class="app app--login">
      <LoginView />
    </main>
  );
}
