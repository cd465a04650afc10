/**
 * CloudEvents over HTTP: binary mode carries the attributes in `ce-*` headers (the body is the
 * data), structured mode sends one JSON object with them (`application/cloudevents+json`), and
 * batched mode an array of such objects. Only the attributes that identify an event are read.
 */
import type { HeaderPair } from '../../shared/types';
import { isRecord, stringField } from './bytes';
import { firstHeader } from './headers';

/** A CloudEvent's id, type and source; null fields when absent. */
export interface CloudEventAttributes {
  id: string | null;
  type: string | null;
  source: string | null;
}

/**
 * The attributes of a CloudEvent request, or null when it is not one. `json` is the parsed body
 * (first element of a batch); structured mode is recognised by its media type, or by the
 * `specversion` attribute every CloudEvent must carry.
 */
export function cloudEventAttributes(
  headers: HeaderPair[],
  json: Record<string, unknown> | null,
): CloudEventAttributes | null {
  if (firstHeader(headers, 'ce-specversion') !== null) {
    return {
      id: firstHeader(headers, 'ce-id'),
      type: firstHeader(headers, 'ce-type'),
      source: firstHeader(headers, 'ce-source'),
    };
  }
  const contentType = firstHeader(headers, 'content-type')?.toLowerCase() ?? '';
  const structured = contentType.startsWith('application/cloudevents');
  if (!json || !(structured || (stringField(json, 'specversion') !== null && isRecord(json)))) return null;
  if (!structured && (stringField(json, 'id') === null || stringField(json, 'source') === null)) return null;
  return {
    id: stringField(json, 'id'),
    type: stringField(json, 'type'),
    source: stringField(json, 'source'),
  };
}
