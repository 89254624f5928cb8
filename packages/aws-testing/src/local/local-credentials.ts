// What the SDK needs to talk to local stand-ins and nothing else: a region and dummy
// credentials, each only where not already set, so a real AWS profile is never used by
// accident and never overwritten. (Internal: localStandIns calls it.)
export function useLocalCredentials(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_REGION ??= "us-east-1";
  env.AWS_ACCESS_KEY_ID ??= "local";
  env.AWS_SECRET_ACCESS_KEY ??= "local";
}
