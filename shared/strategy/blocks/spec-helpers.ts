import type { NumberParamSpec, PortSpec, PortType } from '../block-types';

export function port(name: string, type: PortType, title: string, description: string): PortSpec {
  return { name, type, title, description };
}

export const SOURCE_INPUT = port('source', 'number', 'Source', 'The series to compute on, e.g. the candle close.');
export const VALUE_OUTPUT = port('value', 'number', 'Value', 'The indicator value per bar (empty while warming up).');

export function periodParam(
  defaultValue: number,
  max: number,
  description = 'Number of bars in the window.',
  min = 1,
  name = 'period',
  title = 'Period',
): NumberParamSpec {
  return { name, kind: 'integer', title, description, min, max, default: defaultValue, step: 1, unit: 'bars' };
}

export function percentParam(
  name: string,
  title: string,
  description: string,
  range: { min: number; max: number; default: number; step: number },
): NumberParamSpec {
  return { name, kind: 'number', title, description, ...range, unit: '%' };
}
