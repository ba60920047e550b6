import type { StateCreator } from 'zustand';
import type { LabState } from './labState';

/** A message for the user that is not tied to one run (a rejected command, say). */
interface Notice {
  id: number;
  text: string;
}

export interface NoticesSlice {
  notices: Notice[];
  /** Notices ever shown (the next one's id is this plus one). */
  noticeCount: number;
  notify(text: string): void;
  dismissNotice(id: number): void;
}

export const createNoticesSlice: StateCreator<LabState, [], [], NoticesSlice> = (set) => ({
  notices: [],
  noticeCount: 0,
  notify(text) {
    set((s) => {
      const id = s.noticeCount + 1;
      return { noticeCount: id, notices: [...s.notices, { id, text }] };
    });
  },
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
