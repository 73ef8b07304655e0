// What each tab has done this session (its choices, its last outcome, a run still going), kept by
// the App rather than by the tab: switching tabs unmounts the tab, not its work. A job started in a
// tab keeps running after the tab is left and its progress is there on return.
import {
  useCallback,
  useContext,
  useState,
  useSyncExternalStore,
  type Dispatch,
  type SetStateAction,
} from 'react';
import { AppContext } from './AppContext';

export interface SessionStore {
  has(key: string): boolean;
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  subscribe(key: string, listener: () => void): () => void;
}

export function createSessionStore(): SessionStore {
  const values = new Map<string, unknown>();
  const listeners = new Map<string, Set<() => void>>();
  return {
    has: (key) => values.has(key),
    get: (key) => values.get(key),
    set(key, value) {
      if (values.has(key) && Object.is(values.get(key), value)) return;
      values.set(key, value);
      listeners.get(key)?.forEach((l) => l());
    },
    subscribe(key, listener) {
      const set = listeners.get(key) ?? new Set();
      set.add(listener);
      listeners.set(key, set);
      return () => set.delete(listener);
    },
  };
}

/** The App's store; a tab rendered on its own (a component test) gets one of its own. */
function useStore(): SessionStore {
  const shared = useContext(AppContext)?.session;
  const [own] = useState(createSessionStore);
  return shared ?? own;
}

/** useState whose value outlives the component: keyed `<job>.<what>` in the session store. */
export function useSessionState<T>(key: string, initial: T | (() => T)): [T, Dispatch<SetStateAction<T>>] {
  const store = useStore();
  if (!store.has(key)) store.set(key, typeof initial === 'function' ? (initial as () => T)() : initial);
  const subscribe = useCallback((l: () => void) => store.subscribe(key, l), [store, key]);
  const value = useSyncExternalStore(subscribe, () => store.get(key) as T);
  const set = useCallback<Dispatch<SetStateAction<T>>>(
    (next) =>
      store.set(key, typeof next === 'function' ? (next as (prev: T) => T)(store.get(key) as T) : next),
    [store, key],
  );
  return [value, set];
}

/** A ref that outlives the component (the AbortController of a run still going). */
export function useSessionRef<T>(key: string, initial: T): { current: T } {
  const store = useStore();
  if (!store.has(key)) store.set(key, { current: initial });
  return store.get(key) as { current: T };
}
