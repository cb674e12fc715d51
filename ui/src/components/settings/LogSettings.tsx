import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { LogLine } from '../../../../hub/protocol/log-lines.ts';
import type { LogLineLevel } from '../../../../hub/protocol/settings-messages.ts';
import { createLogFeed } from '../../settings/log-feed.ts';
import { useTokenSettings } from '../../settings/settings-context.ts';
import { ChoiceChips } from '../ChoiceChips.tsx';

const LEVELS: { value: LogLineLevel; label: string }[] = [
  { value: 'debug', label: 'All' },
  { value: 'info', label: 'Info' },
  { value: 'warn', label: 'Warnings' },
  { value: 'error', label: 'Errors' },
];
/** Within this many pixels of the end counts as at the end: the view follows new lines. */
const AT_END_PX = 24;

const clock = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString([], { hour12: false });
};

function Line({ line }: { line: LogLine }) {
  return (
    <li class="log__line" data-level={line.level}>
      <time class="log__time" dateTime={line.time} title={line.time}>
        {clock(line.time)}
      </time>
      <span class="log__level">{line.level}</span>
      <span class="log__module">{line.module ?? 'hub'}</span>
      <span class="log__msg">{line.msg}</span>
    </li>
  );
}

/**
 * The hub's log, live, for the owner: the lines the hub kept, then each new one. It follows new
 * lines while scrolled to the end, and holds still once the reader scrolls up.
 */
export function LogSettings({ connected }: { connected: boolean }) {
  const settings = useTokenSettings();
  const feed = useMemo(() => createLogFeed(settings.subscribe), [settings]);
  const level = feed.level.value;
  // A new level is a new subscription: the hub filters, and its scrollback comes filtered too.
  useEffect(() => (connected ? feed.start() : undefined), [connected, feed, level]);
  const lines = feed.lines.value;
  const box = useRef<HTMLOListElement>(null);
  const [following, setFollowing] = useState(true);

  useLayoutEffect(() => {
    const element = box.current;
    if (element && following && lines.length > 0) element.scrollTop = element.scrollHeight;
  }, [lines, following]);

  const jumpToEnd = () => {
    const element = box.current;
    if (element) element.scrollTop = element.scrollHeight;
    setFollowing(true);
  };

  return (
    <section class="settings__section" aria-labelledby="log-title">
      <h2 id="log-title" class="area__title">
        Log
      </h2>
      <p class="settings__hint">The hub's recent log lines and new ones as they are written.</p>
      {feed.error.value && (
        <p class="login__message" role="alert">
          {feed.error.value}
        </p>
      )}
      <div class="log">
        <ChoiceChips
          label="Least severe level shown"
          choices={LEVELS}
          selected={level}
          disabled={false}
          onSelect={(value) => {
            feed.level.value = value as LogLineLevel;
          }}
        />
        <ol
          ref={box}
          class="log__lines"
          aria-label="Log lines"
          aria-live="off"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take the keyboard's arrows and Page keys (WCAG 2.1.1).
          tabIndex={0}
          onScroll={(event) => {
            const element = event.currentTarget;
            setFollowing(element.scrollHeight - element.scrollTop - element.clientHeight <= AT_END_PX);
          }}
        >
          {lines.length === 0 && <li class="log__empty">Nothing logged at this level yet.</li>}
          {lines.map((line) => (
            <Line key={line.seq} line={line} />
          ))}
        </ol>
        {!following && (
          <button type="button" class="button log__jump" onClick={jumpToEnd}>
            Follow new lines
          </button>
        )}
      </div>
    </section>
  );
}
