import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isCustomerDisplay, PosCallError } from './api/pos';
import { App } from './app/App';
import { CustomerDisplay } from './features/display/CustomerDisplay';
import { refetchOnMount, sessionKeys } from './features/session/queries';
import './styles.css';

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    // A session that ended in main (expired, revoked) sends this till back to sign-in.
    onError: (error, query) => {
      if (error instanceof PosCallError && error.code === 'UNAUTHENTICATED' && query.queryKey[0] !== sessionKeys.all[0]) {
        queryClient.setQueryData(sessionKeys.current(), null);
      }
    },
  }),
  defaultOptions: {
    queries: {
      // A refused or invalid call won't get better by repeating it; an offline one might.
      retry: (failures, error) => failures < 2 && error instanceof PosCallError && error.code === 'OFFLINE',
      refetchOnWindowFocus: false,
      refetchOnMount,
    },
    mutations: { retry: false },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      {isCustomerDisplay ? <CustomerDisplay /> : <App />}
    </QueryClientProvider>
  </StrictMode>,
);
