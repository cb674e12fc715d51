import { useHubStore } from '../store/hub-context.ts';
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
          const secret = new FormData(event.currentTarget).get('secret');
          store.signIn(typeof secret === 'string' ? secret : '');
        }}
      >
        <span class="brand brand--large">
          <Icon name="flame" />
          hearth
        </span>
        <h1 id="login-title" class="login__title">
          Sign in
        </h1>
        <p class="login__hint">
          Paste the login link or code that <code>hearth start</code> printed, or an access token from{' '}
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
          aria-describedby={message ? 'login-message' : undefined}
        />
        <button type="submit" class="button button--primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
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
    </section>
  );
}
