export type TemplateErrorCode = 'template_syntax' | 'template_render' | 'template_limit';

/**
 * The only error a template throws, compiled or rendered: a device sent it, so the caller logs it
 * against the device and keeps going. `position` is the offset in the template source, when known.
 */
export class TemplateError extends Error {
  readonly code: TemplateErrorCode;
  readonly position: number | undefined;
  /** The message without its position, so that a caller can relocate it. */
  readonly detail: string;

  constructor(code: TemplateErrorCode, detail: string, position?: number) {
    super(position === undefined ? detail : `${detail} at ${position}`);
    this.name = 'TemplateError';
    this.code = code;
    this.detail = detail;
    this.position = position;
  }

  /** This error located at `position`, unless it already knows where it happened. */
  at(position: number): TemplateError {
    return this.position === undefined ? new TemplateError(this.code, this.detail, position) : this;
  }
}

/**
 * Converts anything thrown while compiling or rendering into a TemplateError. A RangeError is the
 * engine running out of stack or string length, which only a hostile template gets near.
 */
export function toTemplateError(error: unknown): TemplateError {
  if (error instanceof TemplateError) return error;
  if (error instanceof RangeError)
    return new TemplateError('template_limit', `resource limit: ${error.message}`);
  const message = error instanceof Error ? error.message : String(error);
  return new TemplateError('template_render', `internal error: ${message}`);
}
