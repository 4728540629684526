// A refusal the emulator answers with: HTTP status + CCE error code + message (seed 7.2 body form).
import { cceErrorCodes } from '../../contract/errors.ts';
import { HttpRefusal } from '../http-refusal.ts';

export class EmulatorError extends HttpRefusal {
  override readonly name = 'EmulatorError';
}

export const invalid = (message: string, code: string = cceErrorCodes.invalidRequest) =>
  new EmulatorError(400, code, message);
export const notFound = (message: string, code: string = cceErrorCodes.notFound) => new EmulatorError(404, code, message);
export const conflict = (message: string, code: string = cceErrorCodes.alreadyExists) =>
  new EmulatorError(409, code, message);
