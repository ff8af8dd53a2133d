import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { watchConnectivity, type Connectivity } from '../sync/connectivity';

/**
 * Timeouts short enough that a till whose network hangs (rather than refuses) notices within
 * seconds and goes on selling from its journal, long enough for a 100-item sync transaction.
 */
const REQUEST_HANDLER = { connectionTimeout: 1_500, requestTimeout: 3_000, throwOnRequestTimeout: true };

export function createDocumentClient(config: DynamoDBClientConfig, connectivity?: Connectivity): DynamoDBDocumentClient {
  const client = new DynamoDBClient({ requestHandler: REQUEST_HANDLER, maxAttempts: 2, ...config });
  if (connectivity) watchConnectivity(client, connectivity);
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/** Every Query is paged to the end: one page is never "all" of anything. */
export async function queryAll<T>(doc: DynamoDBDocumentClient, input: QueryCommandInput): Promise<T[]> {
  const items: T[] = [];
  let ExclusiveStartKey: QueryCommandInput['ExclusiveStartKey'];
  do {
    const page = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...((page.Items ?? []) as T[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}
