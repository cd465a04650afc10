/** Export of events (curl, raw HTTP, JSON, HAR 1.2) and import of HAR files and curl commands. */
export { type CurlExport, type CurlExportOptions, eventToCurl } from './curl-export';
export { type FileReader, parseCurl } from './curl-import';
export { eventsToHar, eventToHarEntry } from './har-export';
export { parseHar } from './har-import';
export { importEvents } from './import-events';
export type { ImportedRequest } from './imported-request';
export { eventToRawHttp } from './raw-export';
