import { create } from 'zustand';
import type { StreamStatus } from '../api/transport';

interface StreamState {
  status: StreamStatus;
  /** Wall-clock ms since when the stream has not been open; null while it is open. */
  downSince: number | null;
  setStatus: (status: StreamStatus) => void;
}

export const useStreamStore = create<StreamState>()((set, get) => ({
  status: 'connecting',
  downSince: Date.now(),
  setStatus: (status) =>
    set({ status, downSince: status === 'open' ? null : (get().downSince ?? Date.now()) }),
}));
