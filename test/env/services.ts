/** What the global setup hands to every test file. */
export interface TestServices {
  awsEndpoints: string[];
  redisUrl: string | undefined;
  kubeconfig: string | undefined;
}

declare module "vitest" {
  export interface ProvidedContext {
    services: TestServices;
  }
}
