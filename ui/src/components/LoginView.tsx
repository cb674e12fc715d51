import { useHubStore } from '../store/hub-context.ts';
import { formText } from './form-text.ts';
import { Icon } from './Icon.tsx';

export function LoginView() {
  const store = useHubStore();
  const { phase, message } = store.auth.value;
  const busy = phase === 'signing-in';
  const unreachable = busy && store.status.value === 'disconnected';

  return (
    <section class="login" aria-labelledby="login-title">
      <form
        class="login__card"
        onSubmit={(event) => {
          event.preventDefault();
          const form = event.currentTarget;
          store.signIn({
            kind: 'password',
            name: formText(form, 'username'),
            password: formText(form, 'password'),
          });
        }}
      >
        <span class="brand brand--large">
          <Icon name="flame" />
          hearth
        </span>
        <h1 id="login-title" class="login__title">
          Log in
        </h1>
        <p class="login__hint">Your name and password on this hub.</p>
        <label class="field__label" for="login-username">
          Name
        </label>
        <input
          id="login-username"
          class="field__input"
          name="username"
          autoComplete="username"
          autoCapitalize="off"
          spellcheck={false}
          required
          disabled={busy}
        />
        <label class="field__label" for="login-password">
          Password
        </label>
        <input
          id="login-password"
          class="field__input"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          disabled={busy}
          aria-describedby={message ? 'login-message' : undefined}
        />
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        {message && (
          <p id="login-message" class="login__message" role="alert">
            {message}
          </p>
        )}
        {unreachable && (
          <p class="login__message login__message--info" role="status">
            Cannot reach the hub yet; still trying.
          </p>
        )}
      </form>
      <details class="login__other">
        <summary>Use a login code or an access token</summary>
        <form
          class="login__card"
          onSubmit={(event) => {
            event.preventDefault();
            store.signIn({ kind: 'secret', text: formText(event.currentTarget, 'secret') });
          }}
        >
          <p class="login__hint">
            Paste the login link or code that <code>hearth demo</code> printed, or an access token from{' '}
            <code>hearth token create --name NAME</code>.
          </p>
          <label class="field__label" for="login-secret">
            Access token or login code
          </label>
          <input
            id="login-secret"
            class="field__input"
            name="secret"
            type="password"
            autoComplete="off"
            autoCapitalize="off"
            spellcheck={false}
            required
            disabled={busy}
          />
          <button type="submit" class="button" disabled={busy}>
            Sign in
          </button>
        </form>
      </details>
    </section>
  );
}
