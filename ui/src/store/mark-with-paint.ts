/**
 * `performance.mark(name)`, then `<name>:paint` once the browser has painted what the caller
 * changed: a `requestAnimationFrame` callback runs just before the frame's paint, and a message
 * posted from it is handled just after. The panel benchmark reads these marks (click → pending
 * paint, click → confirmed paint; DESIGN §7 wants the pending paint within one frame).
 */
export function markWithPaint(name: string): void {
  performance.mark(name);
  if (typeof requestAnimationFrame !== 'function') return;
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      performance.mark(`${name}:paint`);
      channel.port1.close();
    };
    channel.port2.postMessage(null);
  });
}
