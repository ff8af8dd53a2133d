import { App } from 'aws-cdk-lib';
import { DEFAULT_STAGE, stackName } from '../src/main/aws/outputs';
import { addNagChecks, CoffeeCloudStack } from './stack';

/**
 * The CDK app: one stack per stage (`-c stage=dev`, default prod). No account or region is pinned,
 * so synth needs no AWS credentials and `cdk deploy` uses the caller's profile and region.
 */
const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? DEFAULT_STAGE);

new CoffeeCloudStack(app, stackName(stage), {
  stage,
  description: `Coffee Cloud POS (${stage}): DynamoDB tables, Cognito user and identity pools, per-role IAM`,
});
addNagChecks(app);

app.synth();
