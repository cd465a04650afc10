import type { ApiEndpoint, ApiParams, ApiResult } from '../../../shared/api';
import { call } from '../api/client';
import type { Slice } from './types';

/** Endpoints in the sidebar, and which one filters the list (null: all). */
export interface EndpointsSlice {
  endpoints: ApiEndpoint[];
  endpointsLoaded: boolean;
  activeEndpointId: string | null;
  /** Secrets of an endpoint just created: shown once, then forgotten. */
  createdSecrets: { endpointId: string; secrets: string[] } | null;
  loadEndpoints(): Promise<void>;
  setActiveEndpoint(id: string | null): void;
  createEndpoint(p: ApiParams<'endpoints.create'>): Promise<ApiResult<'endpoints.create'>['endpoint']>;
  updateEndpoint(id: string, patch: ApiParams<'endpoints.update'>['patch']): Promise<void>;
  deleteEndpoint(id: string, purgeEvents: boolean): Promise<void>;
  forgetSecrets(): void;
}

/** Creates the endpoints slice. */
export const createEndpointsSlice: Slice<EndpointsSlice> = (set, get) => ({
  endpoints: [],
  endpointsLoaded: false,
  activeEndpointId: null,
  createdSecrets: null,
  loadEndpoints: async () => {
    try {
      const { endpoints } = await call('endpoints.list', {});
      set({ endpoints, endpointsLoaded: true });
    } catch (error) {
      get().toastError(error);
    }
  },
  setActiveEndpoint: (id) => {
    // Picking an endpoint is where the narrow window's sidebar overlay has done its job.
    set({ activeEndpointId: id, sidebarOverlay: false });
    get().setFilter({ endpointIds: id ? [id] : undefined });
  },
  createEndpoint: async (p) => {
    const { endpoint } = await call('endpoints.create', p);
    // Only a generated secret needs showing: one the user typed is already theirs.
    const generated = Boolean(p.generateSecret) && !p.secrets?.length && endpoint.secrets.length > 0;
    set({ createdSecrets: generated ? { endpointId: endpoint.id, secrets: endpoint.secrets } : null });
    await get().loadEndpoints();
    get().setActiveEndpoint(endpoint.id);
    return endpoint;
  },
  updateEndpoint: async (id, patch) => {
    await call('endpoints.update', { id, patch });
    await get().loadEndpoints();
  },
  deleteEndpoint: async (id, purgeEvents) => {
    await call('endpoints.delete', { id, purgeEvents });
    if (get().activeEndpointId === id) get().setActiveEndpoint(null);
    await get().loadEndpoints();
  },
  forgetSecrets: () => set({ createdSecrets: null }),
});
