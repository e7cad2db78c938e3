import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { ApiRequestError } from '../lib/api-client';
import { realtime } from '../lib/realtime';
import { connectRealtimeToCaches } from './realtime-bridge';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; a network blip or a 5xx may.
        retry: (failures, error) => !(error instanceof ApiRequestError && error.statusCode !== null && error.statusCode < 500) && failures < 3,
        retryDelay: (attempt) => Math.min(30_000, 1_000 * 2 ** attempt),
        // Bounded memory for a tab that stays open for weeks: unused entries go after 5 minutes.
        gcTime: 5 * 60_000,
      },
    },
  });
}

/** The query cache, and the bridge from socket events into it. The socket itself runs while someone is signed in (features/auth SessionGate). */
export function AppProviders({ children }: { children: ReactNode }) {
  const [client] = useState(createQueryClient);
  useEffect(() => connectRealtimeToCaches(realtime, client), [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
