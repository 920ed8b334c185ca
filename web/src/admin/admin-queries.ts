import { useQuery } from '@tanstack/react-query';
import { client, data } from '../api/http';
import type { Person } from '../api/types';

export const useAdminUnits = () => useQuery({ queryKey: ['admin', 'units'], queryFn: () => data(client.GET('/units')) });
export const usePeople = () => useQuery({ queryKey: ['admin', 'people'], queryFn: () => data(client.GET('/people')) });
export const useAssignments = (unit?: string) =>
  useQuery({ queryKey: ['admin', 'assignments', unit ?? ''], queryFn: () => data(client.GET('/role-assignments', { params: { query: { unit } } })) });

export const nameOf = (people: Person[] | undefined, id: string | null | undefined) => (id ? (people?.find((p) => p.id === id)?.name ?? id) : '');
