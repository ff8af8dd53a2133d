import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf } from '../../../shared/contract';
import { callPos } from '../../api/pos';

export const menuKeys = {
  all: ['menu'] as const,
  lists: () => [...menuKeys.all, 'list'] as const,
  settings: () => [...menuKeys.all, 'settings'] as const,
  editSettings: () => [...menuKeys.settings(), 'edit'] as const,
  admin: () => [...menuKeys.all, 'admin'] as const,
};

/** Polls so a price change or an 86 on another till shows here within seconds. */
export function useMenu() {
  return useQuery({ queryKey: menuKeys.lists(), queryFn: () => callPos('menu.list', {}), staleTime: 4_000, refetchInterval: 5_000 });
}

/** Polled, more slowly than the menu: a tax or fee changed from another till prices this register's next sale. */
export function useSettings() {
  return useQuery({ queryKey: menuKeys.settings(), queryFn: () => callPos('settings.get', {}), staleTime: 30_000, refetchInterval: 30_000 });
}

/** The stored settings as they are (wrong ones included), for the manager to correct. */
export function useEditSettings() {
  return useQuery({ queryKey: menuKeys.editSettings(), queryFn: () => callPos('settings.edit', {}) });
}

/** New settings change what every screen formats and charges: the settings key covers the editor's copy too. */
export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (i: InputOf<'settings.save'>) => callPos('settings.save', i),
    onSettled: () => queryClient.invalidateQueries({ queryKey: menuKeys.settings() }),
  });
}

export function useAdminMenu() {
  return useQuery({ queryKey: menuKeys.admin(), queryFn: () => callPos('menu.adminList', {}) });
}

/** Any menu write changes what the register sells and what the editor lists. */
function useMenuMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: menuKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: menuKeys.admin() });
    },
  });
}

export const useCreateProduct = () => useMenuMutation((i: InputOf<'menu.create'>) => callPos('menu.create', i));
export const useUpdateProduct = () => useMenuMutation((i: InputOf<'menu.update'>) => callPos('menu.update', i));
export const useSetAvailable = () => useMenuMutation((i: InputOf<'menu.setAvailable'>) => callPos('menu.setAvailable', i));
export const useArchiveProduct = () => useMenuMutation((i: InputOf<'menu.archive'>) => callPos('menu.archive', i));
export const useRollbackPrice = () => useMenuMutation((i: InputOf<'menu.rollbackPrice'>) => callPos('menu.rollbackPrice', i));
export const useSchedulePrice = () => useMenuMutation((i: InputOf<'menu.schedulePrice'>) => callPos('menu.schedulePrice', i));
export const useSaveCategories = () => useMenuMutation((i: InputOf<'menu.saveCategories'>) => callPos('menu.saveCategories', i));
