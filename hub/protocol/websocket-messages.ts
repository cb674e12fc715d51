/**
 * Every message of the WebSocket API at `/api/websocket`, typed in one place.
 * The shapes are Home Assistant's (https://developers.home-assistant.io/docs/api/websocket),
 * so clients such as `home-assistant-js-websocket` work against hearth unchanged.
 */
import type { EntitiesEvent } from './compressed-state.ts';
import type { Context, EntityState } from './entity-state.ts';

/** The Home Assistant API level hearth emulates, sent in `auth_required` and `auth_ok`. */
export const HA_VERSION = '2025.1.0';

// ── Auth phase ────────────────────────────────────────────────────────────────
export interface AuthRequiredMessage {
  type: 'auth_required';
  ha_version: string;
}
export interface AuthMessage {
  type: 'auth';
  access_token: string;
}
export interface AuthOkMessage {
  type: 'auth_ok';
  ha_version: string;
}
export interface AuthInvalidMessage {
  type: 'auth_invalid';
  message: string;
}

// ── Command phase: client → hub ──────────────────────────────────────────────
export interface CommandBase {
  id: number;
  type: string;
}
export interface SupportedFeaturesCommand extends CommandBase {
  type: 'supported_features';
  features: { coalesce_messages?: number };
}
export interface PingCommand extends CommandBase {
  type: 'ping';
}
export interface GetStatesCommand extends CommandBase {
  type: 'get_states';
}
export interface GetConfigCommand extends CommandBase {
  type: 'get_config';
}
export interface GetServicesCommand extends CommandBase {
  type: 'get_services';
}
export interface SubscribeEventsCommand extends CommandBase {
  type: 'subscribe_events';
  event_type?: string;
}
export interface SubscribeEntitiesCommand extends CommandBase {
  type: 'subscribe_entities';
  entity_ids?: string[];
}
export interface UnsubscribeEventsCommand extends CommandBase {
  type: 'unsubscribe_events';
  subscription: number;
}
export interface ServiceTarget {
  entity_id?: string | string[];
}
export interface CallServiceCommand extends CommandBase {
  type: 'call_service';
  domain: string;
  service: string;
  service_data?: Record<string, unknown>;
  target?: ServiceTarget;
  return_response?: boolean;
}
export interface CurrentUserCommand extends CommandBase {
  type: 'auth/current_user';
}

// ── Command phase: hub → client ──────────────────────────────────────────────
/** Error codes, as Home Assistant names them (websocket_api/const.py), plus hearth's own. */
export const ERROR_CODES = [
  'invalid_format',
  'unknown_command',
  'not_found',
  'id_reuse',
  'unauthorized',
  'not_supported',
  'home_assistant_error',
  'service_validation_error',
  'unknown_error',
  'timeout',
  /** A registry edit that cannot be applied (a taken name, an unknown area). */
  'invalid_info',
  'invalid_start_time',
  'invalid_end_time',
  /** hearth: the device did not confirm the command within the bound. */
  'device_timeout',
  /** hearth: the device is offline, or went offline before it confirmed. */
  'device_unavailable',
  /** hearth: the connection sent more messages than its rate limit allows (`messagesPerSecond`). */
  'rate_limited',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}
export interface ResultMessage<T = unknown> {
  id: number;
  type: 'result';
  success: true;
  result: T;
}
export interface ErrorMessage {
  id: number | null;
  type: 'result';
  success: false;
  error: ErrorBody;
}
export interface PongMessage {
  id: number;
  type: 'pong';
}
export interface StateChangedEvent {
  event_type: 'state_changed';
  data: { entity_id: string; old_state: EntityState | null; new_state: EntityState | null };
  origin: 'LOCAL';
  time_fired: string;
  context: Context;
}
/**
 * `entity_registry_updated`, `device_registry_updated`, `area_registry_updated`: what changed in a
 * registry (`changes` holds the old values on `update`). Clients refetch the list, as Home
 * Assistant's frontend does.
 */
export interface RegistryUpdatedEvent {
  event_type: 'entity_registry_updated' | 'device_registry_updated' | 'area_registry_updated';
  data: { action: 'create' | 'update' | 'remove'; changes?: Record<string, unknown> } & (
    | { entity_id: string }
    | { device_id: string }
    | { area_id: string }
  );
  origin: 'LOCAL';
  time_fired: string;
  context: Context;
}
export interface EventMessage<E = StateChangedEvent | EntitiesEvent | RegistryUpdatedEvent> {
  id: number;
  type: 'event';
  event: E;
}
export interface CallServiceResult {
  context: Context;
  response: null;
}
export interface CurrentUser {
  id: string;
  name: string;
  is_owner: boolean;
  is_admin: boolean;
  credentials: { auth_provider_type: string; auth_provider_id: string | null }[];
  mfa_modules: { id: string; name: string; enabled: boolean }[];
}

export type ServerMessage =
  | AuthRequiredMessage
  | AuthOkMessage
  | AuthInvalidMessage
  | ResultMessage
  | ErrorMessage
  | PongMessage
  | EventMessage;
