import type { ComponentKind } from '../component-kind.ts';
import { lightComponent } from './light-component.ts';
import { binarySensorComponent } from './mqtt-binary-sensor.ts';
import { buttonComponent } from './mqtt-button.ts';
import { climateComponent } from './mqtt-climate.ts';
import { coverComponent } from './mqtt-cover.ts';
import { fanComponent } from './mqtt-fan.ts';
import { lockComponent } from './mqtt-lock.ts';
import { numberComponent } from './mqtt-number.ts';
import { selectComponent } from './mqtt-select.ts';
import { sensorComponent } from './mqtt-sensor.ts';
import { switchComponent } from './mqtt-switch.ts';

/** Every component hearth discovers, by discovery component name. */
export const COMPONENTS: ReadonlyMap<string, ComponentKind> = new Map(
  [
    lightComponent,
    switchComponent,
    sensorComponent,
    binarySensorComponent,
    climateComponent,
    coverComponent,
    lockComponent,
    fanComponent,
    numberComponent,
    selectComponent,
    buttonComponent,
  ]
    .filter((kind): kind is ComponentKind => kind !== undefined)
    .map((kind) => [kind.component, kind]),
);
