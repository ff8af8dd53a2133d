import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTableInput, INDEX, tableNames } from '../../src/main/data/schema';
import { ensureTables } from '../../src/main/local/provision';
import { clients } from './helpers';

describe('a data folder kept from an older version', () => {
  it('gets the indexes a newer schema adds, so the board’s change index is there after an upgrade', async () => {
    const { dynamo } = clients();
    const tables = tableNames(`old-${randomBytes(4).toString('hex')}`);
    // The Orders table as it was before the change index.
    const current = createTableInput('Orders', tables.Orders);
    await dynamo.send(
      new CreateTableCommand({
        ...current,
        AttributeDefinitions: current.AttributeDefinitions!.filter((a) => a.AttributeName !== 'updatedAt'),
        GlobalSecondaryIndexes: current.GlobalSecondaryIndexes!.filter((i) => i.IndexName !== INDEX.ordersByChange),
      }),
    );
    await ensureTables(dynamo, tables);
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: tables.Orders }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => [i.IndexName, i.IndexStatus]).toSorted()).toEqual(
      current.GlobalSecondaryIndexes!.map((i) => [i.IndexName, 'ACTIVE']).toSorted(),
    );
  });
});
