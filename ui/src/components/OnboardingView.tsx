import { useState } from 'preact/hooks';
import { useHubStore } from '../store/hub-context.ts';
import { formText } from './form-text.ts';
import { Icon } from './Icon.tsx';

/** The first start: the hub has no user, and whoever opens the panel first creates its owner. */
export function OnboardingView() {
  const store = useHubStore();
  const { phase, message } = store.auth.value;
  const busy = phase === 'signing-in';
  const [mismatch, setMismatch] = useState(false);
  const shown = mismatch ? 'The two passwords differ.' : message;

  return (
    <section class="login" aria-labelledby="onboarding-title">
      <form
        class="login__card"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const text = (name: string) => formText(form, name);
          const differ = text('password') !== text('repeat');
          setMismatch(differ);
          if (!differ) store.signIn({ kind: 'onboarding', name: text('name'), password: text('password') });
        }}
      >
        <span class="brand brand--large">
          <Icon name="flame" />
          hearth
        </span>
        <h1 id="onboarding-title" class="login__title">
          Welcome
        </h1>
        <p class="login__hint">This hub has no user yet. Create its owner: the account that manages it.</p>
        <label class="field__label" for="onboarding-name">
          Name
        </label>
        <input
          id="onboarding-name"
          class="field__input"
          name="name"
          autoComplete="username"
          autoCapitalize="off"
          spellcheck={false}
          maxLength={64}
          required
          disabled={busy}
        />
        <label class="field__label" for="onboarding-password">
          Password (8 characters or more)
        </label>
        <input
          id="onboarding-password"
          class="field__input"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          disabled={busy}
        />
        <label class="field__label" for="onboarding-repeat">
          Repeat the password
        </label>
        <input
          id="onboarding-repeat"
          class="field__input"
          name="repeat"
          type="password"
          autoComplete="new-password"
          minLength={8}
          required
          disabled={busy}
        />
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create the owner'}
        </button>
        {shown && (
          <p class="login__message" role="alert">
            {shown}
          </p>
        )}
      </form>
    </section>
  );
}
