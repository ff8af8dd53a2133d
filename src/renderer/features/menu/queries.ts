import { useQuery } from '@tanstack/react-query';
import { callPos } from '../../api/pos';

export const menuKeys = {
  all: ['menu'] as const,
  lists: () => [...menuKeys.all, 'list'] as const,
  settings: () => [...menuKeys.all, 'settings'] as const,
};

export function useMenu() {
  return useQuery({ queryKey: menuKeys.lists(), queryFn: () => callPos('menu.list', {}), staleTime: 10_000, refetchInterval: 10_000 });
}

export function useSettings() {
  return useQuery({ queryKey: menuKeys.settings(), queryFn: () => callPos('settings.get', {}), staleTime: 60_000 });
}
