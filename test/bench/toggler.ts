/** One way of toggling a light and timing it until the toggle is confirmed, in ms. */
export interface Toggler {
  readonly name: string;
  toggle(device: string): Promise<number>;
  close(): Promise<void>;
}
