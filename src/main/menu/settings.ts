import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ShopSettings } from '../../shared/menu';
import { AppError } from '../../shared/result';
import { readStoredSettings, type SettingsForEditor } from '../../shared/settings';
import { SETTINGS_ID, type TableNames } from '../data/schema';

const checked = new WeakMap<object, ReturnType<typeof readStoredSettings>>();

/**
 * The settings item as the till prices with it. Settings stored before they were checked (or
 * edited by hand) are refused with what is wrong, rather than charging a tax nobody meant.
 */
export function settingsOf(item: Record<string, unknown>): ShopSettings {
  // Checkout prices with the same cached row many times: check each row once.
  const read = checked.get(item) ?? readStoredSettings(item);
  checked.set(item, read);
  if (read.ok) return read.settings;
  throw new AppError('VALIDATION', `This shop’s settings can’t be used: ${read.problems.join(' ')} A manager can correct them in Menu → Shop settings.`);
}

/**
 * The one writer of the settings item, for the menu editor and the admin CLI alike: settings
 * checked by the shared schema (main's router or the CLI's parse), versioned like the categories
 * so two managers can't overwrite each other unseen.
 */
export function createSettingsAdmin({
  doc,
  tables,
  now = () => new Date(),
  onSaved = () => {},
}: {
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  now?: () => Date;
  /** Whatever holds a copy of the settings drops it. */
  onSaved?: () => void;
}) {
  async function stored(): Promise<Record<string, unknown> | null> {
    const { Item } = await doc.send(new GetCommand({ TableName: tables.Products, Key: { productId: SETTINGS_ID }, ConsistentRead: true }));
    return Item ?? null;
  }

  async function forEditor(): Promise<SettingsForEditor> {
    const item = await stored();
    if (!item) return { settings: {}, version: 0, problems: ['This shop has no settings yet.'] };
    const read = readStoredSettings(item);
    const { productId: _id, updatedAt: _at, updatedBy: _by, version, ...fields } = item;
    return { settings: fields as Partial<ShopSettings>, version: typeof version === 'number' ? version : 0, problems: read.ok ? [] : read.problems };
  }

  /** `expectedVersion` 'latest': the owner's CLI replaces whatever is there. */
  async function save(expectedVersion: number | 'latest', settings: ShopSettings, actor: string): Promise<{ settings: ShopSettings; version: number }> {
    const base = expectedVersion === 'latest' ? (await forEditor()).version : expectedVersion;
    const item = { productId: SETTINGS_ID, ...settings, version: base + 1, updatedAt: now().toISOString(), updatedBy: actor };
    try {
      await doc.send(
        new PutCommand({
          TableName: tables.Products,
          Item: item,
          ConditionExpression: base === 0 ? 'attribute_not_exists(#v) OR #v = :v' : '#v = :v',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':v': base },
        }),
      );
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
        throw new AppError('CONFLICT', 'Someone else changed the shop settings. Look again and reapply.', { existing: await forEditor() });
      }
      throw error;
    }
    onSaved();
    return { settings, version: item.version };
  }

  return { forEditor, save };
}
export type SettingsAdmin = ReturnType<typeof createSettingsAdmin>;
