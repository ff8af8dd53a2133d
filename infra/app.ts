import { App } from 'aws-cdk-lib';
import { DEFAULT_STAGE, stackName } from '../src/main/aws/outputs';
import { CAFE_IP_RANGES_CONTEXT, parseCafeIpRanges } from './cafe-ip';
import { addNagChecks, CoffeeCloudStack } from './stack';

/**
 * The CDK app: one stack per stage (`-c stage=dev`, default prod); `-c cafeIpRanges=203.0.113.0/24,…`
 * limits staff credentials to the café's public addresses (infra/cafe-ip.ts). No account or region
 * is pinned, so synth needs no AWS credentials and `cdk deploy` uses the caller's profile and region.
 */
const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? DEFAULT_STAGE);

let cafeIpRanges: string[] | undefined;
try {
  cafeIpRanges = parseCafeIpRanges(app.node.tryGetContext(CAFE_IP_RANGES_CONTEXT));
} catch (error) {
  // The message names every bad range; a stack trace would only bury it.
  console.error((error as Error).message);
  process.exit(1);
}

new CoffeeCloudStack(app, stackName(stage), {
  stage,
  cafeIpRanges,
  description: `Coffee Cloud POS (${stage}): DynamoDB tables, Cognito user and identity pools, per-role IAM`,
});
addNagChecks(app);

app.synth();
