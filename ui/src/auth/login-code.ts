/**
 * The one-time login code that `hearth start` and `hearth demo` print as `http://host/#code=ABCD-EFGH`.
 * It travels in the fragment, which browsers never send to a server.
 */

export type LoginInput = { kind: 'code'; code: string } | { kind: 'token'; token: string };

const CODE_PATTERN = /^[A-Za-z0-9]{2,10}(?:-[A-Za-z0-9]{2,10}){1,3}$/;

const codeInFragment = (fragment: string): string | null => {
  const code = new URLSearchParams(fragment.replace(/^#/, '')).get('code');
  return code === null || code.trim() === '' ? null : code.trim();
};

/**
 * Reads the code from the address and removes it from the address bar and the history *before*
 * anything else happens, so a reload, a bookmark or a shared screen never replays it.
 */
export function takeLoginCode(
  location: Pick<Location, 'hash' | 'pathname' | 'search'>,
  history: Pick<History, 'replaceState'>,
): string | null {
  if (!location.hash.includes('code=')) return null;
  const code = codeInFragment(location.hash);
  history.replaceState(null, '', location.pathname + location.search);
  return code;
}

/**
 * What the user pasted into the login view: the login link, a bare login code (`ABCD-EFGH`), or
 * an access token (`hearth token create --name NAME`). Codes are short and dashed; anything else
 * is taken as a token, and the hub decides.
 */
export function parseLoginInput(text: string): LoginInput | null {
  const input = text.trim();
  if (input === '') return null;
  const hash = input.indexOf('#');
  if (hash !== -1 && input.includes('code=', hash)) {
    const code = codeInFragment(input.slice(hash));
    return code === null ? null : { kind: 'code', code };
  }
  if (CODE_PATTERN.test(input)) return { kind: 'code', code: input.toUpperCase() };
  return { kind: 'token', token: input };
}
