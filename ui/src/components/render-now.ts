import { options } from 'preact';

/**
 * Runs `action` with Preact rendering synchronously, so what it changes is in the DOM before the
 * event handler returns. Used for clicks: the pending state must show in the same handler, not in
 * a later microtask (the one-frame budget of DESIGN §7, and what a test reading the DOM right
 * after dispatching a click sees). Everything else keeps Preact's batched rendering.
 */
export function renderNow(action: () => void): void {
  const previous = options.debounceRendering;
  options.debounceRendering = (render) => render();
  try {
    action();
  } finally {
    options.debounceRendering = previous;
  }
}
