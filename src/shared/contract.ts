import { z } from 'zod';
import type { Menu, ShopSettings } from './menu';
import type { OrderSummary } from './orders';
import type { Result } from './result';
import type { Screen, StaffRole } from './roles';

/**
 * The IPC contract: every channel main answers, its input schema, who may call it, and (as a type)
 * what it returns. Main registers exactly these channels, the preload exposes exactly these
 * functions, and the renderer's hooks are typed by them.
 */

const email = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email({ error: 'That email address doesn’t look right. Check it for typos.' }))
  .transform((value) => value.toLowerCase());

const password = z
  .string({ error: 'Enter your password.' })
  .min(1, 'Enter your password.')
  .max(256, 'That password is too long.');

const newPassword = z
  .string({ error: 'Choose a new password.' })
  .min(1, 'Choose a new password.')
  .max(256, 'That password is too long.');

const resetCode = z
  .string({ error: 'Enter the code from the email.' })
  .trim()
  .regex(/^\d{6}$/, 'The code is the 6 digits from the email.');

const businessDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Dates look like 2026-11-25.');

const empty = z.strictObject({});

export interface SessionView {
  email: string;
  name: string;
  role: StaffRole;
  roleLabel: string;
  screens: readonly Screen[];
}

export type SignInResult =
  | { status: 'SIGNED_IN'; session: SessionView }
  | { status: 'NEW_PASSWORD_REQUIRED'; email: string };

/** 'public' channels run without a session; the others list the staff roles allowed. */
export type Access = 'public' | readonly StaffRole[];

const ALL_STAFF: readonly StaffRole[] = ['Admin', 'Barista', 'Shipper'];

interface ChannelDef<S extends z.ZodType, O> {
  input: S;
  access: Access;
  /** Phantom: carries the output type only. */
  output?: O;
}

const channel =
  <O>() =>
  <S extends z.ZodType>(def: { input: S; access: Access }): ChannelDef<S, O> =>
    def;

export const contract = {
  'auth.session': channel<SessionView | null>()({ input: empty, access: 'public' }),
  'auth.signIn': channel<SignInResult>()({
    input: z.strictObject({ email, password }),
    access: 'public',
  }),
  'auth.completeNewPassword': channel<SessionView>()({
    input: z.strictObject({ newPassword }),
    access: 'public',
  }),
  'auth.forgotPassword': channel<{ destination: string }>()({
    input: z.strictObject({ email }),
    access: 'public',
  }),
  'auth.confirmForgotPassword': channel<{ reset: true }>()({
    input: z.strictObject({ email, code: resetCode, newPassword }),
    access: 'public',
  }),
  'auth.signOut': channel<{ signedOut: true }>()({ input: empty, access: 'public' }),
  'settings.get': channel<ShopSettings>()({ input: empty, access: ALL_STAFF }),
  'menu.list': channel<Menu>()({ input: empty, access: ['Admin', 'Barista'] }),
  'orders.board': channel<OrderSummary[]>()({
    input: z.strictObject({ businessDate: businessDate.optional() }),
    access: ALL_STAFF,
  }),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(contract) as Channel[];

export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
export type OutputOf<C extends Channel> = Contract[C] extends ChannelDef<z.ZodType, infer O> ? O : never;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

type DomainOf<C> = C extends `${infer D}.${string}` ? D : never;
type VerbOf<C, D extends string> = C extends `${D}.${infer V}` ? V : never;

/** window.pos: one async function per channel, grouped by domain (`pos.auth.signIn(...)`). */
export type PosApi = {
  [D in DomainOf<Channel>]: {
    [C in Channel as VerbOf<C, D>]: (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;
  };
};

/** The IPC channel name Electron uses for a contract channel. */
export const ipcChannelName = (c: Channel): string => `pos:${c}`;
