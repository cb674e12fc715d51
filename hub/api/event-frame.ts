/**
 * One event message as every subscriber with the same subscription id receives it: framed once
 * (`{"id":…,"type":"event","event":…}`) and encoded to UTF-8 once, on first use, for all of them.
 * With 100 panels open, building and encoding the same string 100 times cost more than the
 * serialization the fan-out already did once.
 */
export class EventFrame {
  private encoded: Buffer | undefined;

  constructor(readonly text: string) {}

  static of(id: number, eventJson: string): EventFrame {
    return new EventFrame(`{"id":${id},"type":"event","event":${eventJson}}`);
  }

  get bytes(): Buffer {
    this.encoded ??= Buffer.from(this.text);
    return this.encoded;
  }
}

/** Frames of one event by subscription id; panels of one kind mostly share an id. */
export class EventFrames {
  private readonly byId = new Map<number, EventFrame>();

  constructor(private readonly eventJson: string) {}

  for(id: number): EventFrame {
    let frame = this.byId.get(id);
    if (!frame) {
      frame = EventFrame.of(id, this.eventJson);
      this.byId.set(id, frame);
    }
    return frame;
  }
}
