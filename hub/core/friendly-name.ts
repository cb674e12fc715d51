/**
 * Home Assistant's `has_entity_name` naming (https://developers.home-assistant.io/docs/core/entity#entity-naming):
 * the device's name, then the entity's; an entity named `null` is the device alone.
 */
export function friendlyNameOf(deviceName: string | null, entityName: string | null): string | null {
  if (!deviceName) return entityName;
  if (!entityName) return deviceName;
  // Devices often repeat their name in the entity's; Home Assistant strips it (and warns).
  if (entityName.toLowerCase().startsWith(`${deviceName.toLowerCase()} `)) return entityName;
  return `${deviceName} ${entityName}`;
}
