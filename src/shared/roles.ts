/** Cognito groups, highest privilege first: a user in several groups acts as the first one listed. */
export const GROUPS = ['Admin', 'Barista', 'Shipper', 'Customer'] as const;
export type Group = (typeof GROUPS)[number];
export type StaffRole = Exclude<Group, 'Customer'>;

export const STAFF_ROLES: readonly StaffRole[] = ['Admin', 'Barista', 'Shipper'];

/** What the header shows; "Admin" is a manager to the people in the shop. */
export const ROLE_LABEL: Record<StaffRole, string> = {
  Admin: 'Manager',
  Barista: 'Barista',
  Shipper: 'Shipper',
};

/** The staff role a set of Cognito groups grants, or null when the account may not use the POS. */
export function staffRoleOf(groups: readonly string[]): StaffRole | null {
  return STAFF_ROLES.find((role) => groups.includes(role)) ?? null;
}

export type Screen = 'register' | 'board' | 'loyalty' | 'menu' | 'drawer' | 'reports' | 'staff' | 'timecards' | 'shipper';

/** Which screens each role reaches; the first one is where sign-in lands. */
export const SCREENS_BY_ROLE: Record<StaffRole, readonly Screen[]> = {
  Admin: ['register', 'board', 'loyalty', 'menu', 'drawer', 'reports', 'staff', 'timecards'],
  Barista: ['register', 'board', 'loyalty', 'drawer'],
  // A shipper's deliveries only: the board shows prices and lines a shipper has no need of.
  Shipper: ['shipper'],
};
