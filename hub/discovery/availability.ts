import type { CompiledTemplate } from '../template/compile-template.ts';
import { compileTemplate, renderValueTemplate } from '../template/compile-template.ts';
import type { CommonConfig } from './discovery-schemas.ts';

interface AvailabilityTopic {
  topic: string;
  payloadAvailable: string;
  payloadNotAvailable: string;
  template: CompiledTemplate | undefined;
}

/**
 * An entity's availability from its availability topics, with Home Assistant's
 * `availability_mode` (https://www.home-assistant.io/integrations/mqtt/#using-availability-topics):
 * `latest` — the last message on any topic decides; `all` — available when every topic says so;
 * `any` — available when one does. An entity with availability topics starts unavailable.
 */
export class Availability {
  readonly topics: AvailabilityTopic[];
  private readonly mode: 'all' | 'any' | 'latest';
  private readonly perTopic = new Map<string, boolean>();
  private latest = false;
  private heard = false;

  constructor(config: CommonConfig) {
    this.mode = config.availability_mode;
    const topics: AvailabilityTopic[] = (config.availability ?? []).map((item) => ({
      topic: item.topic,
      payloadAvailable: item.payload_available,
      payloadNotAvailable: item.payload_not_available,
      template: item.value_template ? compileTemplate(item.value_template) : undefined,
    }));
    if (config.availability_topic) {
      topics.push({
        topic: config.availability_topic,
        payloadAvailable: config.payload_available,
        payloadNotAvailable: config.payload_not_available,
        template: config.availability_template ? compileTemplate(config.availability_template) : undefined,
      });
    }
    this.topics = topics;
  }

  get configured(): boolean {
    return this.topics.length > 0;
  }

  /** True once a message has said available or not: until then, `available` is only a default. */
  get reported(): boolean {
    return this.heard;
  }

  get available(): boolean {
    if (!this.configured) return true;
    if (this.mode === 'latest') return this.latest;
    const values = this.topics.map((t) => this.perTopic.get(t.topic) ?? false);
    return this.mode === 'all' ? values.every(Boolean) : values.some(Boolean);
  }

  /**
   * Applies a message; returns whether it changed the availability, or was the first to say it
   * (which ends a restored state). Throws TemplateError.
   */
  receive(topic: AvailabilityTopic, payload: string): boolean {
    const before = this.available;
    const heardBefore = this.heard;
    const value = topic.template ? renderValueTemplate(topic.template, payload) : payload;
    if (value === topic.payloadAvailable || value === topic.payloadNotAvailable) this.heard = true;
    if (value === topic.payloadAvailable) {
      this.perTopic.set(topic.topic, true);
      this.latest = true;
    } else if (value === topic.payloadNotAvailable) {
      this.perTopic.set(topic.topic, false);
      this.latest = false;
    }
    return before !== this.available || this.heard !== heardBefore;
  }
}
