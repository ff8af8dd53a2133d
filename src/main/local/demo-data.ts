import type { Category, ModifierGroup, ShopSettings } from '../../shared/menu';
import type { StaffRole } from '../../shared/roles';

/** The demo café the embedded default starts with. The README lists the accounts and items tests rely on. */
export const DEMO_PASSWORD = 'CoffeeCloud#2026';

export const DEMO_SETTINGS: ShopSettings = {
  shopName: 'Coffee Cloud Demo Café',
  currency: 'USD',
  locale: 'en-US',
  taxRateBps: 800,
  taxInclusive: false,
  discountApprovalThresholdBps: 2000,
  boardLateMinutes: 5,
  autoLockMinutes: 2,
  varianceThresholdCents: 500,
  priceCapCents: 100_000,
  delivery: { feeCents: 200, taxed: true },
  loyalty: { earnPointsPerDollar: 1, redeemBlockPoints: 60, redeemBlockValueCents: 200 },
};

/**
 * `pin`: the demo PIN for this till, set when the account signs in without choosing one (local
 * mode only: PINs live in main's memory, so they are given at each sign-in, never stored).
 */
export const DEMO_STAFF: { email: string; name: string; group: StaffRole | 'Customer'; pin?: string }[] = [
  { email: 'manager@coffeecloud.dev', name: 'Morgan Lee', group: 'Admin', pin: '2468' },
  { email: 'barista@coffeecloud.dev', name: 'Jamie Cruz', group: 'Barista', pin: '1357' },
  { email: 'shipper@coffeecloud.dev', name: 'Alex Kim', group: 'Shipper', pin: '8642' },
  { email: 'sam@coffeecloud.dev', name: 'Sam Ortiz', group: 'Shipper', pin: '3141' },
  { email: 'riley@coffeecloud.dev', name: 'Riley Park', group: 'Barista', pin: '9753' },
  { email: 'customer@coffeecloud.dev', name: 'Casey Park', group: 'Customer' },
];

export const DEMO_PINS: Readonly<Record<string, string>> = Object.fromEntries(DEMO_STAFF.flatMap((s) => (s.pin ? [[s.email, s.pin]] : [])));

export const DEMO_CATEGORIES: Category[] = [
  { categoryId: 'coffee', name: 'Coffee', sortOrder: 1 },
  { categoryId: 'tea', name: 'Tea', sortOrder: 2 },
  { categoryId: 'cold', name: 'Cold Drinks', sortOrder: 3 },
  { categoryId: 'bakery', name: 'Bakery', sortOrder: 4 },
  { categoryId: 'breakfast', name: 'Breakfast', sortOrder: 5 },
];

const size: ModifierGroup = {
  groupId: 'size',
  name: 'Size',
  minChoices: 1,
  maxChoices: 1,
  defaultOptionIds: ['small'],
  options: [
    { optionId: 'small', name: 'Small', priceDeltaCents: 0 },
    { optionId: 'medium', name: 'Medium', priceDeltaCents: 50 },
    { optionId: 'large', name: 'Large', priceDeltaCents: 100 },
  ],
};

const milk: ModifierGroup = {
  groupId: 'milk',
  name: 'Milk',
  minChoices: 1,
  maxChoices: 1,
  defaultOptionIds: ['whole'],
  options: [
    { optionId: 'whole', name: 'Whole', priceDeltaCents: 0 },
    { optionId: 'oat', name: 'Oat', priceDeltaCents: 60 },
  ],
};

const milkChoice: ModifierGroup = {
  ...milk,
  options: [
    ...milk.options,
    { optionId: 'skim', name: 'Skim', priceDeltaCents: 0 },
    { optionId: 'almond', name: 'Almond', priceDeltaCents: 60 },
  ],
};

/** A pump more syrup in a bigger cup: the size-dependent delta. */
const syrup: ModifierGroup = {
  groupId: 'syrup',
  name: 'Syrup',
  minChoices: 0,
  maxChoices: 2,
  defaultOptionIds: [],
  options: [
    { optionId: 'vanilla', name: 'Vanilla', priceDeltaCents: 50, deltaBySizeCents: { large: 75 } },
    { optionId: 'caramel', name: 'Caramel', priceDeltaCents: 50, deltaBySizeCents: { large: 75 } },
    { optionId: 'hazelnut', name: 'Hazelnut', priceDeltaCents: 50, deltaBySizeCents: { large: 75 } },
  ],
};

interface DemoProduct {
  productId: string;
  name: string;
  category: string;
  priceCents: number;
  description: string;
  modifierGroups?: ModifierGroup[];
  available?: boolean;
}

