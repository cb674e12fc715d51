import { useTokenSettings } from '../settings/settings-context.ts';
import { useHubStore } from '../store/hub-context.ts';
import { BrokerBanner } from './BrokerBanner.tsx';
import { Dashboard } from './Dashboard.tsx';
import { DetailsHost } from './DetailsHost.tsx';
import { LoginView } from './LoginView.tsx';
import { OnboardingView } from './OnboardingView.tsx';
import { SettingsHost } from './SettingsHost.tsx';
import { TopBar } from './TopBar.tsx';

export function App() {
  const { phase } = useHubStore().auth.value;
  const settings = useTokenSettings();
  if (phase === 'signed-in') {
    return (
      <main class="app">
        <TopBar />
        <BrokerBanner />
        {settings.open.value ? <SettingsHost /> : <Dashboard />}
        <DetailsHost />
      </main>
    );
  }
  return <main class="app app--login">{phase === 'onboarding' ? <OnboardingView /> : <LoginView />}</main>;
}
