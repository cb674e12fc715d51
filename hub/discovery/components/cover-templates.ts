import type { CoverConfig } from './cover-schema.ts';
import { CommandTemplate, ValueTemplate } from './mqtt-templates.ts';

/**
 * A cover's five templates, compiled once per config. As in mqtt/cover.py, the position and tilt
 * templates, reading and writing, also see `position_open`, `position_closed`, `tilt_min` and
 * `tilt_max`.
 */
export class CoverTemplates {
  readonly value: ValueTemplate;
  readonly position: ValueTemplate;
  readonly tiltStatus: ValueTemplate;
  readonly setPosition: CommandTemplate;
  readonly tiltCommand: CommandTemplate;
  readonly rangeVariables: Readonly<Record<string, number>>;

  constructor(config: CoverConfig, owner: { entityId: string; name: string | null }) {
    this.rangeVariables = {
      position_open: config.position_open,
      position_closed: config.position_closed,
      tilt_min: config.tilt_min,
      tilt_max: config.tilt_max,
    };
    this.value = new ValueTemplate(config.value_template, owner);
    this.position = new ValueTemplate(config.position_template, owner, this.rangeVariables);
    this.tiltStatus = new ValueTemplate(config.tilt_status_template, owner, this.rangeVariables);
    this.setPosition = new CommandTemplate(config.set_position_template, owner, 'set_position_template');
    this.tiltCommand = new CommandTemplate(config.tilt_command_template, owner, 'tilt_command_template');
  }
}