export const DEMO_PRODUCTS: DemoProduct[] = [
  { productId: 'espresso', name: 'Espresso', category: 'Coffee', priceCents: 300, description: 'A double shot of our house blend.' },
  { productId: 'latte', name: 'Latte', category: 'Coffee', priceCents: 450, description: 'Espresso with steamed milk.', modifierGroups: [size, milk] },
  { productId: 'cappuccino', name: 'Cappuccino', category: 'Coffee', priceCents: 425, description: 'Espresso, steamed milk and deep foam.', modifierGroups: [size, milkChoice, syrup] },
  { productId: 'flat-white', name: 'Flat White', category: 'Coffee', priceCents: 425, description: 'Ristretto with silky microfoam.', modifierGroups: [milkChoice] },
  { productId: 'americano', name: 'Americano', category: 'Coffee', priceCents: 350, description: 'Espresso lengthened with hot water.', modifierGroups: [size] },
  { productId: 'mocha', name: 'Mocha', category: 'Coffee', priceCents: 500, description: 'Espresso, chocolate and steamed milk.', modifierGroups: [size, milkChoice, syrup] },
  { productId: 'cortado', name: 'Cortado', category: 'Coffee', priceCents: 375, description: 'Equal parts espresso and warm milk.' },
  { productId: 'drip-coffee', name: 'Drip Coffee', category: 'Coffee', priceCents: 275, description: 'Today’s filter roast.', modifierGroups: [size] },
  { productId: 'macchiato', name: 'Macchiato', category: 'Coffee', priceCents: 350, description: 'Espresso marked with foam.' },
  { productId: 'chai-latte', name: 'Chai Latte', category: 'Tea', priceCents: 450, description: 'Spiced black tea with steamed milk.', modifierGroups: [size, milkChoice] },
  { productId: 'matcha-latte', name: 'Matcha Latte', category: 'Tea', priceCents: 500, description: 'Ceremonial matcha with steamed milk.', modifierGroups: [size, milkChoice] },
  { productId: 'english-breakfast', name: 'English Breakfast Tea', category: 'Tea', priceCents: 300, description: 'A pot of strong black tea.' },
  { productId: 'peppermint-tea', name: 'Peppermint Tea', category: 'Tea', priceCents: 300, description: 'Caffeine-free peppermint leaves.' },
  { productId: 'iced-latte', name: 'Iced Latte', category: 'Cold Drinks', priceCents: 500, description: 'Espresso and cold milk over ice.', modifierGroups: [milkChoice, syrup] },
  { productId: 'cold-brew', name: 'Cold Brew', category: 'Cold Drinks', priceCents: 450, description: 'Steeped for 18 hours.', modifierGroups: [size] },
  { productId: 'iced-tea', name: 'Iced Tea', category: 'Cold Drinks', priceCents: 350, description: 'Black tea with lemon.' },
  { productId: 'orange-juice', name: 'Fresh Orange Juice', category: 'Cold Drinks', priceCents: 400, description: 'Squeezed this morning.', available: false },
  { productId: 'blueberry-muffin', name: 'Blueberry Muffin', category: 'Bakery', priceCents: 325, description: 'Baked in-house every morning.' },
  { productId: 'butter-croissant', name: 'Butter Croissant', category: 'Bakery', priceCents: 350, description: 'All-butter, laminated by hand.' },
  { productId: 'almond-croissant', name: 'Almond Croissant', category: 'Bakery', priceCents: 425, description: 'Filled with frangipane.' },
  { productId: 'cinnamon-roll', name: 'Cinnamon Roll', category: 'Bakery', priceCents: 400, description: 'With cream-cheese icing.' },
  { productId: 'cookie', name: 'Chocolate Chip Cookie', category: 'Bakery', priceCents: 250, description: 'Sea salt on top.' },
  { productId: 'avocado-toast', name: 'Avocado Toast', category: 'Breakfast', priceCents: 950, description: 'Sourdough, chili flakes, lime.' },
  { productId: 'breakfast-burrito', name: 'Breakfast Burrito', category: 'Breakfast', priceCents: 895, description: 'Egg, potato, cheddar, salsa.' },
  { productId: 'yogurt-parfait', name: 'Yogurt Parfait', category: 'Breakfast', priceCents: 650, description: 'Greek yogurt, granola, berries.' },
];

/** `address`: where the demo café delivers to them (a delivery order fills it in). */
export const DEMO_CUSTOMERS: { userId: string; name: string; phone: string; email: string; points: number; address?: string }[] = [
  { userId: 'cust-ada', name: 'Ada Lovelace', phone: '+15550100100', email: 'ada@example.com', points: 120, address: '12 Analytical Row, Apt 3' },
  { userId: 'cust-grace', name: 'Grace Hopper', phone: '+15550100101', email: 'grace@example.com', points: 45, address: '1906 Cobol Court' },
  { userId: 'cust-alan', name: 'Alan Turing', phone: '+15550100102', email: 'alan@example.com', points: 300, address: '54 Bletchley Lane' },
  { userId: 'cust-katherine', name: 'Katherine Johnson', phone: '+15550100103', email: 'katherine@example.com', points: 62 },
  { userId: 'cust-margaret', name: 'Margaret Hamilton', phone: '+15550100104', email: 'margaret@example.com', points: 0 },
  { userId: 'cust-edsger', name: 'Edsger Dijkstra', phone: '+15550100105', email: 'edsger@example.com', points: 18 },
  { userId: 'cust-barbara', name: 'Barbara Liskov', phone: '+15550100106', email: 'barbara@example.com', points: 240 },
  { userId: 'cust-donald', name: 'Donald Knuth', phone: '+15550100107', email: 'donald@example.com', points: 59 },
  { userId: 'cust-frances', name: 'Frances Allen', phone: '+15550100108', email: 'frances@example.com', points: 75 },
  { userId: 'cust-tim', name: 'Tim Berners-Lee', phone: '+15550100109', email: 'tim@example.com', points: 130 },
  { userId: 'cust-radia', name: 'Radia Perlman', phone: '+15550100110', email: 'radia@example.com', points: 8 },
];
